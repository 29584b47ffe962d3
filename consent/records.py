"""Granting consent: the record, its printed code and its secret (stored only as a hash)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from archive.crypto import (
    CODE_ALPHABET,
    CODE_LENGTH,
    SECRET_LENGTH,
    IdentifierCipher,
    hash_secret,
    new_consent_code,
    new_consent_secret,
    normalise_code,
)
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.i18n import available_locales
from archive.languages import is_language
from archive.models import (
    Consent,
    ConsentEventKind,
    ConsentForm,
    ConsentMethod,
    Modality,
    Purpose,
    utcnow,
)
from archive.text import clean_line

from .events import EventDetails, record_event
from .form_versions import current_form

# The width of Consent.form_version; PostgreSQL refuses longer values with an error, not a message.
FORM_VERSION_CHARS = 40
PLACE_CHARS = 200
# Consent given by someone on the storyteller's behalf: for a minor, or for an adult who cannot consent.
GUARDIAN_METHODS = {ConsentMethod.GUARDIAN, ConsentMethod.GUARDIAN_ADULT}
# Methods where someone other than the storyteller must witness the consent.
WITNESSED_METHODS = {ConsentMethod.THUMBPRINT, *GUARDIAN_METHODS}


@dataclass(frozen=True)
class ConsentTerms:
    purposes: frozenset[str]
    modalities: frozenset[str]
    method: str
    witness: str = ""
    form_version: str = ""
    expires_at: datetime | None = None
    # The recording may be heard only with the voice disguised (see ingest.audio_redaction).
    voice_disguise: bool = False
    # The versioned form explained (consent.form_versions); its label replaces ``form_version``.
    form_id: int | None = None
    # The language the form was explained in; the form's own when ``form_id`` is given.
    language: str = ""
    # Where consent was taken; stored encrypted like the witness.
    place: str = ""
    # When consent was given, the start of its period (None: now).
    given_at: datetime | None = None
    # A guardian's consent for a minor: the day the storyteller comes of age.
    comes_of_age_on: date | None = None
    # The language the storyteller reads: their card and pages are in it ("": keep it as it was).
    storyteller_language: str = ""
    # The storyteller wants to read or hear their story before it is published.
    preview_wanted: bool = False


def coming_of_age_grace() -> timedelta:
    """How long a guardian's consent still covers a story after the storyteller comes of age."""
    return timedelta(days=float(current_app.config["CONSENT_EXPIRY_GRACE_DAYS"]))


def guardian_limit(method: str, comes_of_age_on: date | None) -> datetime | None:
    """The latest end of a guardian's consent for a minor; None for any other consent.

    Once the storyteller comes of age, the guardian's word no longer covers their story: re-consent
    is due at once, and after a grace period (``CONSENT_EXPIRY_GRACE_DAYS``) the consent's period
    ends, so the story is hidden and then treated like any expired consent, unless the storyteller
    consents themself meanwhile (``consent.reconsent.renew``). The limit is the consent's end date, so
    the publication rule, the expiry job, the storyteller's page and the FHIR export all see it.
    """
    if method != ConsentMethod.GUARDIAN or comes_of_age_on is None:
        return None
    return datetime.combine(comes_of_age_on, time.min) + coming_of_age_grace()


def capped_end(expires_at: datetime | None, limit: datetime | None) -> datetime | None:
    """The earlier of a chosen end and a limit (None: no end, or no limit)."""
    if limit is None:
        return expires_at
    return limit if expires_at is None else min(expires_at, limit)


def with_form(terms: ConsentTerms, story_language: str) -> ConsentTerms:
    """Fill in the form version: the chosen one, else the newest usable one in the story's language.

    With no form written for that language, the typed ``form_version`` label stays as it is (the
    way consents were recorded before forms were documents).
    """
    form = db.session.get(ConsentForm, terms.form_id) if terms.form_id is not None else None
    if terms.form_id is None:
        form = current_form(story_language)
    if form is None:
        return replace(terms, language=terms.language or story_language)
    return replace(terms, form_id=form.id, form_version=form.version, language=form.language)


