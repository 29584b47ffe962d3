"""Consent given by a guardian: for a minor, until a grace period after they come of age; for an adult who
cannot consent, with no coming-of-age date at all.

A guardian's consent for a minor stops covering the story once the storyteller comes of age: re-consent
is due at once, the story stays in the library for a grace period (CONSENT_EXPIRY_GRACE_DAYS), then its
period ends and it is treated like any expired consent until the storyteller consents themself. The
guardian's card still narrows and withdraws, but never makes the consent last longer.
"""

from __future__ import annotations

import html
import json
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import Consent, ConsentEvent, ConsentStatus, Story
from consent.expiry import expire_consents
from consent.reconsent import due_for_reconsent
from tests.fixtures.stories import row_counts, sign_in_patient, story_form

GRACE = 30  # CONSENT_EXPIRY_GRACE_DAYS
GUARDIAN = {"method": "guardian", "witness": "Grace Njeri"}


def day(offset: int) -> date:
    return date.today() + timedelta(days=offset)


def start_of(d: date) -> datetime:
    return datetime.combine(d, time.min)


def consent_of(app, story_id: str) -> Consent:
    with app.app_context():
        consent = db.session.get(Story, story_id).consent
        db.session.expunge(consent)
        db.session.remove()
    return consent


def fhir(app, admin, story_id: str) -> dict:
    response = admin.get(f"/admin/consents/{consent_of(app, story_id).id}/fhir")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def time_passes(app, story_id: str, came_of_age_days_ago: int) -> None:
    """Move the coming-of-age day (and the limit that follows from it) into the past, as time would."""
    with app.app_context():
        consent = db.session.get(Story, story_id).consent
        consent.comes_of_age_on = day(-came_of_age_days_ago)
        consent.expires_at = start_of(day(-came_of_age_days_ago + GRACE))
        db.session.commit()
        db.session.remove()


# -- a minor -------------------------------------------------------------------------------------------
def test_a_guardian_s_consent_for_a_minor_ends_a_grace_period_after_they_come_of_age(app, sign_in, ingest):
    _, story_id, _, _ = ingest(sign_in("facilitator"), **GUARDIAN, comes_of_age_on=day(100).isoformat())
    consent = consent_of(app, story_id)
    assert consent.expires_at == start_of(day(100 + GRACE))
    resource = fhir(app, sign_in("admin"), story_id)
    assert resource["provision"]["period"]["end"] == start_of(day(100 + GRACE)).isoformat() + "Z"
    assert resource["performer"] == [{"display": "The storyteller's guardian (the storyteller is a minor)"}]

    # An earlier end chosen at ingest stays; a later one is held to the limit.
    _, earlier, _, _ = ingest(
        sign_in("facilitator"),
        **GUARDIAN,
        comes_of_age_on=day(100).isoformat(),
        expires_on=day(50).isoformat(),
    )
    _, later, _, _ = ingest(
        sign_in("facilitator"),
        **GUARDIAN,
        comes_of_age_on=day(100).isoformat(),
        expires_on=day(900).isoformat(),
    )
    assert consent_of(app, earlier).expires_at == start_of(day(50))
    assert consent_of(app, later).expires_at == start_of(day(100 + GRACE))


def test_past_the_coming_of_age_date_the_story_stays_for_the_grace_period_then_is_hidden(
    app, sign_in, ingest, publish
):
    facilitator = sign_in("facilitator")
    _, story_id, code, secret = ingest(facilitator, **GUARDIAN, comes_of_age_on=day(10).isoformat())
    publish(story_id, reviewer=sign_in("reviewer"))
    educator = sign_in("educator")

    time_passes(app, story_id, came_of_age_days_ago=5)  # inside the grace period
    assert educator.get(f"/stories/{story_id}").status_code == 200
    assert "a minor who has come of age" in facilitator.get("/ingest/reconsent").get_data(as_text=True)
    patient = app.test_client()
    sign_in_patient(patient, code, secret)
    mine = html.unescape(patient.get("/consent/mine").get_data(as_text=True))
    assert "A guardian gave this consent, so it lasts until" in mine

    time_passes(app, story_id, came_of_age_days_ago=GRACE + 1)  # the grace period is over
    assert educator.get(f"/stories/{story_id}").status_code == 404
    assert educator.get(f"/api/v1/stories/{story_id}").status_code == 404
    with app.app_context():
        report = expire_consents()
        assert report.expired == [consent_of(app, story_id).id]
        assert not app.extensions["search_index"].contains(story_id)
        db.session.remove()
    # Hidden, not gone: still due, so the storyteller can still consent themself.
    listing = facilitator.get("/ingest/reconsent").get_data(as_text=True)
    assert story_id in listing and "period ended: hidden" in listing
    mine = html.unescape(patient.get("/consent/mine").get_data(as_text=True))
    assert "not shown to teachers" in mine
    assert "Unless the storyteller gives their own consent to the health worker before" in mine

    renewed = facilitator.submit(
        f"/ingest/reconsent/{story_id}",
        {"purposes": ["teaching"], "modalities": ["text"], "method": "signed"},
        page="/ingest/reconsent",
    )
    assert renewed.status_code == 201  # the storyteller's own card
    consent = consent_of(app, story_id)
    assert (consent.status, consent.expires_at, consent.expired_at) == (ConsentStatus.ACTIVE, None, None)
    assert educator.get(f"/stories/{story_id}").status_code == 200


