"""Consent taken at ingest: the form version explained, where, the period, and a guardian's
coming-of-age date. Each bad input is refused with its message and leaves nothing behind."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta

import pytest
from flask import current_app
from sqlalchemy import select

from archive.crypto import IdentifierCipher
from archive.extensions import db
from archive.models import Consent, Story, utcnow
from tests.fixtures.consent_forms import write_form
from tests.fixtures.stories import row_counts, story_form

NEW = "/ingest/new"
PLACE = "Kiambu Mission Dispensary"
TODAY = date.today()


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def consent_of(app, story_id: str) -> Consent:
    with app.app_context():
        consent = db.session.get(Story, story_id).consent
        db.session.expunge(consent)
        return consent


def test_form_place_period_and_guardian_are_kept(app, sign_in, ingest, publish):
    admin = sign_in("admin")
    form_id = write_form(admin, language="sw", version="2027-3", title="Idhini", text="Hadithi yako…")
    _, story_id, _, _ = ingest(
        sign_in("facilitator"),
        form_id=str(form_id),  # explained in Swahili though the story is typed in English
        place=PLACE,
        given_on=days(-3),
        expires_on=days(400),
        method="guardian",
        witness="Grace Njeri",
        comes_of_age_on=days(800),
    )
    consent = consent_of(app, story_id)
    assert (consent.form_id, consent.form_version, consent.language) == (form_id, "2027-3", "sw")
    assert consent.given_at == datetime.combine(TODAY - timedelta(days=3), datetime.min.time())
    assert consent.expires_at == datetime.combine(TODAY + timedelta(days=400), datetime.min.time())
    assert consent.comes_of_age_on == TODAY + timedelta(days=800)
    assert PLACE.encode() not in consent.place_encrypted
    with app.app_context():
        cipher = IdentifierCipher(current_app.config["IDENTIFIER_KEY"])
        assert cipher.decrypt(consent.place_encrypted) == PLACE

    publish(story_id, reviewer=sign_in("reviewer"))
    educator = sign_in("educator")
    for url in (f"/stories/{story_id}", f"/api/v1/stories/{story_id}", "/library?q=tomatoes"):
        response = educator.get(url)
        assert response.status_code == 200, url
        assert "Kiambu" not in response.get_data(as_text=True), url


def test_consent_given_today_starts_now_and_without_a_form_the_typed_version_is_kept(app, sign_in, ingest):
    before = utcnow()
    _, story_id, _, _ = ingest(sign_in("facilitator"), given_on=TODAY.isoformat(), form_version="paper-7")
    consent = consent_of(app, story_id)
    assert consent.given_at >= before.replace(microsecond=0) - timedelta(seconds=1)
    assert (consent.form_id, consent.form_version, consent.language) == (None, "paper-7", "en")
    assert consent.place_encrypted is None and consent.comes_of_age_on is None


GUARDIAN = {"method": "guardian", "witness": "Grace Njeri"}
NEEDS_AGE = "A guardian's consent needs the date the storyteller comes of age"
CAME_OF_AGE = "a guardian can no longer consent for them"


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        pytest.param(
            {"place": "p" * 201}, "place", "Keep the place to at most 200 characters.", id="place-201"
        ),
        pytest.param(
            {"given_on": days(2)},
            "given_on",
            "Consent cannot have been given on a future date.",
            id="given-future",
        ),
        pytest.param(
            {"given_on": "31/02/2027"}, "given_on", "Not a valid date value.", id="given-not-a-date"
        ),
        pytest.param(
            {"expires_on": days(-1)}, "expires_on", "An end date must be in the future.", id="end-past"
        ),
        pytest.param({"expires_on": "soon"}, "expires_on", "Not a valid date value.", id="end-not-a-date"),
        pytest.param(GUARDIAN, "comes_of_age_on", NEEDS_AGE, id="guardian-without-date"),
        pytest.param(
            {**GUARDIAN, "comes_of_age_on": days(-30)},
            "comes_of_age_on",
            CAME_OF_AGE,
            id="guardian-came-of-age",
        ),
        pytest.param(
            {**GUARDIAN, "comes_of_age_on": TODAY.isoformat()},
            "comes_of_age_on",
            CAME_OF_AGE,
            id="guardian-comes-of-age-today",
        ),
        pytest.param(
            {"comes_of_age_on": days(300)},
            "comes_of_age_on",
            "belongs only to a guardian's consent",
            id="date-without-guardian",
        ),
        pytest.param(
            {"form_id": "999999"},
            "form_id",
            "Choose a consent form version from the list.",
            id="form-unknown",
        ),
        pytest.param(
            {"form_id": "1; drop"}, "form_id", "Choose a consent form version from the list.", id="form-junk"
        ),
        pytest.param(
            {"form_id": "9" * 30},
            "form_id",
            "Choose a consent form version from the list.",
            id="form-huge-number",
        ),
    ],
)
def test_bad_consent_input_is_refused_with_its_message_and_nothing_is_stored(
    app, sign_in, overrides, field, message
):
    facilitator = sign_in("facilitator")
    before = row_counts(app)

    response = facilitator.submit(NEW, story_form(**overrides), page=NEW)

    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    after_field = page.split(f'name="{field}"', 1)[1].split('<div class="row">', 1)[0]
    assert message in after_field, f"{message!r} not next to {field}"
    assert row_counts(app) == before


def test_a_retired_form_chosen_by_an_old_page_is_refused(app, sign_in):
    admin = sign_in("admin")
    form_id = write_form(admin)
    facilitator = sign_in("facilitator")
    facilitator.get(NEW)  # the page was opened while the version was still offered
    admin.submit(f"/admin/consent-forms/{form_id}/retire", {}, page="/admin/consent-forms")
    before = row_counts(app)

    response = facilitator.submit(NEW, story_form(form_id=str(form_id)), page=NEW)

    assert response.status_code == 400
    assert "was retired: choose a current version" in html.unescape(response.get_data(as_text=True))
    assert row_counts(app) == before
    with app.app_context():
        assert db.session.scalar(select(Consent.id).where(Consent.form_id == form_id)) is None