def validate_terms(terms: ConsentTerms) -> dict[str, list[str]]:
    """Return the problems with ``terms`` as {field: [messages]} (empty when fine)."""
    reasons: dict[str, list[str]] = {}
    purposes = {p.value for p in Purpose}
    modalities = {m.value for m in Modality}
    if not terms.purposes:
        reasons.setdefault("purposes", []).append("Record at least one purpose the storyteller agreed to.")
    elif not terms.purposes <= purposes:
        reasons.setdefault("purposes", []).append("Unknown purpose.")
    if not terms.modalities:
        reasons.setdefault("modalities", []).append(
            "Record whether the text, the audio, or both may be used."
        )
    elif not terms.modalities <= modalities:
        reasons.setdefault("modalities", []).append("Unknown modality.")
    if terms.voice_disguise and Modality.AUDIO not in terms.modalities:
        # Refused, not dropped: the facilitator may have meant to tick the recording as well.
        reasons.setdefault("voice_disguise", []).append(
            "A disguised voice applies only when the recording may be used: tick the voice recording "
            "as well, or leave this out."
        )
    if terms.method not in {m.value for m in ConsentMethod}:
        reasons.setdefault("method", []).append("Choose how consent was given.")
    elif terms.method in WITNESSED_METHODS and not terms.witness.strip():
        reasons.setdefault("witness", []).append("A thumbprint or a guardian's consent needs a witness name.")
    if len(clean_line(terms.witness)) > 200:
        reasons.setdefault("witness", []).append("Keep the witness name under 200 characters.")
    version = clean_line(terms.form_version)
    # With a chosen form the label is the form's own (checked below); typed labels are checked here.
    if terms.form_id is None and not version:
        reasons.setdefault("form_version", []).append("Record which consent form version was used.")
    elif terms.form_id is None and len(version) > FORM_VERSION_CHARS:
        reasons.setdefault("form_version", []).append(
            f"Keep the form version to at most {FORM_VERSION_CHARS} characters."
        )
    now = utcnow()
    if terms.form_id is not None:
        form = db.session.get(ConsentForm, terms.form_id)
        if form is None:
            reasons.setdefault("form_id", []).append("Choose a consent form version from the list.")
        elif form.retired_at is not None:
            reasons.setdefault("form_id", []).append(
                f"Version {form.version} of the form was retired: choose a current version."
            )
    if terms.language and not is_language(terms.language):
        reasons.setdefault("language", []).append("Choose the language the form was explained in.")
    if terms.storyteller_language and terms.storyteller_language not in available_locales():
        reasons.setdefault("storyteller_language", []).append(
            "Choose a language of the storyteller's card and pages from the list."
        )
    if len(clean_line(terms.place)) > PLACE_CHARS:
        reasons.setdefault("place", []).append(f"Keep the place to at most {PLACE_CHARS} characters.")
    if terms.given_at is not None and terms.given_at > now:
        reasons.setdefault("given_at", []).append("Consent cannot have been given on a future date.")
    if terms.expires_at is not None and terms.expires_at <= now:
        reasons.setdefault("expires_at", []).append("An end date must be in the future.")
    elif terms.expires_at is not None and terms.given_at is not None and terms.expires_at <= terms.given_at:
        reasons.setdefault("expires_at", []).append("The end date must come after consent was given.")
    if terms.method == ConsentMethod.GUARDIAN:
        if terms.comes_of_age_on is None:
            reasons.setdefault("comes_of_age_on", []).append(
                "A guardian's consent needs the date the storyteller comes of age, when their own "
                "consent will be asked."
            )
        elif terms.comes_of_age_on <= now.date():
            reasons.setdefault("comes_of_age_on", []).append(
                f"The storyteller came of age on {terms.comes_of_age_on.isoformat()}: a guardian can no "
                "longer consent for them. Ask the storyteller for their own consent."
            )
    elif terms.method == ConsentMethod.GUARDIAN_ADULT and terms.comes_of_age_on is not None:
        reasons.setdefault("comes_of_age_on", []).append(
            "A guardian for an adult who cannot consent gives no coming-of-age date: leave it out, or "
            "choose a guardian for a minor."
        )
    elif terms.comes_of_age_on is not None:
        reasons.setdefault("comes_of_age_on", []).append(
            "A coming-of-age date belongs only to a guardian's consent: choose that way of giving "
            "consent, or leave the date out."
        )
    return reasons


