"""One consent as an HL7 FHIR R4 ``Consent`` resource (https://hl7.org/fhir/R4/consent.html).

The resource names the storyteller by nothing but the consent's own id: no name, code, secret,
witness or place leaves the archive this way. Purposes use HL7 v3 ActReason where a code fits
(research: HRESCH) and the archive's own code system otherwise; text and audio are provision classes.
"""

from __future__ import annotations

import base64
from datetime import datetime

from archive.models import Consent, ConsentMethod, ConsentStatus, Modality, Purpose, utcnow

ARCHIVE_SYSTEM = "https://story-archive.org/fhir/CodeSystem"
PURPOSE_SYSTEM = f"{ARCHIVE_SYSTEM}/consent-purpose"
MODALITY_SYSTEM = f"{ARCHIVE_SYSTEM}/consent-modality"
ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"

PURPOSES = {
    Purpose.TEACHING: (PURPOSE_SYSTEM, "teaching", "Teaching health workers in a closed course"),
    Purpose.PUBLIC: (PURPOSE_SYSTEM, "public", "A public library anyone can read"),
    Purpose.RESEARCH: (ACT_REASON, "HRESCH", "healthcare research"),
}
MODALITIES = {
    Modality.TEXT: ("text", "The written story, identifiers removed"),
    Modality.AUDIO: ("audio", "The voice recording, identifiers covered"),
}


# Who gave the consent, described (never named): the storyteller, or a guardian on their behalf.
PERFORMERS = {
    ConsentMethod.GUARDIAN: "The storyteller's guardian (the storyteller is a minor)",
    ConsentMethod.GUARDIAN_ADULT: (
        "The storyteller's guardian (the storyteller is an adult who cannot consent themself)"
    ),
}


def _instant(moment: datetime) -> str:
    """FHIR dateTime: times are stored as naive UTC."""
    return moment.replace(microsecond=0).isoformat() + "Z"


def fhir_status(consent: Consent, now: datetime | None = None) -> str:
    """Map the archive's status to FHIR ConsentState: withdrawn and expired are both inactive."""
    now = now or utcnow()
    if consent.status == ConsentStatus.ACTIVE and (consent.expires_at is None or consent.expires_at > now):
        return "active"
    return "inactive"


def consent_resource(consent: Consent, organization: str) -> dict:
    """Return ``consent`` as a FHIR R4 Consent resource (a JSON-ready dict)."""
    period = {"start": _instant(consent.given_at)}
    if consent.expires_at is not None:
        period["end"] = _instant(consent.expires_at)
    classes = []
    for modality in consent.modalities:
        code, display = MODALITIES[Modality(modality)]
        if modality == Modality.AUDIO and consent.voice_disguise:
            code, display = "audio-disguised", "The voice recording, heard only with the voice disguised"
        classes.append({"system": MODALITY_SYSTEM, "code": code, "display": display})
    performer = PERFORMERS.get(consent.method, "The storyteller")
    resource = {
        "resourceType": "Consent",
        "id": consent.id,
        "status": fhir_status(consent),
        "scope": {"coding": [{"system": SCOPE, "code": "patient-privacy", "display": "Privacy Consent"}]},
        "category": [
            {"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}]}
        ],
        # Privacy consents must name a patient (invariant ppc-2): by description only, never an identifier.
        "patient": {"display": "The storyteller (not identified in this export)"},
        "dateTime": _instant(consent.given_at),
        "performer": [{"display": performer}],
        "organization": [{"display": organization}],
        "sourceAttachment": _source(consent),
        "policyRule": {"coding": [{"system": ACT_CODE, "code": "OPTIN", "display": "opt-in"}]},
        "provision": {
            "type": "permit",
            "period": period,
            "purpose": [
                {"system": system, "code": code, "display": display}
                for system, code, display in (PURPOSES[Purpose(p)] for p in consent.purposes)
            ],
            "class": classes,
        },
    }
    if consent.withdrawn_at is not None:
        # The period as it ended: the storyteller took the consent back on that day.
        resource["provision"]["period"]["end"] = _instant(consent.withdrawn_at)
    return resource


def _source(consent: Consent) -> dict:
    form = consent.form
    if form is None:
        return {
            "title": f"Consent form, version {consent.form_version}",
            "language": consent.language or "und",
        }
    return {
        "contentType": "text/plain; charset=utf-8",
        "language": form.language,
        "data": base64.b64encode(form.text.encode()).decode(),
        "title": f"{form.title} (version {form.version}, {form.language})",
        "creation": _instant(form.created_at),
    }
