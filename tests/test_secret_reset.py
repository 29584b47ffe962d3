"""A lost consent card: the story's facilitator (or an admin) gives the storyteller a new secret.

The staff member must confirm they checked the person; the new secret is shown once on a new card,
the old one stops working at once (sign-ins made with it end too), and the audit trail says who.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import ConsentEvent, Story, User
from consent.changes import CHECK_PERSON
from tests.fixtures.stories import read_card


def reset(client, story_id: str, checked: bool = True):
    data = {"checked": "y"} if checked else {}
    return client.submit(
        f"/staff/consent/stories/{story_id}/secret", data, page=f"/ingest/stories/{story_id}"
    )


def opens(app, code: str, secret: str) -> int:
    return app.test_client().submit("/consent/", {"code": code, "secret": secret}).status_code


def audit(app, story_id: str) -> list[tuple[str, str, str | None]]:
    with app.app_context():
        consent_id = db.session.get(Story, story_id).consent_id
        rows = db.session.execute(
            select(ConsentEvent.event, ConsentEvent.channel, User.email)
            .outerjoin(User, User.id == ConsentEvent.actor_id)
            .where(ConsentEvent.consent_id == consent_id)
            .order_by(ConsentEvent.id)
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


@pytest.mark.real_hashing
@pytest.mark.parametrize("who", ["own facilitator", "admin"])
def test_a_new_secret_replaces_the_old_one(app, sign_in, ingest, who):
    facilitator = sign_in("facilitator")
    _, story_id, code, old_secret = ingest(facilitator)
    staff = facilitator if who == "own facilitator" else sign_in("admin")
    patient = app.test_client()
    assert patient.submit("/consent/", {"code": code, "secret": old_secret}).status_code == 302

    page = staff.get(f"/ingest/stories/{story_id}").get_data(as_text=True)
    assert "I have checked this person is the storyteller or their guardian" in page
    response = reset(staff, story_id)
    assert response.status_code == 201 and response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    new_code, new_secret = read_card(html)
    assert "the old one no longer works" in html
    assert new_code == code and new_secret != old_secret

    assert opens(app, code, old_secret) == 400
    assert opens(app, code, new_secret) == 302
    assert patient.get("/consent/mine").status_code == 302, "a sign-in with the old secret ends"
    assert audit(app, story_id)[-2] == ("secret_reset", "staff_web", staff.email)


@pytest.mark.parametrize(
    ("case", "status"),
    [("box not ticked", 302), ("another facilitator's story", 404), ("unknown story", 404)],
)
def test_a_reset_that_is_not_allowed_changes_nothing(app, sign_in, ingest, case, status):
    owner = sign_in("facilitator")
    _, story_id, code, secret = ingest(owner)
    client = owner
    target = story_id
    if case == "another facilitator's story":
        client = sign_in("facilitator")
    elif case == "unknown story":
        target = "NoSuchStory0000000000000"
    if case == "box not ticked":
        response = reset(client, target, checked=False)
    else:
        response = client.post(
            f"/staff/consent/stories/{target}/secret",
            data={"checked": "y", "csrf_token": client.csrf_token("/ingest/new")},
        )
    assert response.status_code == status
    if case == "box not ticked":
        assert response.location.endswith(f"/ingest/stories/{story_id}#secret-reset")
        assert CHECK_PERSON in client.get(f"/ingest/stories/{story_id}").get_data(as_text=True)
    assert opens(app, code, secret) == 302, "the old secret still works"
    assert "secret_reset" not in [event for event, _, _ in audit(app, story_id)]


def test_the_storyteller_sees_the_reset_without_staff_names(app, sign_in, ingest):
    facilitator = sign_in("facilitator")
    _, story_id, code, _ = ingest(facilitator)
    _, new_secret = read_card(reset(facilitator, story_id).get_data(as_text=True))
    patient = app.test_client()
    assert patient.submit("/consent/", {"code": code, "secret": new_secret}).status_code == 302
    html = patient.get("/consent/mine").get_data(as_text=True)
    assert "A health worker gave you a new secret" in html
    assert facilitator.email not in html
