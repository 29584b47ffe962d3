"""Narrowing consent and moving its end, by the storyteller: each change works in the same request.

After each change the story is checked every way an educator reaches it: library search, the JSON
API, the story page, the published recording's URL, and the index files themselves.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from archive.errors import Conflict
from archive.extensions import db
from archive.models import Consent, ConsentEvent, ConsentForm, ConsentStatus, MediaKind, Story, utcnow
from consent.changes import KEEP_ONE_MODALITY, KEEP_ONE_PURPOSE, ONLY_NARROW
from consent.withdrawal import withdraw
from ingest import workbench
from ingest.workbench import make_preview
from tests.fixtures.stories import sign_in_patient
from tests.test_published_audio import file_of, media_of

WORD = "quinine"  # a word of the fixture story, to search for


def events(app, consent_id: str) -> list[tuple[str, str, dict]]:
    with app.app_context():
        rows = db.session.execute(
            select(ConsentEvent.event, ConsentEvent.channel, ConsentEvent.details)
            .where(ConsentEvent.consent_id == consent_id)
            .order_by(ConsentEvent.id)
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


def consent_of(app, consent_id: str) -> Consent:
    with app.app_context():
        consent = db.session.get(Consent, consent_id)
        db.session.expunge(consent)
        db.session.remove()
    return consent


def reachable(app, educator, story_id: str) -> dict[str, bool]:
    """Every way an educator reaches a story's text."""
    search = educator.get(f"/library?q={WORD}").get_data(as_text=True)
    api = educator.get(f"/api/v1/search?q={WORD}").get_json()
    return {
        "search": f"/stories/{story_id}" in search,
        "api search": any(hit["id"] == story_id for hit in api["results"]),
        "story page": educator.get(f"/stories/{story_id}").status_code == 200,
        "api story": educator.get(f"/api/v1/stories/{story_id}").status_code == 200,
        "index": app.extensions["search_index"].contains(story_id),
    }


EVERYWHERE = {"search": True, "api search": True, "story page": True, "api story": True, "index": True}
NOWHERE = dict.fromkeys(EVERYWHERE, False)


def keep(patient, purposes, modalities):
    return patient.submit(
        "/consent/change/uses",
        {"purposes": list(purposes), "modalities": list(modalities)},
        page="/consent/change",
    )


def set_end(patient, ends_on: date | None):
    data = {"no_end": "y"} if ends_on is None else {"ends_on": ends_on.isoformat()}
    return patient.submit("/consent/change/period", data, page="/consent/change")


# -- narrowing -----------------------------------------------------------------------------------
def test_removing_the_audio_silences_the_story_at_once(app, upload_recording, publish_recorded, sign_in):
    up = upload_recording("clinic_visit.wav", relatives="마유미", modalities=["text", "audio"])
    with app.app_context():  # the reviewer's preview of the redacted copy, a recording of the voice too
        assert make_preview(db.session.get(Story, up.story_id))
        db.session.remove()
    publish_recorded(up.story_id)
    educator = sign_in("educator")
    patient = app.test_client()
    sign_in_patient(patient, up.code, up.secret)
    before = media_of(app, up.story_id)
    assert {MediaKind.ORIGINAL, MediaKind.LISTENING, MediaKind.PUBLISHED, MediaKind.PREVIEW} <= set(before)
    mine = patient.get("/consent/mine").get_data(as_text=True)
    own_url = f"/consent/stories/{up.story_id}/audio"
    assert own_url in mine, "the storyteller hears what educators hear"
    heard = patient.get(own_url)
    assert heard.status_code == 200 and heard.headers["Cache-Control"] == "private, no-store"
    heard.close()
    assert app.test_client().get(own_url).status_code == 404, "nobody else"

    response = keep(patient, ["teaching", "research"], ["text"])
    assert response.status_code == 302 and response.location.endswith("/consent/mine")

    # The same request made every recording educators could hear unreachable and deleted it.
    assert educator.get(f"/stories/{up.story_id}/audio").status_code == 404
    assert "<audio" not in educator.get(f"/stories/{up.story_id}").get_data(as_text=True)
    assert patient.get(own_url).status_code == 404
    assert own_url not in patient.get("/consent/mine").get_data(as_text=True)
    assert media_of(app, up.story_id) == {}, "a published story's recordings all go with the audio"
    for media in before.values():
        assert not file_of(app, media).exists(), media.kind
    # The text stays for teaching.
    assert educator.get(f"/stories/{up.story_id}").status_code == 200
    consent = consent_of(app, _consent_id(app, up.story_id))
    assert consent.modalities == ["text"] and consent.status == ConsentStatus.ACTIVE
    assert events(app, consent.id)[-1] == ("changed", "patient_web", {"removed": "audio"})


def _consent_id(app, story_id: str) -> str:
    from archive.models import Story

    with app.app_context():
        consent_id = db.session.get(Story, story_id).consent_id
        db.session.remove()
    return consent_id


