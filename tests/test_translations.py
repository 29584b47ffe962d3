"""The storyteller's pages speak their language: English, Kiswahili, French, Spanish, Portuguese, Hindi,
Nepali and Korean, header, footer and error pages included.

The language is the one chosen with ?lang=, else the storyteller's own (recorded for their card), else
the story's, else the browser's Accept-Language, else English; staff pages stay in English. Every
message has its translation in each of the eight languages, with the same placeholders.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.fixtures.stories import sign_in_patient

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
# The storyteller's pages' languages besides English (whose words are the messages themselves).
LANGUAGES = ("sw", "fr", "es", "pt", "hi", "ne", "ko")
# "Your story" in each, as the page's heading says it.
YOUR_STORY = {
    "en": "Your story",
    "sw": "Hadithi yako",
    "fr": "Votre histoire",
    "es": "Su historia",
    "pt": "A sua história",
    "hi": "आपकी कहानी",
    "ne": "तपाईंको कथा",
    "ko": "내 이야기",
}


@pytest.mark.parametrize(
    ("language", "accept", "shown"),
    [
        *[(code, "en", code) for code in LANGUAGES],
        ("en", "sw", "en"),
        ("yo", "sw", "sw"),  # no Yoruba pages: the browser's choice
    ],
    ids=[*(f"{code}-story" for code in LANGUAGES), "english-story", "untranslated-story-language"],
)
def test_a_signed_in_storyteller_reads_their_story_s_language(app, stories, language, accept, shown):
    # Straight to rows: a consent with no card language (as before cards had one), so the pages follow
    # the story's language, else the browser's; the ingest service would give a Yoruba story's card
    # English (``reader_language``).
    card = stories.shelved(language=language)
    patient = app.test_client()
    patient.environ_base["HTTP_ACCEPT_LANGUAGE"] = accept
    sign_in_patient(patient, card.code, card.secret)
    html = patient.get("/consent/mine").get_data(as_text=True)
    assert f"<h1>{YOUR_STORY[shown]}</h1>" in html
    assert f'<html lang="{shown}">' in html
    if shown != "en":
        assert "Teachers can read it" not in html and "Staff sign-in" not in html  # header too


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
        ("", "fr-FR,fr;q=0.9", "Ouvrir mon histoire"),
        ("", "yo", "Open my story"),
        ("?lang=sw", "en", "Fungua hadithi yangu"),
        ("?lang=en", "sw", "Open my story"),
        ("?lang=xx", "", "Open my story"),
    ],
    ids=[
        "accept-swahili",
        "accept-french",
        "accept-unknown",
        "chosen-swahili",
        "chosen-english",
        "chosen-unknown",
    ],
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
    app.config.update(SELF_SERVICE_MAX_FAILURES_PER_CODE=1, ATTEMPT_BASE_DELAY_SECONDS=15 * 60)
    wrong = client.submit("/consent/?lang=sw", {"code": "ZZZZ-ZZZZ", "secret": "ABCDEFGHJK"})
    assert "Namba hiyo na siri hazilingani" in wrong.get_data(as_text=True)
    locked = client.submit("/consent/?lang=sw", {"code": "ZZZZ-ZZZZ", "secret": "ABCDEFGHJK"})
    assert locked.status_code == 429
    assert "jaribu tena baada ya dakika 15" in locked.get_data(as_text=True)


def test_staff_pages_stay_in_english(sign_in):
    facilitator = sign_in("facilitator")
    html = facilitator.get("/ingest/new?lang=sw", headers={"Accept-Language": "sw"}).get_data(as_text=True)
    assert '<html lang="en">' in html


def test_the_eight_languages_are_offered():
    assert sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")) == sorted(
        LANGUAGES
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_has_its_translation_and_the_compiled_catalogue_is_current(language):
    with (TRANSLATIONS / "messages.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=language)
    po = [m for m in catalog if m.id]
    assert {m.id for m in po} == template, "run `make translations`"
    missing = [m.id for m in po if not m.string or (isinstance(m.string, tuple) and not all(m.string))]
    assert not missing, f"{language}: no translation for {missing}"
    assert not any("fuzzy" in m.flags for m in po)
    # The same placeholders as the English, and a string for each of the language's plural forms.
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert not problems, problems
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo").open("rb") as fh:
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
