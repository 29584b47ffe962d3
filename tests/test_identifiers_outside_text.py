"""Titles, tags, clip titles and notes, teaching-set titles and prompts are shown to educators as typed,
so none may carry a known identifier, nor a part or a form of one (``archive.identifier_fields``)."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from archive.crypto import IdentifierCipher
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.identifier_fields import check_fields
from archive.models import Clip, Consent, Story, TeachingSetItem
from consent.records import ConsentTerms, grant
from tests.fixtures.stories import story_form

# The facilitator's identifiers of the stories below (made up).
ZAWADI = {
    "speaker": "Zawadi Otieno",
    "relatives": "Achieng Nyaboke",
    "village": "Lumumba",
    "clinic": "Kisauni Dispensary",
    "other_identifiers": "0722 123 456",
    "text": "I coughed for a month before anyone listened. The nurse gave me tablets and a date to return.",
}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Otieno carried me to the clinic", "The title “Otieno” looks like"),
        ("title", "Cough in GACHIKA", "The title “GACHIKA” looks like"),
        ("free_tags", "tuberculosis, Gitaru Hill Health Centre", "The tag “Gitaru Hill Health Centre” looks"),
        ("free_tags", "wanjiru achieng choir", "The tag “wanjiru achieng” looks like"),
    ],
    ids=["relative-in-title", "village-in-title-any-case", "clinic-as-tag", "speaker-inside-tag"],
)
def test_identifier_in_title_or_tag_is_refused(app, login_as, field, value, message):
    facilitator = login_as("facilitator")
    response = facilitator.submit("/ingest/new", story_form(**{field: value}), page="/ingest/new")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Story)) == 0


def test_a_word_that_only_contains_an_identifier_is_fine(login_as):
    facilitator = login_as("facilitator")
    form = story_form(title="Otienoville days", free_tags="weaving, chikan embroidery")
    assert facilitator.submit("/ingest/new", form, page="/ingest/new").status_code == 201


@pytest.mark.parametrize(
    ("witness", "version", "field"),
    [
        ("Ann\x00Kerubo", "2026-1", None),
        ("Ann Kerubo", "v" * 41, "form_version"),
        ("x" * 201, "1", "witness"),
    ],
    ids=["nul-in-witness-is-cleaned", "form-version-too-long", "witness-too-long"],
)
def test_consent_terms_are_cleaned_and_bounded_for_every_caller(app, witness, version, field):
    terms = ConsentTerms(
        purposes=frozenset({"teaching"}),
        modalities=frozenset({"text"}),
        method="thumbprint",
        witness=witness,
        form_version=version,
    )
    with app.app_context():
        if field is None:
            consent, _ = grant(terms, recorded_by_id=None)
            db.session.commit()
            stored = db.session.get(Consent, consent.id)
            assert stored.form_version == "2026-1"
            cipher = IdentifierCipher(app.config["IDENTIFIER_KEY"])
            assert cipher.decrypt(stored.witness_encrypted) == "AnnKerubo"
        else:
            with pytest.raises(ValidationFailed) as err:
                grant(terms, recorded_by_id=None)
            assert field in err.value.reasons


@pytest.mark.parametrize(
    ("field", "value", "typed", "resembles"),
    [
        ("title", "Zawadi and the cough", "Zawadi", "the storyteller's name"),
        ("title", "The Otieno family", "Otieno", "the storyteller's name"),
        ("title", "ZawadiOtieno speaks", "ZawadiOtieno", "the storyteller's name"),
        ("title", "Waiting at Lumumba", "Lumumba", "village or town"),
        ("title", "Call 0722123456", "0722123456", "an identifier the facilitator wrote down"),
        ("title", "Zawady at the clinic", "Zawady", "the storyteller's name"),
        ("title", "Nights in kisauni", "kisauni", "the clinic"),
        ("free_tags", "achieng", "achieng", "someone in the storyteller's family"),
        ("free_tags", "cough, ACHIENG NYABOKE", "ACHIENG NYABOKE", "someone in the storyteller's family"),
        ("free_tags", "+254 722 123 456", "+254 722 123 456", "an identifier the facilitator wrote down"),
    ],
    ids=[
        "first-name",
        "surname",
        "joined",
        "place",
        "phone-regrouped",
        "near-spelling",
        "clinic-part-lower-case",
        "tag-lower-case",
        "tag-capitals",
        "tag-phone-international",
    ],
)
def test_a_part_or_form_of_an_identifier_is_refused_and_named(app, login_as, field, value, typed, resembles):
    facilitator = login_as("facilitator")
    form = story_form(**ZAWADI, **{field: value})
    response = facilitator.submit("/ingest/new", form, page="/ingest/new")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert f"“{typed}” looks like" in page and resembles in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Story)) == 0


@pytest.mark.parametrize(
    "title",
    ["The cough that came back", "Waiting for the results", "Call the nurse at night", "Tablets 2 a day"],
)
def test_titles_that_name_no_one_are_kept(login_as, title):
    facilitator = login_as("facilitator")
    form = story_form(**ZAWADI, title=title, free_tags="cough, family")
    assert facilitator.submit("/ingest/new", form, page="/ingest/new").status_code == 201


def test_a_correction_of_the_title_on_the_review_path_is_checked_too(app, login_as, ingest):
    _, story_id, _, _ = ingest(**ZAWADI)
    reviewer = login_as("reviewer")
    page = f"/ingest/stories/{story_id}/details"
    form = {
        "title": "Otieno speaks",
        "topics": ["diagnosis"],
        "free_tags": "",
        "speaker": "Zawadi Otieno",
        "relatives": "",
        "village": "",
        "clinic": "",
        "other_identifiers": "",
    }
    response = reviewer.submit(page, form, page=page)
    assert response.status_code == 400 and "“Otieno” looks like" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Story, story_id).title != "Otieno speaks"


def test_the_message_never_quotes_the_identifier_itself(app):
    with app.app_context():
        reasons = check_fields({"note": ("note", "zawadi was brave")}, [("speaker", "Zawadi Otieno")])
    assert "Otieno" not in str(reasons) and "“zawadi”" in str(reasons)


@pytest.fixture
def known_story(stories):
    """A published story with the facilitator's identifiers kept (encrypted) beside it."""
    return stories.published(known={"speaker": "Zawadi Otieno", "village": "Lumumba"})