def test_removing_the_audio_before_review_keeps_what_the_text_is_made_from(app, upload_recording):
    up = upload_recording("clinic_visit.wav", relatives="마유미", modalities=["text", "audio"])
    patient = app.test_client()
    sign_in_patient(patient, up.code, up.secret)
    assert keep(patient, ["teaching", "research"], ["text"]).status_code == 302
    kept = media_of(app, up.story_id)
    assert {MediaKind.ORIGINAL, MediaKind.LISTENING} <= set(kept) and MediaKind.PUBLISHED not in kept


@pytest.mark.parametrize(
    ("purposes", "modalities", "details"),
    [
        (["research"], ["text", "audio"], {"removed": "teaching"}),
        (["teaching", "research"], ["audio"], {"removed": "text"}),
    ],
    ids=["teaching-removed-research-kept", "text-removed-audio-kept"],
)
def test_narrowing_hides_the_story_from_every_reading_at_once(
    app, sign_in, published_card, purposes, modalities, details
):
    card = published_card(modalities=("text", "audio"))
    educator = sign_in("educator")
    assert reachable(app, educator, card.story_id) == EVERYWHERE
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    assert keep(patient, purposes, modalities).status_code == 302
    assert reachable(app, educator, card.story_id) == NOWHERE
    assert events(app, card.consent_id)[-1] == ("changed", "patient_web", details)
    mine = patient.get("/consent/mine").get_data(as_text=True)
    assert "not shown to teachers" in mine and "Teachers can read it" not in mine


def test_removing_research_leaves_the_library_as_it_was(app, sign_in, published_card):
    card = published_card()
    educator = sign_in("educator")
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    assert keep(patient, ["teaching"], ["text"]).status_code == 302
    assert reachable(app, educator, card.story_id) == EVERYWHERE
    assert consent_of(app, card.consent_id).purposes == ["teaching"]


@pytest.mark.parametrize(
    ("purposes", "modalities", "message"),
    [
        ([], ["text"], KEEP_ONE_PURPOSE),
        (["teaching"], [], KEEP_ONE_MODALITY),
        ([], [], KEEP_ONE_PURPOSE),
        (["teaching", "public"], ["text"], ONLY_NARROW),
        (["teaching"], ["text", "audio"], ONLY_NARROW),
        (["teaching", "everything"], ["text"], ONLY_NARROW),
    ],
    ids=["no-purpose", "no-modality", "nothing-at-all", "adds-public", "adds-audio", "unknown-purpose"],
)
def test_narrowing_to_nothing_or_widening_is_refused_and_changes_nothing(
    app, sign_in, published_card, purposes, modalities, message
):
    card = published_card()
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    response = keep(patient, purposes, modalities)
    assert response.status_code == 400
    assert message.replace("'", "&#39;") in response.get_data(as_text=True)
    consent = consent_of(app, card.consent_id)
    assert consent.purposes == ["teaching", "research"] and consent.modalities == ["text"]
    assert [e[0] for e in events(app, card.consent_id)] == ["granted", "viewed"]
    assert reachable(app, sign_in("educator"), card.story_id) == EVERYWHERE


# -- the period ------------------------------------------------------------------------------------
@pytest.mark.parametrize("days", [0, -3], ids=["today", "a-past-day"])
def test_shortening_to_today_or_earlier_ends_the_consent_now(app, sign_in, published_card, days):
    card = published_card()
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    response = set_end(patient, date.today() + timedelta(days=days))
    assert response.status_code == 302
    mine = patient.get("/consent/mine").get_data(as_text=True)
    assert "Your consent ends now" in mine
    assert reachable(app, sign_in("educator"), card.story_id) == NOWHERE
    assert consent_of(app, card.consent_id).expires_at <= utcnow()
    assert events(app, card.consent_id)[-1] == ("changed", "patient_web", {"period": "ended_now"})


def test_a_later_end_is_kept_and_the_story_stays(app, sign_in, published_card):
    card = published_card()
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    last_day = date.today() + timedelta(days=400)
    assert set_end(patient, last_day).status_code == 302
    assert consent_of(app, card.consent_id).expires_at.date() == last_day
    assert reachable(app, sign_in("educator"), card.story_id) == EVERYWHERE
    assert events(app, card.consent_id)[-1][2] == {"period": "ends", "ends_on": last_day.isoformat()}


@pytest.mark.parametrize("status", [ConsentStatus.ACTIVE, ConsentStatus.EXPIRED])
def test_extending_an_ended_period_brings_the_story_back(app, sign_in, published_card, status):
    card = published_card()
    with app.app_context():
        consent = db.session.get(Consent, card.consent_id)
        consent.expires_at, consent.status = utcnow() - timedelta(days=2), status
        db.session.commit()
        app.extensions["search_index"].remove(card.story_id)
    educator = sign_in("educator")
    assert reachable(app, educator, card.story_id) == NOWHERE
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    assert set_end(patient, None).status_code == 302
    assert reachable(app, educator, card.story_id) == EVERYWHERE
    consent = consent_of(app, card.consent_id)
    assert consent.expires_at is None and consent.status == ConsentStatus.ACTIVE