def test_a_guardian_consent_recorded_before_limits_gets_its_end_when_found_due(app, sign_in, ingest):
    _, story_id, _, _ = ingest(sign_in("facilitator"), **GUARDIAN, comes_of_age_on=day(10).isoformat())
    with app.app_context():
        consent = db.session.get(Story, story_id).consent
        consent.expires_at = None  # as recorded by an earlier release
        consent.comes_of_age_on = day(-(GRACE + 2))
        db.session.commit()
        report = expire_consents()  # the quarter-hourly job stamps it, then expires it
        assert report.expired == [consent.id]
        details = db.session.scalars(
            select(ConsentEvent.details)
            .where(ConsentEvent.consent_id == consent.id)
            .order_by(ConsentEvent.id)
        ).all()
        assert {"came_of_age_on": day(-(GRACE + 2)).isoformat()} in details
        assert {"period": "ends", "ends_on": day(-2).isoformat()} in details
        assert due_for_reconsent(datetime.now(), stamp=False)[0].story.id == story_id
        db.session.remove()


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ({"no_end": "y"}, False),
        ({"ends_on": "later"}, False),
        ({"ends_on": "earlier"}, True),
    ],
    ids=["no-end-date", "past-the-limit", "shorter"],
)
def test_the_guardian_s_card_never_makes_the_consent_last_longer(app, sign_in, ingest, data, ok):
    _, story_id, code, secret = ingest(
        sign_in("facilitator"), **GUARDIAN, comes_of_age_on=day(100).isoformat()
    )
    limit = consent_of(app, story_id).expires_at
    if "ends_on" in data:
        data = {"ends_on": day(200 if data["ends_on"] == "later" else 20).isoformat()}
    guardian = app.test_client()
    sign_in_patient(guardian, code, secret)

    response = guardian.submit("/consent/change/period", data, page="/consent/change")

    if ok:
        assert response.status_code == 302
        assert consent_of(app, story_id).expires_at == start_of(day(20))
    else:
        assert response.status_code == 400
        page = html.unescape(response.get_data(as_text=True))
        assert "A guardian gave this consent, so it can last at most until" in page
        assert consent_of(app, story_id).expires_at == limit


def test_the_guardian_s_card_still_narrows_and_withdraws(app, sign_in, ingest, publish, withdraw):
    _, story_id, code, secret = ingest(
        sign_in("facilitator"), **GUARDIAN, comes_of_age_on=day(10).isoformat()
    )
    publish(story_id, reviewer=sign_in("reviewer"))
    time_passes(app, story_id, came_of_age_days_ago=3)
    guardian = app.test_client()
    sign_in_patient(guardian, code, secret)
    narrowed = guardian.submit(
        "/consent/change/uses", {"purposes": ["research"], "modalities": ["text"]}, page="/consent/change"
    )
    assert narrowed.status_code == 302 and consent_of(app, story_id).purposes == ["research"]
    withdraw(code, secret)
    assert consent_of(app, story_id).status == ConsentStatus.WITHDRAWN


# -- an adult who cannot consent ------------------------------------------------------------------------
def test_a_guardian_for_an_adult_who_cannot_consent_gives_no_coming_of_age_date(app, sign_in, ingest):
    _, story_id, _, _ = ingest(sign_in("facilitator"), method="guardian_adult", witness="Grace Njeri")
    consent = consent_of(app, story_id)
    assert (consent.method, consent.comes_of_age_on, consent.expires_at) == ("guardian_adult", None, None)
    resource = fhir(app, sign_in("admin"), story_id)
    assert resource["performer"] == [
        {"display": "The storyteller's guardian (the storyteller is an adult who cannot consent themself)"}
    ]
    assert "end" not in resource["provision"]["period"]
    with app.app_context():
        assert due_for_reconsent(datetime.now(), stamp=False) == []
        db.session.remove()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"method": "guardian_adult"}, "witness", "needs a witness name"),
        (
            {"method": "guardian_adult", "witness": "Grace Njeri", "comes_of_age_on": day(300).isoformat()},
            "comes_of_age_on",
            "A guardian for an adult who cannot consent gives no coming-of-age date",
        ),
    ],
    ids=["without-witness", "with-a-coming-of-age-date"],
)
def test_bad_guardian_for_an_adult_is_refused(app, sign_in, overrides, field, message):
    facilitator = sign_in("facilitator")
    before = row_counts(app)
    response = facilitator.submit("/ingest/new", story_form(**overrides), page="/ingest/new")
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert message in page.split(f'name="{field}"', 1)[1].split('<div class="row">', 1)[0]
    assert row_counts(app) == before


def test_the_ingest_form_offers_both_kinds_of_guardian(sign_in):
    page = sign_in("facilitator").get("/ingest/new").get_data(as_text=True)
    assert "A guardian agreed on behalf of a minor" in page
    assert "A guardian agreed on behalf of an adult who cannot consent" in page
