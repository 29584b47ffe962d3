"""Every consent form: the storyteller's (in their language), the staff's (consent given at ingest and
given again, a story taken back on the storyteller's word, a new secret), and the admin's (versions of
the consent form). Each is checked again by the service it feeds, which gives the messages.
"""

from __future__ import annotations

from datetime import date, datetime, time

from flask_babel import gettext, lazy_gettext, ngettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from archive.forms import MultiCheckboxField, RadioChoices, choices
from archive.i18n import available_locales
from archive.languages import named
from archive.models import Consent, ConsentMethod, Story, utcnow

from .changes import N_, Uses
from .records import ConsentTerms
from .words import MODALITY_WORDS, PURPOSE_WORDS


# -- the storyteller's ------------------------------------------------------------------------------
class _Catalogue:
    """WTForms' own messages, looked up in the storyteller's catalogue (WTForms has no Swahili)."""

    def gettext(self, string: str) -> str:
        return gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return ngettext(singular, plural, n)


# The WTForms messages the storyteller's forms can show, so the catalogue has them.
WTFORMS_MESSAGES = (N_("Not a valid date value."),)


class StorytellerForm(FlaskForm):
    """A form on the storyteller's pages: every message it can show is in their language."""

    class Meta:
        def get_translations(self, form):
            return _Catalogue()


TOO_LONG = N_("This is longer than anything printed on the card. Check it and try again.")


class CodeForm(StorytellerForm):
    code = StringField(
        lazy_gettext("Code on your card"),
        validators=[
            DataRequired(lazy_gettext("Type the code from your card.")),
            Length(max=40, message=lazy_gettext(TOO_LONG)),
        ],
    )
    secret = PasswordField(
        lazy_gettext("Secret on your card"),
        validators=[
            DataRequired(lazy_gettext("Type the secret from your card.")),
            Length(max=60, message=lazy_gettext(TOO_LONG)),
        ],
    )


class UsesForm(StorytellerForm):
    purposes = MultiCheckboxField(lazy_gettext("What your story may be used for"))
    modalities = MultiCheckboxField(lazy_gettext("What may be used"))

    def fill(self, consent: Consent) -> None:
        """Offer only what the consent allows now: this form can remove uses, never add them."""
        self.purposes.choices = [(p, gettext(PURPOSE_WORDS[p])) for p in consent.purposes]
        self.modalities.choices = [(m, gettext(MODALITY_WORDS[m])) for m in consent.modalities]
        if not self.is_submitted():
            self.purposes.data = list(consent.purposes)
            self.modalities.data = list(consent.modalities)

    def uses(self) -> Uses:
        return Uses(frozenset(self.purposes.data or ()), frozenset(self.modalities.data or ()))


class PeriodForm(StorytellerForm):
    ends_on = DateField(lazy_gettext("Last day"), validators=[Optional()])
    no_end = BooleanField(lazy_gettext("No end date"))


# -- the staff's ------------------------------------------------------------------------------------
PURPOSES = [
    ("teaching", "Teaching health workers in a closed course"),
    ("public", "A public library anyone can read"),
    ("research", "Research"),
]
MODALITIES = [("text", "The written story (with identifiers removed)"), ("audio", "The voice recording")]
METHODS = [
    (ConsentMethod.SIGNED.value, "Signed the form"),
    (ConsentMethod.THUMBPRINT.value, "Thumbprint on the form"),
    (ConsentMethod.VERBAL_RECORDED.value, "Said aloud and recorded"),
    (ConsentMethod.GUARDIAN.value, "A guardian agreed on behalf of a minor"),
    (ConsentMethod.GUARDIAN_ADULT.value, "A guardian agreed on behalf of an adult who cannot consent"),
]


