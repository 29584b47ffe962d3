"""Granting consent: the record, its printed code and its secret (stored only as a hash)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select

from archive.crypto import IdentifierCipher, hash_secret, new_consent_code, new_consent_secret
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.models import Consent, ConsentEvent, ConsentMethod, Modality, Purpose, utcnow
from archive.text import clean_line

# The width of Consent.form_version; PostgreSQL refuses longer values with an error, not a message.
FORM_VERSION_CHARS = 40
# Methods where someone other than the storyteller must witness the consent.
WITNESSED_METHODS = {ConsentMethod.THUMBPRINT, ConsentMethod.GUARDIAN}


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
    if not version:
        reasons.setdefault("form_version", []).append("Record which consent form version was used.")
    elif len(version) > FORM_VERSION_CHARS:
        reasons.setdefault("form_version", []).append(
            f"Keep the form version to at most {FORM_VERSION_CHARS} characters."
        )
    if terms.expires_at is not None and terms.expires_at <= utcnow():
        reasons.setdefault("expires_at", []).append("An end date must be in the future.")
    return reasons


def _unused_code() -> str:
    for _ in range(20):
        code = new_consent_code()
        if db.session.scalar(select(Consent.id).where(Consent.code == code)) is None:
            return code
    raise RuntimeError("could not find an unused consent code")  # 29^8 codes: practically unreachable


def grant(terms: ConsentTerms, recorded_by_id: int | None, channel: str = "staff_web") -> tuple[Consent, str]:
    """Create a consent record (not committed); return it with the secret to print on the card."""
    reasons = validate_terms(terms)
    if reasons:
        raise ValidationFailed(reasons)
    secret = new_consent_secret()
    witness = clean_line(terms.witness)
    consent = Consent(
        code=_unused_code(),
        secret_hash=hash_secret(secret),
        purpose_teaching=Purpose.TEACHING in terms.purposes,
        purpose_public=Purpose.PUBLIC in terms.purposes,
        purpose_research=Purpose.RESEARCH in terms.purposes,
        modality_text=Modality.TEXT in terms.modalities,
        modality_audio=Modality.AUDIO in terms.modalities,
        voice_disguise=terms.voice_disguise,
        method=terms.method,
        witness_encrypted=IdentifierCipher(current_app.config["IDENTIFIER_KEY"]).encrypt(witness)
        if witness
        else None,
        form_version=clean_line(terms.form_version),
        expires_at=terms.expires_at,
        recorded_by_id=recorded_by_id,
    )
    db.session.add(consent)
    db.session.flush()
    record_event(consent, "granted", channel, recorded_by_id)
    return consent, secret


def record_event(consent: Consent, event: str, channel: str, actor_id: int | None = None) -> None:
    """Add an audit row for a consent event; never any story content."""
    db.session.add(ConsentEvent(consent_id=consent.id, event=event, channel=channel, actor_id=actor_id))
