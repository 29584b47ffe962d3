"""Recording a consent given again, from the facilitators' list of stories whose consent is due.

The new consent is on the current form version of the consent's language; the storyteller chooses
afresh, and what they leave out takes effect in the same request, as a narrowing does. A minor who
came of age consents themself and gets a card of their own. A storyteller who declines can have the
story taken back on their word.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import Consent, ConsentEvent, ConsentForm, Story, User
from tests.fixtures.consent_forms import write_form
from tests.fixtures.stories import read_card, sign_in_patient

LIST = "/ingest/reconsent"
WORD = "tomatoes"  # a word of the fixture story, to search for


def renew_url(story_id: str) -> str:
    return f"/ingest/reconsent/{story_id}"


def answer(**overrides) -> dict:
    """The renewal form: teaching and research, the text, signed today."""
    data = {
        "purposes": ["teaching", "research"],
        "modalities": ["text"],
        "method": "signed",
        "given_on": date.today().isoformat(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def consent_row(app, story_id: str) -> Consent:
    with app.app_context():
        consent = db.session.get(Story, story_id).consent
        db.session.expunge(consent)
        db.session.remove()
    return consent


def events(app, story_id: str) -> list[tuple[str, str, str | None, str | None]]:
    """(event, channel, actor's e-mail, details) of the story's consent, oldest first."""
    with app.app_context():
        consent_id = db.session.get(Story, story_id).consent_id
        rows = db.session.execute(
            select(ConsentEvent.event, ConsentEvent.channel, User.email, ConsentEvent.details)
            .outerjoin(User, User.id == ConsentEvent.actor_id)
            .where(ConsentEvent.consent_id == consent_id)
            .order_by(ConsentEvent.id)
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


@pytest.fixture
def due(app, sign_in, ingest, publish):
    """A published story signed on form v1 whose consent is due again (v2 asks), and its people."""
    admin = sign_in("admin")
    write_form(admin, version="1")
    facilitator = sign_in("facilitator")
    _, story_id, code, secret = ingest(facilitator, modalities=["text"])
    publish(story_id, reviewer=sign_in("reviewer"))
    v2 = write_form(admin, version="2", requires_reconsent="y", title="Sharing your story, again")
    return {
        "admin": admin,
        "facilitator": facilitator,
        "story": story_id,
        "code": code,
        "secret": secret,
        "v2": v2,
    }


def test_a_consent_given_again_is_recorded_on_the_current_form(app, due, sign_in):
    facilitator, story_id = due["facilitator"], due["story"]
    listing = facilitator.get(LIST).get_data(as_text=True)
    assert f'href="{renew_url(story_id)}"' in listing
    # The story's own page says so too, with the way to record it.
    story_page = f"/ingest/stories/{story_id}"
    assert f'href="{renew_url(story_id)}"' in facilitator.get(story_page).get_data(as_text=True)
    page = facilitator.get(renew_url(story_id))
    assert page.status_code == 200
    assert "version 2" in page.get_data(as_text=True) and "Sharing your story, again" in page.get_data(
        as_text=True
    )

    response = facilitator.submit(renew_url(story_id), answer(), page=renew_url(story_id))

    assert response.status_code == 302 and response.location == f"/ingest/stories/{story_id}"
    consent = consent_row(app, story_id)
    assert (consent.form_id, consent.form_version, consent.reconsent_due_at) == (due["v2"], "2", None)
    assert consent.purposes == ["teaching", "research"] and consent.status == "active"
    assert events(app, story_id)[-1] == ("renewed", "staff_web", facilitator.email, {"form_version": "2"})
    assert "No consent is due again." in facilitator.get(LIST).get_data(as_text=True)
    assert renew_url(story_id) not in facilitator.get(story_page).get_data(as_text=True)
    # Nothing was left out: the story stays in the library, and its card still works.
    educator = sign_in("educator")
    assert educator.get(f"/stories/{story_id}").status_code == 200
    # The storyteller's page says so in their words.
    patient = app.test_client()
    sign_in_patient(patient, due["code"], due["secret"])
    mine = patient.get("/consent/mine").get_data(as_text=True)
    assert "You gave your consent again" in mine and "consent form version 2" in mine


def test_what_the_new_consent_leaves_out_takes_effect_at_once(app, due, sign_in):
    facilitator, story_id = due["facilitator"], due["story"]
    educator = sign_in("educator")
    assert story_id in educator.get(f"/library?q={WORD}").get_data(as_text=True)

    response = facilitator.submit(
        renew_url(story_id), answer(purposes=["research"]), page=renew_url(story_id)
    )

    assert response.status_code == 302
    assert story_id not in educator.get(f"/library?q={WORD}").get_data(as_text=True)
    assert educator.get(f"/stories/{story_id}").status_code == 404
    assert educator.get(f"/api/v1/stories/{story_id}").status_code == 404
    with app.app_context():
        assert not app.extensions["search_index"].contains(story_id)
    kinds = [(e[0], e[3]) for e in events(app, story_id)[-2:]]
    assert kinds == [("changed", {"removed": "teaching"}), ("renewed", {"form_version": "2"})]


def test_a_use_given_again_brings_the_story_back(app, due, sign_in):
    facilitator, story_id = due["facilitator"], due["story"]
    patient = app.test_client()
    sign_in_patient(patient, due["code"], due["secret"])
    narrowed = patient.submit(
        "/consent/change/uses", {"purposes": ["research"], "modalities": ["text"]}, page="/consent/change"
    )
    assert narrowed.status_code == 302
    educator = sign_in("educator")
    assert educator.get(f"/stories/{story_id}").status_code == 404

    assert facilitator.submit(renew_url(story_id), answer(), page=renew_url(story_id)).status_code == 302

    assert educator.get(f"/stories/{story_id}").status_code == 200
    assert story_id in educator.get(f"/library?q={WORD}").get_data(as_text=True)


def test_admins_record_it_for_any_story(app, due):
    admin, story_id = due["admin"], due["story"]
    assert story_id in admin.get(LIST).get_data(as_text=True)
    assert admin.submit(renew_url(story_id), answer(), page=renew_url(story_id)).status_code == 302
    assert events(app, story_id)[-1][:3] == ("renewed", "staff_web", admin.email)


def state(app, story_id: str) -> tuple:
    consent = consent_row(app, story_id)
    return (
        consent.form_version,
        consent.reconsent_due_at,
        consent.purposes,
        consent.method,
        consent.status,
        len(events(app, story_id)),
    )


@pytest.mark.parametrize(
    ("who", "which", "data", "status", "message"),
    [
        ("reviewer", "due", answer(), 403, None),
        ("educator", "due", answer(), 403, None),
        ("other facilitator", "due", answer(), 404, None),
        ("facilitator", "not due", answer(), 409, "not due again"),
        ("facilitator", "withdrawn", answer(), 404, None),
        ("facilitator", "due", answer(method="thumbprint"), 400, "needs a witness name"),
        ("facilitator", "due", answer(purposes=[]), 400, "Record at least one purpose"),
        ("facilitator", "due", answer(method="nodded"), 400, "Choose how consent was given"),
        ("facilitator", "due", answer(given_on="2999-01-01"), 400, "future date"),
        ("facilitator", "due", answer(given_on="31/02/2027"), 400, "Not a valid date value"),
        ("facilitator", "due", answer(method="verbal_recorded"), 400, "needs its recording"),
    ],
    ids=[
        "reviewer",
        "educator",
        "another-facilitator-s-story",
        "story-not-due",
        "withdrawn-consent",
        "thumbprint-without-witness",
        "no-purpose",
        "unknown-method",
        "given-in-the-future",
        "given-on-no-date",
        "said-aloud-without-its-recording",
    ],
)
def test_bad_renewals_are_refused_and_change_nothing(
    app, due, sign_in, ingest, withdraw, who, which, data, status, message
):
    facilitator = due["facilitator"]
    story_id = due["story"]
    if which == "not due":
        _, story_id, _, _ = ingest(facilitator, title="Signed the new version")
    elif which == "withdrawn":
        withdraw(due["code"], due["secret"])
    client = {"facilitator": facilitator}.get(who) or sign_in(
        "facilitator" if who == "other facilitator" else who
    )
    before = state(app, story_id)

    response = client.submit(renew_url(story_id), data, page="/consent/")

    assert response.status_code == status
    if message:
        assert message in html.unescape(response.get_data(as_text=True))
    assert state(app, story_id) == before
    if which == "due":
        assert sign_in("educator").get(f"/stories/{story_id}").status_code == 200


def test_a_renewal_without_its_token_is_refused(app, due):
    facilitator, story_id = due["facilitator"], due["story"]
    before = state(app, due["story"])
    response = facilitator.post(renew_url(story_id), data=answer())
    assert response.status_code == 400
    assert state(app, story_id) == before


# -- a minor who came of age --------------------------------------------------------------------------
@pytest.fixture
def came_of_age(app, sign_in, ingest, publish):
    """A published story a guardian consented to for a minor who came of age yesterday."""
    facilitator = sign_in("facilitator")
    _, story_id, code, secret = ingest(
        facilitator,
        method="guardian",
        witness="Grace Njeri",
        comes_of_age_on=(date.today() + timedelta(days=10)).isoformat(),
    )
    publish(story_id, reviewer=sign_in("reviewer"))
    with app.app_context():
        db.session.get(Story, story_id).consent.comes_of_age_on = date.today() - timedelta(days=1)
        db.session.commit()  # time passes
    return facilitator, story_id, code, secret


def test_a_storyteller_who_came_of_age_consents_themself_and_gets_their_own_card(app, came_of_age, sign_in):
    facilitator, story_id, old_code, old_secret = came_of_age
    page = facilitator.get(renew_url(story_id)).get_data(as_text=True)
    assert 'value="guardian"' not in page and 'value="guardian_adult"' in page
    assert "come of age" in page

    as_guardian = answer(method="guardian", witness="Grace Njeri")
    refused = facilitator.submit(renew_url(story_id), as_guardian, page=renew_url(story_id))
    assert refused.status_code == 400
    assert "a guardian can no longer consent for them" in html.unescape(refused.get_data(as_text=True))
    assert consent_row(app, story_id).method == "guardian"

    response = facilitator.submit(renew_url(story_id), answer(), page=renew_url(story_id))

    assert response.status_code == 201 and response.headers["Cache-Control"] == "no-store"
    code, secret = read_card(response.get_data(as_text=True))
    assert code == old_code and secret != old_secret
    consent = consent_row(app, story_id)
    assert (consent.method, consent.comes_of_age_on, consent.reconsent_due_at) == ("signed", None, None)
    assert consent.expires_at is None, "the guardian's limit went with the guardian's consent"
    assert [e[:3] for e in events(app, story_id)[-2:]] == [
        ("renewed", "staff_web", facilitator.email),
        ("secret_reset", "staff_web", facilitator.email),
    ]
    assert events(app, story_id)[-2][3] == {"form_version": "2026-1", "came_of_age": True}
    # The guardian's card no longer opens the story; the storyteller's does.
    guardian = app.test_client()
    assert guardian.submit("/consent/", {"code": old_code, "secret": old_secret}).status_code == 400
    sign_in_patient(app.test_client(), code, secret)
    assert sign_in("educator").get(f"/stories/{story_id}").status_code == 200


# -- declining: taken back on the storyteller's word ----------------------------------------------------
def test_a_storyteller_who_declines_has_the_story_taken_back_on_their_word(app, due, sign_in):
    facilitator, story_id = due["facilitator"], due["story"]
    url = f"/ingest/reconsent/{story_id}/withdraw"

    unticked = facilitator.submit(url, {}, page=renew_url(story_id))
    assert unticked.status_code == 302 and unticked.location == renew_url(story_id) + "#withdraw"
    assert consent_row(app, story_id).status == "active"
    other = sign_in("facilitator")
    assert other.submit(url, {"asked": "y"}, page=renew_url(story_id)).status_code == 404
    assert sign_in("educator").submit(url, {"asked": "y"}, page="/consent/").status_code == 403
    assert consent_row(app, story_id).status == "active"

    response = facilitator.submit(url, {"asked": "y"}, page=renew_url(story_id))

    assert response.status_code == 302 and response.location == "/ingest/stories"
    assert consent_row(app, story_id).status == "withdrawn"
    assert events(app, story_id)[-1] == ("withdrawn", "staff_web", facilitator.email, {})
    assert sign_in("educator").get(f"/stories/{story_id}").status_code == 404
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.body is None and story.published_text is None
        assert not app.extensions["search_index"].contains(story_id)
    assert facilitator.get(renew_url(story_id)).status_code == 404


def test_the_form_version_is_the_current_one_even_if_a_newer_one_came_meanwhile(app, due):
    facilitator, story_id = due["facilitator"], due["story"]
    write_form(due["admin"], version="3")
    assert facilitator.submit(renew_url(story_id), answer(), page=renew_url(story_id)).status_code == 302
    with app.app_context():
        v3 = db.session.scalar(select(ConsentForm.id).where(ConsentForm.version == "3"))
    assert consent_row(app, story_id).form_id == v3