def _unused_code() -> str:
    for _ in range(20):
        code = new_consent_code()
        if db.session.scalar(select(Consent.id).where(Consent.code == code)) is None:
            return code
    raise RuntimeError("could not find an unused consent code")  # 29^8 codes: practically unreachable


# Said when a card made on the facilitator's phone (offline) has a code another consent holds: the
# storyteller's card would open someone else's pages, so the story waits for a new card.
CARD_CODE_IN_USE = (
    "The consent card made on the phone has a code that is in use already. Give the storyteller a "
    "new card (the page makes one) and send the story again."
)


@dataclass(frozen=True)
class DeviceCard:
    """A consent card made on the facilitator's device while offline: the code and secret the
    storyteller already holds. The server keeps the code and the secret's hash, as for its own cards."""

    code: str
    secret: str

    @property
    def normalised(self) -> DeviceCard:
        return DeviceCard(normalise_code(self.code), normalise_code(self.secret))


def check_card(card: DeviceCard) -> dict[str, list[str]]:
    """A device's card: a code and a secret of the card alphabet and lengths, the code unused."""
    card = card.normalised
    shaped = (
        len(card.code) == CODE_LENGTH
        and len(card.secret) == SECRET_LENGTH
        and all(ch in CODE_ALPHABET for ch in card.code + card.secret)
    )
    if not shaped:
        return {
            "card": ["The consent card made on the phone could not be read. Reload the page and try again."]
        }
    if db.session.scalar(select(Consent.id).where(Consent.code == card.code)) is not None:
        return {"card": [CARD_CODE_IN_USE]}
    return {}


def grant(
    terms: ConsentTerms,
    recorded_by_id: int | None,
    channel: str = "staff_web",
    card: DeviceCard | None = None,
) -> tuple[Consent, str]:
    """Create a consent record (not committed); return it with the secret to print on the card.

    With ``card`` (made on the facilitator's device) its code and secret are used instead of new ones.
    """
    reasons = validate_terms(terms)
    if card is not None:
        reasons.update(check_card(card))
    if reasons:
        raise ValidationFailed(reasons)
    if card is not None:
        code, secret = card.normalised.code, card.normalised.secret
    else:
        code, secret = _unused_code(), new_consent_secret()
    consent = Consent(code=code, secret_hash=hash_secret(secret))
    write_terms(consent, terms, recorded_by_id)
    db.session.add(consent)
    db.session.flush()
    details = EventDetails(form_version=consent.form_version)
    record_event(consent, ConsentEventKind.GRANTED, channel, recorded_by_id, details)
    return consent, secret


def write_terms(consent: Consent, terms: ConsentTerms, recorded_by_id: int | None) -> None:
    """Set the consent's terms from validated ``terms`` (a new consent, or one given again)."""
    witness = clean_line(terms.witness)
    place = clean_line(terms.place)
    cipher = IdentifierCipher(current_app.config["IDENTIFIER_KEY"])
    for purpose in Purpose:
        setattr(consent, f"purpose_{purpose}", purpose in terms.purposes)
    for modality in Modality:
        setattr(consent, f"modality_{modality}", modality in terms.modalities)
    consent.voice_disguise = terms.voice_disguise
    consent.method = terms.method
    consent.witness_encrypted = cipher.encrypt(witness) if witness else None
    consent.place_encrypted = cipher.encrypt(place) if place else None
    consent.form_version = clean_line(terms.form_version)
    consent.form_id = terms.form_id
    consent.language = terms.language or None
    consent.given_at = terms.given_at or utcnow()
    consent.expires_at = capped_end(terms.expires_at, guardian_limit(terms.method, terms.comes_of_age_on))
    consent.comes_of_age_on = terms.comes_of_age_on if terms.method == ConsentMethod.GUARDIAN else None
    consent.recorded_by_id = recorded_by_id
    consent.storyteller_language = terms.storyteller_language or consent.storyteller_language
    consent.preview_wanted = terms.preview_wanted
