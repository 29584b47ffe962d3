"""The facilitator's forms: a story's details (also corrected later, by the facilitator or a reviewer)
and the new-story form, which adds the story itself, its recordings and the consent.

Every limit is checked by the services the forms feed (``ingest.details``, ``ingest.stories``), which
give one clear message per field; the request size cap bounds what reaches them.
"""

from __future__ import annotations

from dataclasses import replace

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from archive import vocabulary
from archive.forms import MultiCheckboxField, choices, lines
from archive.languages import STORY_LANGUAGES, is_language, language_name, named
from consent.form_versions import usable_forms
from consent.forms import ConsentFields
from consent.records import DeviceCard

from .details import StoryDetails
from .speech_models import installed
from .stories import TypedStorySubmission

# The picker's choice for a language not in its list: its code is typed in ``language_other``.
OTHER = "other"


class StoryDetailsForm(FlaskForm):
    """Title, topics, warnings, free tags and known identifiers: at upload, and corrected afterwards."""

    title = StringField("Title")
    topics = MultiCheckboxField("Topics")
    free_tags = StringField("Other tags (separated by commas)")
    warnings = MultiCheckboxField("Content warnings")
    speaker = StringField("Storyteller's name")
    relatives = TextAreaField("Relatives' and others' names (one per line)")
    village = StringField("Village or town")
    clinic = StringField("Clinic or hospital")
    other_identifiers = TextAreaField("Other identifying words: phone numbers, record numbers (one per line)")

    def fill_tags(self) -> None:
        """Offer the vocabulary's topics (under its category headings) and content warnings."""
        groups = vocabulary.topics_by_category()
        self.topic_groups = [(g.heading, {t.slug for t in g.tags}) for g in groups]
        self.topics.choices = choices((t.slug, t.label) for g in groups for t in g.tags)
        self.warnings.choices = choices((t.slug, t.label) for t in vocabulary.controlled("warning"))

    def show(self, details: StoryDetails) -> None:
        """Fill the fields from a saved story's details (see ``ingest.details.details_of``)."""
        self.title.data = details.title
        self.topics.data = list(details.topic_slugs)
        self.warnings.data = list(details.warning_slugs)
        self.free_tags.data = ", ".join(details.free_tags)
        by_role: dict[str, list[str]] = {}
        for role, value in details.known:
            by_role.setdefault(role, []).append(value)
        self.speaker.data = ", ".join(by_role.get("speaker", []))
        self.relatives.data = "\n".join(by_role.get("relative", []))
        self.village.data = ", ".join(by_role.get("village", []))
        self.clinic.data = ", ".join(by_role.get("clinic", []))
        self.other_identifiers.data = "\n".join(by_role.get("other", []))

    def details(self) -> StoryDetails:
        known = []
        if (self.speaker.data or "").strip():
            known.append(("speaker", self.speaker.data))
        known += [("relative", v) for v in lines(self.relatives.data)]
        if (self.village.data or "").strip():
            known.append(("village", self.village.data))
        if (self.clinic.data or "").strip():
            known.append(("clinic", self.clinic.data))
        known += [("other", v) for v in lines(self.other_identifiers.data)]
        return StoryDetails(
            title=self.title.data or "",
            topic_slugs=tuple(dict.fromkeys(self.topics.data or [])),
            free_tags=tuple(t.strip() for t in (self.free_tags.data or "").split(",") if t.strip()),
            warning_slugs=tuple(dict.fromkeys(self.warnings.data or [])),
            known=tuple(known),
        )


# Where the service's reasons are shown on the details form.
DETAILS_FIELDS = {"tags": "topics", "known": "relatives"}


def language_choices(chosen: str = "") -> list[SelectChoice]:
    """The story-language picker as the facilitator meets it, in groups (``<optgroup>``):

    first the languages this server can transcribe (a speech model is installed), then the living
    languages stories are told in, each saying that a recording in it waits for a speech model, then
    "another language" (its code typed beside). A chosen language outside the list is offered too.
    """
    with_model = sorted({m.lang for m in installed()}, key=language_name)
    waiting = sorted((c for c in STORY_LANGUAGES if c not in with_model), key=language_name)
    if chosen and is_language(chosen) and chosen not in with_model and chosen not in waiting:
        waiting = sorted([*waiting, chosen], key=language_name)
    here, later = (
        "Transcribed on this server",
        "No speech model here yet: a recording waits (typed stories are fine)",
    )
    return [
        *(SelectChoice(c, f"{named(c)} ✓ transcribed", optgroup=here) for c in with_model),
        *(SelectChoice(c, named(c), optgroup=later) for c in waiting),
        SelectChoice(OTHER, "Another language: type its code below", optgroup="Not in this list"),
    ]


