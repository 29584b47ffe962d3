"""The storyteller's pages say in Swahili what they say in English: the forms' own refusals (WTForms has no
Swahili), the end of a period and what follows it, a guardian's limit, and consent given again."""

from __future__ import annotations

import html
from datetime import date, timedelta

from archive.extensions import db
from archive.models import Consent, Story, utcnow
from consent.expiry import expire_consents
from tests.fixtures.stories import read_card, sign_in_patient


def swahili_patient(app, card):
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    return patient


def test_an_empty_code_form_is_refused_in_swahili(client):
    response = client.submit("/consent/?lang=sw", {"code": "", "secret": ""})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Andika namba iliyo kwenye kadi yako." in page and "Andika siri iliyo kwenye kadi yako." in page
    assert "This field is required" not in page


def test_a_code_longer_than_any_card_is_refused_in_swahili(client):
    response = client.submit("/consent/?lang=sw", {"code": "X" * 41, "secret": "ABCDE"})
    assert "Hii ni ndefu kuliko chochote kilichoandikwa kwenye kadi." in html.unescape(
        response.get_data(as_text=True)
    )


def test_a_day_that_is_not_a_date_is_refused_in_swahili(app, published_card):
    patient = swahili_patient(app, published_card(language="sw"))
    response = patient.submit("/consent/change/period", {"ends_on": "kesho"}, page="/consent/change")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Tarehe hii si sahihi." in page and "Not a valid date value" not in page


def test_the_end_of_a_period_and_the_deletion_that_follows_are_told_in_swahili(app, published_card):
    card = published_card(language="sw")
    with app.app_context():
        db.session.get(Consent, card.consent_id).expires_at = utcnow() - timedelta(days=1)
        db.session.commit()
        assert expire_consents().expired == [card.consent_id]
        db.session.remove()
    page = html.unescape(swahili_patient(app, card).get("/consent/mine").get_data(as_text=True))
    assert "Haionyeshwi kwa walimu, kwa sababu muda uliokubali uliisha" in page
    assert "Usipochagua siku ya mwisho iliyo mbele zaidi kabla ya" in page
    assert "will then be taken back" not in page


def test_a_guardian_s_limit_and_consent_given_again_are_told_in_swahili(app, sign_in, ingest):
    facilitator = sign_in("facilitator")
    _, story_id, code, secret = ingest(
        facilitator,
        language="sw",
        method="guardian",
        witness="Grace Njeri",
        comes_of_age_on=(date.today() + timedelta(days=100)).isoformat(),
    )
    guardian = app.test_client()
    sign_in_patient(guardian, code, secret)
    page = html.unescape(guardian.get("/consent/mine").get_data(as_text=True))
    assert "Mlezi ndiye aliyetoa ridhaa hii, kwa hiyo inadumu hadi" in page
    longer = guardian.submit("/consent/change/period", {"no_end": "y"}, page="/consent/change")
    assert longer.status_code == 400
    assert "inaweza kudumu hadi" in html.unescape(longer.get_data(as_text=True))

    with app.app_context():
        db.session.get(Story, story_id).consent.comes_of_age_on = date.today() - timedelta(days=1)
        db.session.commit()
        db.session.remove()
    renewed = facilitator.submit(
        f"/ingest/reconsent/{story_id}",
        {"purposes": ["teaching"], "modalities": ["text"], "method": "signed"},
        page="/ingest/reconsent",
    )
    assert renewed.status_code == 201
    code, secret = read_card(renewed.get_data(as_text=True))
    storyteller = app.test_client()
    sign_in_patient(storyteller, code, secret)
    page = html.unescape(storyteller.get("/consent/mine").get_data(as_text=True))
    # The history says who gave each consent: the guardian first, the storyteller now.
    assert "Mlezi alitoa ridhaa kwa niaba yako kwa mhudumu wa afya" in page
    assert "Ulitoa ridhaa yako tena, kwa mhudumu wa afya" in page
    assert "imetolewa na wewe, kwa kuwa sasa umefikia umri wa utu uzima" in page
    assert "Mhudumu wa afya alikupa siri mpya" in page