@pytest.mark.parametrize(
    ("fields", "refused"),
    [
        ({"title": "Zawadi sings", "note": ""}, "title"),
        ({"title": "The song", "note": "Listen to how otieno describes the nurse."}, "note"),
    ],
    ids=["clip-title", "clip-note"],
)
def test_a_clip_title_or_note_naming_the_storyteller_is_refused(app, known_story, sign_in, fields, refused):
    educator = sign_in("educator")
    story_id = known_story.story_id
    data = {"phrase": "the quiet nurse sang", "start": "", "end": "", **fields}
    response = educator.submit(f"/stories/{story_id}/clips", data, page=f"/stories/{story_id}")
    assert response.status_code == 400
    assert "looks like the storyteller" in html.unescape(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Clip)) == 0


def test_a_teaching_set_prompt_or_title_naming_a_storys_place_is_refused(app, known_story, sign_in):
    educator = sign_in("educator")
    made = educator.submit("/teaching/sets", {"title": "Coughs", "description": ""}, page="/teaching/sets")
    set_id = made.location.rstrip("/").rsplit("/", 1)[-1]
    page = f"/teaching/sets/{set_id}"
    added = educator.submit(
        "/teaching/items", {"set_id": set_id, "story_id": known_story.story_id, "clip_id": ""}, page=page
    )
    assert added.status_code == 302
    with app.app_context():
        item_id = db.session.scalar(select(TeachingSetItem.id).where(TeachingSetItem.set_id == set_id))
    prompt = educator.submit(
        f"{page}/items/{item_id}", {"prompt": "Why did she walk from LUMUMBA?", "questions": ""}, page=page
    )
    assert prompt.status_code == 400 and "“LUMUMBA” looks like" in prompt.get_data(as_text=True)
    renamed = educator.submit(page, {"title": "Zawadi's cough", "description": ""}, page=page)
    assert renamed.status_code == 400 and "“Zawadi” looks like" in renamed.get_data(as_text=True)
    fine = educator.submit(f"{page}/items/{item_id}", {"prompt": "Why did she walk so far?"}, page=page)
    assert fine.status_code == 302


def test_the_review_pages_title_form_refuses_a_form_of_an_identifier(app, login_as, ingest):
    """Reviewers see the title, topics and warnings on the review page and correct them there, checked
    as at upload: the joined name is refused, a plain title is saved."""
    _, story_id, _, _ = ingest(**ZAWADI)
    reviewer = login_as("reviewer")
    page = f"/review/{story_id}"
    shown = reviewer.get(page).get_data(as_text=True)
    assert "Title, topics and warnings" in shown and "The cough that would not leave" in shown
    refused = reviewer.submit(
        f"{page}/details", {"title": "ZawadiOtieno speaks", "topics": ["diagnosis"]}, page=page
    )
    assert refused.status_code == 302
    assert "“ZawadiOtieno” looks like" in html.unescape(reviewer.get(page).get_data(as_text=True))
    saved = reviewer.submit(
        f"{page}/details", {"title": "A month of coughing", "topics": ["diagnosis"]}, page=page
    )
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.get(Story, story_id).title == "A month of coughing"
