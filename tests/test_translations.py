"""The storyteller's pages speak the story's language where a translation exists (English, Swahili).

The language is the one chosen with ?lang=, else the signed-in story's, else the browser's
Accept-Language, else English; staff pages stay in English. Every message has its Swahili.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.fixtures.stories import sign_in_patient

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"


@pytest.mark.parametrize(
    ("language", "accept", "expected", "absent"),
    [
        ("sw", "en", "Hadithi yako", "Teachers can read it"),
        ("en", "sw", "Teachers can read it", "Hadithi yako"),
        ("ko", "sw", "Hadithi yako", "Teachers can read it"),  # no Korean catalogue: the browser's choice
    ],
    ids=["swahili-story", "english-story", "untranslated-story-language"],
)
def test_a_signed_in_storyteller_reads_their_story_s_language(
    app, published_card, language, accept, expected, absent
):
    card = published_card(language=language)
    patient = app.test_client()
    patient.environ_base["HTTP_ACCEPT_LANGUAGE"] = accept
    sign_in_patient(patient, card.code, card.secret)
    html = patient.get("/consent/mine").get_data(as_text=True)
    assert expected in html and absent not in html
    code = "sw" if expected == "Hadithi yako" else "en"
    assert f'<html lang="{code}">' in html


def test_swahili_page_has_swahili_words_for_the_consent(app, published_card):
    card = published_card(language="sw")
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    html = patient.get("/consent/mine").get_data(as_text=True)
    for words in ("Ulichokubali", "kufundisha wahudumu wa afya", "ulitia sahihi fomu", "Ulitoa ridhaa yako"):
        assert words in html, words
    change = patient.get("/consent/change").get_data(as_text=True)
    assert "Badilisha ulichokubali" in change


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        ("", "sw-KE,sw;q=0.9", "Fungua hadithi yangu"),
        ("", "fr", "Open my story"),
        ("?lang=sw", "en", "Fungua hadithi yangu"),
        ("?lang=en", "sw", "Open my story"),
        ("?lang=xx", "", "Open my story"),
    ],
    ids=["accept-swahili", "accept-unknown", "chosen-swahili", "chosen-english", "chosen-unknown"],
)
def test_before_sign_in_the_choice_or_the_browser_decides(client, query, accept, expected):
    html = client.get(f"/consent/{query}", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert expected in html


def test_a_choice_is_remembered_and_overrides_the_story_language(app, published_card):
    card = published_card(language="sw")
    patient = app.test_client()
    assert "Open my story" in patient.get("/consent/?lang=en").get_data(as_text=True)
    sign_in_patient(patient, card.code, card.secret)
    assert "Teachers can read it" in patient.get("/consent/mine").get_data(as_text=True)


def test_refusals_and_lockout_are_translated(app, client):
    app.config["SELF_SERVICE_MAX_FAILURES_PER_CODE"] = 1
    wrong = client.submit("/consent/?lang=sw", {"code": "ZZZZ-ZZZZ", "secret": "ABCDEFGHJK"})
    assert "Namba hiyo na siri hazilingani" in wrong.get_data(as_text=True)
    locked = client.submit("/consent/?lang=sw", {"code": "ZZZZ-ZZZZ", "secret": "ABCDEFGHJK"})
    assert locked.status_code == 429
    assert "jaribu tena baada ya dakika 15" in locked.get_data(as_text=True)


def test_staff_pages_stay_in_english(sign_in):
    facilitator = sign_in("facilitator")
    html = facilitator.get("/ingest/new?lang=sw", headers={"Accept-Language": "sw"}).get_data(as_text=True)
    assert '<html lang="en">' in html


def test_every_message_has_its_swahili_and_the_compiled_catalogue_is_current():
    with (TRANSLATIONS / "messages.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    with (TRANSLATIONS / "sw" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        po = [m for m in read_po(fh, locale="sw") if m.id]
    assert {m.id for m in po} == template, "run `make translations`"
    assert all(m.string and (not isinstance(m.string, tuple) or all(m.string)) for m in po)
    assert not any("fuzzy" in m.flags for m in po)
    with (TRANSLATIONS / "sw" / "LC_MESSAGES" / "messages.mo").open("rb") as fh:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(fh) if m.id}
    assert compiled == {_key(m.id): _key(m.string) for m in po}, (
        "the .mo is older than the .po: run `make translations`"
    )


def _key(value):
    """Plural ids and strings come as lists from one reader and tuples from the other."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_what_a_change_changed_is_said_in_the_story_s_language(app, published_card):
    """The audit trail keeps structured details, and the page says them in the storyteller's words."""
    card = published_card(language="sw")
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    changed = patient.submit(
        "/consent/change/uses", {"purposes": ["teaching"], "modalities": ["text"]}, page="/consent/change"
    )
    assert changed.status_code == 302
    last_day = (date.today() + timedelta(days=400)).isoformat()
    moved = patient.submit("/consent/change/period", {"ends_on": last_day}, page="/consent/change")
    assert moved.status_code == 302
    html = patient.get("/consent/mine").get_data(as_text=True)
    assert "imeondolewa: utafiti" in html  # removed: research
    assert "siku ya mwisho:" in html  # last day: ...
    assert "research removed" not in html and "period end" not in html