class ConsentFields(FlaskForm):
    """What a storyteller agrees to, asked the same way at ingest and when they consent again."""

    purposes = MultiCheckboxField(
        "The storyteller agreed the story may be used for", choices=choices(PURPOSES)
    )
    modalities = MultiCheckboxField("What may be used", choices=choices(MODALITIES))
    voice_disguise = BooleanField("The recording may be heard only with the voice disguised")
    preview_wanted = BooleanField("The storyteller wants to read or hear their story before it is published")
    storyteller_language = SelectField("Language of the storyteller's card and pages", validate_choice=False)
    method = RadioChoices("How consent was given", choices=choices(METHODS), validate_choice=False)
    witness = StringField("Witness name")
    place = StringField("Where consent was taken (village, clinic)")
    given_on = DateField("Consent given on", validators=[Optional()])
    expires_on = DateField("Consent ends on (leave empty for no end)", validators=[Optional()])
    comes_of_age_on = DateField("The storyteller comes of age on", validators=[Optional()])

    def fill_reader_languages(self) -> None:
        """Offer the languages the storyteller's pages speak; by default the story's, else English."""
        self.storyteller_language.choices = choices(
            [("", "The story's language where the pages speak it, else English")]
            + [(code, named(code)) for code in available_locales()]
        )

    def terms(self) -> ConsentTerms:
        """The terms as typed (the form version is the caller's: chosen at ingest, the current one when
        consent is given again)."""
        return ConsentTerms(
            purposes=frozenset(self.purposes.data or []),
            modalities=frozenset(self.modalities.data or []),
            method=self.method.data or "",
            witness=self.witness.data or "",
            voice_disguise=bool(self.voice_disguise.data),
            place=self.place.data or "",
            given_at=start_of(self.given_on.data),
            expires_at=datetime.combine(self.expires_on.data, time.min) if self.expires_on.data else None,
            comes_of_age_on=self.comes_of_age_on.data,
            storyteller_language=self.storyteller_language.data or "",
            preview_wanted=bool(self.preview_wanted.data),
        )


def start_of(day: date | None) -> datetime | None:
    """Consent given today starts now; on an earlier day, at that day's start."""
    if day is None:
        return None
    now = utcnow()
    return now if day == now.date() else datetime.combine(day, time.min)


class RenewalForm(ConsentFields):
    """The consent the storyteller gives again, on the current form: chosen afresh, as at ingest."""

    def fill(self, story: Story, of_age: bool) -> None:
        # A storyteller who came of age consents themself (or, unable to, through a guardian for an adult).
        # No recording is taken here, so "said aloud and recorded" is not offered (renew refuses it too).
        self.method.choices = choices(
            m
            for m in METHODS
            if m[0] != ConsentMethod.VERBAL_RECORDED and not (of_age and m[0] == ConsentMethod.GUARDIAN)
        )
        self.fill_reader_languages()
        if not self.is_submitted():
            consent = story.consent
            self.purposes.data = list(consent.purposes)
            self.modalities.data = list(consent.modalities)
            self.voice_disguise.data = consent.voice_disguise
            self.preview_wanted.data = consent.preview_wanted
            self.storyteller_language.data = consent.storyteller_language or ""
            self.given_on.data = utcnow().date()


class WithdrawOnWordForm(FlaskForm):
    asked = BooleanField(
        "The storyteller (or their guardian) told me they want their story taken back, and I checked "
        "it is them"
    )


class SecretResetForm(FlaskForm):
    checked = BooleanField("I have checked this person is the storyteller or their guardian")


# -- the admin's ------------------------------------------------------------------------------------
class ConsentFormVersionForm(FlaskForm):
    """A new version of a language's consent form; every limit is checked by the service."""

    language = SelectField("Language of the form", validate_choice=False)
    version = StringField("Version label (e.g. 2027-1)")
    title = StringField("Title")
    text = TextAreaField("Full text, as it is read or given to the storyteller")
    requires_reconsent = BooleanField(
        "Ask everyone who signed an earlier version of this language's form to consent again"
    )


class FormCorrectionForm(FlaskForm):
    title = StringField("Title")
    text = TextAreaField("Full text")
