"""The admin's CSV of every consent event: ids, events, channels, actors and times, streamed, with
no story content, codes, secrets or identifiers."""

from __future__ import annotations

import csv
import io

from archive.extensions import db
from archive.models import ConsentEvent, Story
from tests.fixtures.stories import STORY_TEXT, sign_in_patient

CSV_URL = "/admin/consent-events.csv"


def test_every_consent_event_is_exported_without_content_or_identifiers(app, sign_in, ingest, withdraw):
    facilitator = sign_in("facilitator")
    _, kept, kept_code, kept_secret = ingest(facilitator, place="Kiambu Mission", witness="Grace Njeri")
    _, gone, code, secret = ingest(facilitator, title="To be withdrawn")
    sign_in_patient(app.test_client(), kept_code, kept_secret)
    withdraw(code, secret)
    with app.app_context():
        kept_id = db.session.get(Story, kept).consent_id
        gone_id = db.session.get(Story, gone).consent_id
        # A detail that a spreadsheet would run as a formula is written as text.
        db.session.add(
            ConsentEvent(
                consent_id=kept_id, event="changed", channel="cli", details={"removed": "=HYPERLINK(1)"}
            )
        )
        db.session.commit()

    response = sign_in("admin").get(CSV_URL)

    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == ["consent_id", "event", "channel", "actor", "at", "detail"]
    seen = {(r["consent_id"], r["event"], r["channel"], r["actor"]) for r in rows}
    assert (kept_id, "granted", "staff_web", facilitator.email) in seen
    assert (kept_id, "viewed", "patient_web", "storyteller") in seen
    assert (gone_id, "withdrawn", "patient_web", "storyteller") in seen
    assert all(r["at"].endswith("Z") for r in rows)
    assert "'=HYPERLINK(1)" in body
    for secret_thing in (
        kept_code.replace("-", ""),
        kept_secret,
        code.replace("-", ""),
        secret,
        "Kiambu",
        "Grace Njeri",
        "Wanjiru",
        "Otieno",
        "Gachika",
        "To be withdrawn",
        "The cough",
        STORY_TEXT.split(".")[0],
    ):
        assert secret_thing not in body, secret_thing


def test_only_admins_get_the_export(app, sign_in):
    for role in ("facilitator", "reviewer", "educator"):
        assert sign_in(role).get(CSV_URL).status_code == 403
    assert app.test_client().get(CSV_URL).status_code == 302


def test_ids_never_start_with_a_sign_a_spreadsheet_would_defuse():
    """Ids are written into the CSV exports as they are: one starting with "-" would be defused as a
    formula there (1 id in 32 would be, drawn from the URL-safe alphabet as it is)."""
    from archive.crypto import new_id

    ids = [new_id() for _ in range(2000)]
    assert all(len(i) == 16 and i[0].isalnum() for i in ids)
    assert len(set(ids)) == len(ids)
