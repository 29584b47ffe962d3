"""A new consent form version that asks again reaches the consents recorded on a typed version label
(no form was written for the language then): every active one in that language is flagged, and the
admin is told exactly which were left as they were and why (0 of 14 were flagged before)."""

from __future__ import annotations

import html

from sqlalchemy import update

from archive.extensions import db
from archive.models import Consent, Story
from tests.fixtures.consent_forms import FORMS, write_form
from tests.test_reconsent import due_at, events


def consent_of(app, story_id: str) -> str:
    with app.app_context():
        consent_id = db.session.get(Story, story_id).consent_id
        db.session.remove()
    return consent_id


def test_consents_on_typed_labels_are_asked_again_by_the_languages_new_version(
    app, sign_in, ingest, withdraw
):
    facilitator = sign_in("facilitator")
    # No form written yet for any language: each consent keeps the label typed at ingest.
    typed = [ingest(facilitator, title=f"Typed {n}", form_version=label)[1] for n, label in enumerate(
        ["2026-1", "2026-1", "v0.9 paper", "2025"]
    )]  # fmt: skip
    _, before_languages, _, _ = ingest(facilitator, title="Recorded before languages were kept")
    with app.app_context():  # a consent from before its language was kept: its story's language counts
        db.session.execute(
            update(Consent).where(Consent.id == consent_of(app, before_languages)).values(language=None)
        )
        db.session.commit()
    _, same_label, _, _ = ingest(facilitator, title="Typed the new label", form_version="2027-1")
    _, swahili, _, _ = ingest(facilitator, title="Swahili", language="sw")
    _, gone, code, secret = ingest(facilitator, title="Withdrawn")
    withdraw(code, secret)
    for story_id in [*typed, before_languages, same_label, swahili]:
        assert due_at(app, story_id) is None

    admin = sign_in("admin")
    response = admin.submit(
        FORMS,
        {
            "language": "en",
            "version": "2027-1",
            "title": "Sharing your story",
            "text": "Your story will be read by health workers in training.",
            "requires_reconsent": "y",
        },
        page=FORMS,
    )
    assert response.status_code == 302
    page = html.unescape(admin.get(response.location).get_data(as_text=True))

    for story_id in [*typed, before_languages]:
        assert due_at(app, story_id) is not None, story_id
        assert events(app, story_id) == [("staff_web", {"form_version": "2027-1"})]
    assert "5 earlier consent(s) are now due for re-consent." in page
    # Left as they were: another language, a withdrawn story, and the one typed with the new label,
    # which the admin is shown by its consent and with the reason.
    for story_id in (swahili, gone, same_label):
        assert due_at(app, story_id) is None and events(app, story_id) == [], story_id
    assert (
        f"Not asked to consent again: consent {consent_of(app, same_label)}, recorded with the typed "
        "version label 2027-1, the new version's own label" in page
    )
    listed = html.unescape(facilitator.get("/ingest/reconsent").get_data(as_text=True))
    for n in range(4):
        assert f"Typed {n}" in listed
    assert "they signed v2025" in listed and "Typed the new label" not in listed


def test_a_new_version_after_a_written_one_still_reaches_the_typed_labels(app, sign_in, ingest):
    facilitator = sign_in("facilitator")
    _, typed, _, _ = ingest(facilitator, title="Typed")
    admin = sign_in("admin")
    write_form(admin, language="en", version="1")  # asks nobody
    _, on_form, _, _ = ingest(facilitator, title="On version 1")
    assert due_at(app, typed) is None
    write_form(admin, language="en", version="2", requires_reconsent="y")
    assert due_at(app, typed) is not None and due_at(app, on_form) is not None
