"""Re-consent: a new form version that asks earlier signers again, a minor who came of age, and the
facilitators' list of stories whose consent is due again."""

from __future__ import annotations

import html
from datetime import date, timedelta

from sqlalchemy import select

from archive.extensions import db
from archive.models import Consent, ConsentEvent, Story, utcnow
from consent.reconsent import CAME_OF_AGE, NEW_FORM, due_for_reconsent
from tests.fixtures.consent_forms import write_form

LIST = "/ingest/reconsent"


def events(app, story_id: str, kind: str = "reconsent_due") -> list[tuple[str, dict]]:
    with app.app_context():
        consent_id = db.session.get(Story, story_id).consent_id
        rows = db.session.execute(
            select(ConsentEvent.channel, ConsentEvent.details).where(
                ConsentEvent.consent_id == consent_id, ConsentEvent.event == kind
            )
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


def due_at(app, story_id: str):
    with app.app_context():
        value = db.session.get(Story, story_id).consent.reconsent_due_at
        db.session.remove()
    return value


def test_a_new_version_asking_again_flags_active_consents_on_older_versions_of_its_language(
    app, sign_in, ingest, withdraw
):
    admin = sign_in("admin")
    write_form(admin, language="en", version="1")
    write_form(admin, language="sw", version="1", title="Idhini", text="Hadithi yako…")
    facilitator = sign_in("facilitator")
    _, english, _, _ = ingest(facilitator)
    _, swahili, _, _ = ingest(facilitator, language="sw", title="Swahili story")
    _, gone, code, secret = ingest(facilitator, title="Withdrawn story")
    _, typed_version, _, _ = ingest(facilitator, language="fr", title="No form in French")
    withdraw(code, secret)

    write_form(admin, language="en", version="2", requires_reconsent="y")
    _, on_new_version, _, _ = ingest(facilitator, title="Signed the new version")

    assert due_at(app, english) is not None
    assert events(app, english) == [("staff_web", {"form_version": "2"})]
    for story_id in (swahili, gone, typed_version, on_new_version):
        assert due_at(app, story_id) is None and events(app, story_id) == [], story_id

    page = html.unescape(facilitator.get(LIST).get_data(as_text=True))
    assert "The cough that would not leave" in page and "they signed v1" in page
    for title in ("Swahili story", "Withdrawn story", "No form in French", "Signed the new version"):
        assert title not in page


def test_a_version_that_does_not_ask_again_flags_nobody(app, sign_in, ingest):
    admin = sign_in("admin")
    write_form(admin, version="1")
    _, story_id, _, _ = ingest(sign_in("facilitator"))
    write_form(admin, version="2")
    assert due_at(app, story_id) is None


def test_each_facilitator_sees_their_own_stories_and_admins_see_all(app, sign_in, ingest):
    admin = sign_in("admin")
    write_form(admin, version="1")
    mine, other = sign_in("facilitator"), sign_in("facilitator")
    ingest(mine, title="Mine")
    ingest(other, title="Theirs")
    write_form(admin, version="2", requires_reconsent="y")

    assert "Theirs" not in mine.get(LIST).get_data(as_text=True)
    assert "Mine" in mine.get(LIST).get_data(as_text=True)
    everyone = admin.get(LIST).get_data(as_text=True)
    assert "Mine" in everyone and "Theirs" in everyone
    assert 'href="/ingest/reconsent"' in mine.get("/ingest/stories").get_data(as_text=True)


def test_a_guardian_consent_past_the_coming_of_age_date_is_due(app, sign_in, ingest):
    facilitator = sign_in("facilitator")
    _, story_id, _, _ = ingest(
        facilitator,
        method="guardian",
        witness="Grace Njeri",
        comes_of_age_on=(date.today() + timedelta(days=10)).isoformat(),
    )
    assert "No consent is due again." in facilitator.get(LIST).get_data(as_text=True)
    birthday = date.today() - timedelta(days=1)
    with app.app_context():
        db.session.get(Story, story_id).consent.comes_of_age_on = birthday  # time passes
        db.session.commit()

    # The page computes the reason at once, and writes nothing (a GET never changes consent).
    page = html.unescape(facilitator.get(LIST).get_data(as_text=True))
    assert "a minor who has come of age" in page and birthday.isoformat() in page
    assert due_at(app, story_id) is None and events(app, story_id) == []

    # The periodic check stamps it once, with an audit event naming the date.
    with app.app_context():
        due = due_for_reconsent(utcnow())
        assert [(d.story.id, d.reason) for d in due] == [(story_id, CAME_OF_AGE)]
        due_for_reconsent(utcnow())
        db.session.remove()
    assert due_at(app, story_id) is not None
    assert events(app, story_id) == [("system", {"came_of_age_on": birthday.isoformat()})]


def test_due_for_reconsent_gives_the_reason_for_each(app, sign_in, ingest):
    admin = sign_in("admin")
    write_form(admin, version="1")
    facilitator = sign_in("facilitator")
    _, flagged, _, _ = ingest(facilitator)
    write_form(admin, version="2", requires_reconsent="y")
    with app.app_context():
        due = due_for_reconsent(utcnow(), stamp=False)
        assert [(d.story.id, d.reason) for d in due] == [(flagged, NEW_FORM)]
        consent = db.session.scalar(select(Consent).where(Consent.id == due[0].story.consent_id))
        assert due[0].since == consent.reconsent_due_at


def test_the_reconsent_due_command_stamps_minors_who_came_of_age(app, sign_in, ingest, runner):
    _, story_id, _, _ = ingest(
        sign_in("facilitator"),
        method="guardian",
        witness="Grace Njeri",
        comes_of_age_on=(date.today() + timedelta(days=10)).isoformat(),
    )
    with app.app_context():
        db.session.get(Story, story_id).consent.comes_of_age_on = date.today()
        db.session.commit()
    result = runner.invoke(args=["reconsent-due"])
    assert result.exit_code == 0, result.output
    assert "1 stories due for re-consent (1 storytellers came of age)" in result.output
    assert due_at(app, story_id) is not None