class NewStoryForm(StoryDetailsForm, ConsentFields):
    """The one new-story form: a typed story or a recording, with its consent.

    A recording that passed its checks on a refused try comes back as a token (``*_kept``, see
    ``ingest.kept_uploads``); ``forget`` names the kept ones to remove as the form is sent.
    """

    submission_key = HiddenField()
    # A recording sent ahead by the page's resumable upload (``ingest.resumable``): its upload id.
    recording_upload = HiddenField()
    consent_recording_upload = HiddenField()
    # A consent card made on the facilitator's phone while offline (``consent.records.DeviceCard``).
    card_code = HiddenField()
    card_secret = HiddenField()
    recording = FileField("Recording (wav, mp3, m4a, ogg/opus voice note, amr, flac, webm)")
    recording_kept = HiddenField()
    text = TextAreaField("Or the story typed, in the storyteller's words")
    language = SelectField("Language of the story", validate_choice=False)
    language_other = StringField("Another language: its two-letter ISO 639-1 code (e.g. lu, fj)")
    consent_recording = FileField("Recording of the storyteller agreeing")
    consent_recording_kept = HiddenField()
    form_id = SelectField("Consent form explained", validate_choice=False)
    form_version = StringField("Consent form version (only when no form above fits)")
    # "Remove this recording" beside a kept one (the template renders the boxes beside each).
    forget = MultiCheckboxField(choices=choices([("recording", ""), ("consent_recording", "")]))

    # The order the page shows the fields in, for the error summary at its top.
    ORDER = (
        "title",
        "language",
        "language_other",
        "recording",
        "text",
        "topics",
        "free_tags",
        "warnings",
        "speaker",
        "relatives",
        "village",
        "clinic",
        "other_identifiers",
        "purposes",
        "modalities",
        "voice_disguise",
        "method",
        "witness",
        "consent_recording",
        "comes_of_age_on",
        "place",
        "given_on",
        "expires_on",
        "form_id",
        "form_version",
        "storyteller_language",
        "preview_wanted",
    )

    def fill_choices(self) -> None:
        self.fill_tags()
        self.fill_reader_languages()
        if self.is_submitted() and (self.language.data or "") not in ("", OTHER):
            code = self.language.data
            if not any(code == c.value for c in language_choices()):
                # A code sent that the list does not hold: show it where it can be corrected.
                self.language_other.data, self.language.data = code, OTHER
        self.language.choices = language_choices(self.chosen_language())
        self.form_id.choices = choices(
            [("", "The newest form in the story's language")]
            + [(str(f.id), f"{language_name(f.language)}: v{f.version}, {f.title}") for f in usable_forms()]
        )

    def chosen_language(self) -> str:
        """The story's language: the one picked, or the code typed for "another language"."""
        if self.language.data == OTHER:
            return (self.language_other.data or "").strip().lower()
        return self.language.data or ""

    def submission(self) -> TypedStorySubmission:
        details = self.details()
        return TypedStorySubmission(
            submission_key=self.submission_key.data or "",
            title=details.title,
            text=self.text.data or "",
            language=self.chosen_language(),
            topic_slugs=details.topic_slugs,
            free_tags=details.free_tags,
            warning_slugs=details.warning_slugs,
            known=details.known,
            consent=replace(
                self.terms(), form_version=self.form_version.data or "", form_id=_form_id(self.form_id.data)
            ),
            card=self.card(),
        )

    def card(self) -> DeviceCard | None:
        code, secret = (self.card_code.data or "").strip(), (self.card_secret.data or "").strip()
        return DeviceCard(code[:20], secret[:20]) if code or secret else None


def _form_id(raw: str | None) -> int | None:
    """The chosen form's id; None for the default; -1 (refused as not in the list) for anything else."""
    raw = (raw or "").strip()
    if not raw:
        return None
    return int(raw) if raw.isdigit() and len(raw) <= 9 else -1


# Where the service's reasons are shown on the new-story form.
REASON_FIELDS = {
    **DETAILS_FIELDS,
    "consent_purposes": "purposes",
    "consent_modalities": "modalities",
    "consent_voice_disguise": "voice_disguise",
    "consent_method": "method",
    "consent_witness": "witness",
    "consent_form_version": "form_version",
    "consent_form_id": "form_id",
    "consent_language": "form_id",
    "consent_place": "place",
    "consent_given_at": "given_on",
    "consent_expires_at": "expires_on",
    "consent_comes_of_age_on": "comes_of_age_on",
    "consent_storyteller_language": "storyteller_language",
    "audio": "recording",
}
