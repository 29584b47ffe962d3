"""One consent as an HL7 FHIR R4 Consent resource: element names and value sets of R4
(https://hl7.org/fhir/R4/consent.html), statuses, purposes, modalities, the form version, and no
identifiers of the storyteller."""

from __future__ import annotations

import base64
import json
import re
from datetime import timedelta

import pytest

from archive.extensions import db
from archive.models import Story, utcnow
from tests.fixtures.consent_forms import write_form

# The elements of R4 Consent and of Consent.provision, from the R4 specification.
CONSENT_ELEMENTS = {
    "resourceType", "id", "meta", "implicitRules", "language", "text", "contained", "extension",
    "modifierExtension", "identifier", "status", "scope", "category", "patient", "dateTime",
    "performer", "organization", "sourceAttachment", "sourceReference", "policy", "policyRule",
    "verification", "provision",
}  # fmt: skip
PROVISION_ELEMENTS = {
    "id", "extension", "modifierExtension", "type", "period", "actor", "action", "securityLabel",
    "purpose", "class", "code", "dataPeriod", "data", "provision",
}  # fmt: skip
ATTACHMENT_ELEMENTS = {"contentType", "language", "data", "url", "size", "hash", "title", "creation"}
CODING_ELEMENTS = {"system", "version", "code", "display", "userSelected"}
CONSENT_STATES = {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"}
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason"


def fhir(app, client, story_id: str) -> dict:
    with app.app_context():
        consent_id = db.session.get(Story, story_id).consent_id
    response = client.get(f"/admin/consents/{consent_id}/fhir")
    assert response.status_code == 200
    assert response.mimetype == "application/fhir+json"
    resource = json.loads(response.get_data(as_text=True))
    assert resource["id"] == consent_id
    return resource


def assert_codings(codings: list) -> None:
    for coding in codings:
        assert set(coding) <= CODING_ELEMENTS and coding["system"].startswith(("http://", "https://"))


def test_a_consent_is_a_valid_r4_consent_resource(app, sign_in, ingest):
    admin = sign_in("admin")
    write_form(admin, version="2027-1", title="Sharing your story", text="Health workers will read it.")
    _, story_id, code, secret = ingest(
        sign_in("facilitator"),
        purposes=["teaching", "research"],
        modalities=["text", "audio"],
        voice_disguise="y",
        expires_on=(utcnow().date() + timedelta(days=365)).isoformat(),
        place="Kiambu Mission",
        witness="Grace Njeri",
    )

    resource = fhir(app, admin, story_id)

    assert resource["resourceType"] == "Consent"
    assert set(resource) <= CONSENT_ELEMENTS
    assert resource["status"] == "active" and resource["status"] in CONSENT_STATES
    assert resource["scope"]["coding"][0]["code"] == "patient-privacy"
    assert resource["category"] and all(c["coding"] for c in resource["category"])
    # Invariants ppc-1 (a policy or policy rule) and ppc-2 (a privacy consent names a patient).
    assert "policyRule" in resource or "policy" in resource
    assert set(resource["patient"]) == {"display"}, "the patient is described, never identified"
    assert DATETIME.match(resource["dateTime"])
    for reference in resource["performer"] + resource["organization"]:
        assert set(reference) <= {"reference", "type", "identifier", "display"}

    provision = resource["provision"]
    assert set(provision) <= PROVISION_ELEMENTS and provision["type"] == "permit"
    assert DATETIME.match(provision["period"]["start"]) and DATETIME.match(provision["period"]["end"])
    assert_codings(provision["purpose"])
    assert_codings(provision["class"])
    purposes = {(p["system"], p["code"]) for p in provision["purpose"]}
    assert (ACT_REASON, "HRESCH") in purposes
    assert any(code == "teaching" and "story-archive" in system for system, code in purposes)
    assert {c["code"] for c in provision["class"]} == {"text", "audio-disguised"}

    attachment = resource["sourceAttachment"]
    assert set(attachment) <= ATTACHMENT_ELEMENTS
    assert attachment["language"] == "en" and "2027-1" in attachment["title"]
    assert "Sharing your story" in attachment["title"]
    assert base64.b64decode(attachment["data"]).decode() == "Health workers will read it."

    text = json.dumps(resource)
    for identifier in (code.replace("-", ""), secret, "Kiambu", "Grace Njeri", "Wanjiru", "Gachika"):
        assert identifier not in text, identifier


@pytest.mark.parametrize("ending", ["withdrawn", "expired"])
def test_withdrawn_and_expired_consents_are_inactive(app, sign_in, ingest, withdraw, ending):
    _, story_id, code, secret = ingest(sign_in("facilitator"))
    if ending == "withdrawn":
        withdraw(code, secret)
    else:
        with app.app_context():
            db.session.get(Story, story_id).consent.expires_at = utcnow() - timedelta(days=1)
            db.session.commit()
    resource = fhir(app, sign_in("admin"), story_id)
    assert resource["status"] == "inactive"
    assert "end" in resource["provision"]["period"]


def test_a_consent_without_a_written_form_names_its_typed_version(app, sign_in, ingest):
    _, story_id, _, _ = ingest(sign_in("facilitator"), form_version="paper-7")
    attachment = fhir(app, sign_in("admin"), story_id)["sourceAttachment"]
    assert "paper-7" in attachment["title"] and attachment["language"] == "en"


def test_other_staff_and_unknown_ids_get_the_same_404(app, sign_in, ingest):
    facilitator, story_id, _, _ = ingest(sign_in("facilitator"))
    with app.app_context():
        consent_id = db.session.get(Story, story_id).consent_id
    assert facilitator.get(f"/admin/consents/{consent_id}/fhir").status_code == 404
    assert sign_in("admin").get("/admin/consents/no-such-consent/fhir").status_code == 404