def test_a_period_form_without_a_day_is_refused(app, published_card):
    card = published_card()
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    response = patient.submit("/consent/change/period", {"ends_on": ""}, page="/consent/change")
    assert response.status_code == 400 and "Choose the last day" in response.get_data(as_text=True)
    assert [e[0] for e in events(app, card.consent_id)] == ["granted", "viewed"]


# -- requests that must change nothing ---------------------------------------------------------------
def test_get_never_changes_consent(app, published_card):
    card = published_card()
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    token = patient.csrf_token("/consent/change")
    for url in ("/consent/change", "/consent/change/uses", "/consent/change/period"):
        query = {"csrf_token": token, "purposes": "research", "modalities": "text", "no_end": "y"}
        assert patient.get(url, query_string=query).status_code in (200, 405)
    consent = consent_of(app, card.consent_id)
    assert consent.purposes == ["teaching", "research"] and consent.expires_at is None
    assert [e[0] for e in events(app, card.consent_id)] == ["granted", "viewed"]


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/consent/change", None),
        ("post", "/consent/change/uses", {"purposes": "teaching", "modalities": "text"}),
        ("post", "/consent/change/period", {"no_end": "y"}),
        ("get", "/consent/stories/{story}/audio", None),
    ],
    ids=["change-page", "narrow", "period", "recording"],
)
def test_a_withdrawn_code_used_again_shows_nothing_and_changes_nothing(
    app, published_card, withdraw, method, url, data
):
    card = published_card()
    withdraw(card.code, card.secret)
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    url = url.format(story=card.story_id)
    if method == "post":
        response = patient.post(url, data={**data, "csrf_token": patient.csrf_token("/consent/mine")})
    else:
        response = patient.get(url)
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response.location.endswith("/consent/mine")
    page = patient.get("/consent/mine").get_data(as_text=True)
    assert "taken back" in page and "quinine" not in page
    assert [e[0] for e in events(app, card.consent_id)] == ["granted", "viewed", "withdrawn", "viewed"]


# -- the storyteller's page --------------------------------------------------------------------------
def test_the_page_shows_the_consent_its_history_and_views(app, sign_in, published_card, make_user):
    card = published_card()
    with app.app_context():
        form = ConsentForm(
            language="en", version="2026-2", title="Sharing your story", text="We will keep it."
        )
        db.session.add(form)
        db.session.flush()
        db.session.get(Consent, card.consent_id).form_id = form.id
        db.session.commit()
    educator = sign_in("educator")
    for _ in range(3):  # one teacher reloading the page counts once a day
        assert educator.get(f"/stories/{card.story_id}").status_code == 200
    assert sign_in("educator").get(f"/stories/{card.story_id}").status_code == 200
    sign_in("admin").get(f"/stories/{card.story_id}")  # an admin checking is no teacher's view
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    keep(patient, ["teaching"], ["text"])
    html = patient.get("/consent/mine").get_data(as_text=True)
    for expected in (
        "Teachers can read it.",
        "teaching health workers in a closed course",
        "the written story",
        "you signed a form",
        "with no end date",
        "Consent form version 2026-2",
        "We will keep it.",
        "Teachers opened your story 2 times (each teacher counts once a day).",
        "No teacher has put your story in a teaching set.",
        "You gave your consent",
        "You opened your story&#39;s page on this website",
        "You changed your consent on this website (removed: research)",
        'href="/consent/change"',
        'href="/consent/withdraw"',
    ):
        assert expected in html, expected
    assert "@example.org" not in html, "no staff names or addresses"
    assert "<script" not in html, "works without JavaScript"


def test_a_preview_made_while_the_story_is_withdrawn_is_not_kept(app, upload_recording, monkeypatch):
    """The reviewer asks for the redacted copy; the storyteller withdraws while ffmpeg makes it: the copy
    is not kept after the withdrawal (no row, no file), and the reviewer is told."""
    up = upload_recording("clinic_visit.wav", relatives="마유미", modalities=["text", "audio"])
    real = workbench.redact_audio

    def withdrawn_meanwhile(*args, **kwargs):
        copy = real(*args, **kwargs)
        with app.app_context():
            story = db.session.get(Story, up.story_id)
            assert withdraw(story.consent, channel="patient_web")
            db.session.remove()
        return copy

    monkeypatch.setattr(workbench, "redact_audio", withdrawn_meanwhile)
    with app.app_context():
        with pytest.raises(Conflict):
            workbench.make_preview(db.session.get(Story, up.story_id))
        db.session.remove()
    assert MediaKind.PREVIEW not in media_of(app, up.story_id)
    assert media_of(app, up.story_id) == {}
