"""Consent forms as versioned documents: a new version never changes what earlier signers agreed to,
a version that anyone signed cannot be edited, a retired version is no longer offered."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from archive.extensions import db
from archive.models import ConsentForm, Story
from tests.fixtures.consent_forms import FORMS, write_form

V1_TEXT = "Your story will be read by health workers.\n\nVersion one <b>bold</b> <script>alert(1)</script>"
V2_TEXT = "Your story may also be heard.\n\nVersion two."


def consent_form_of(app, story_id: str) -> tuple[int | None, str, str | None, str | None]:
    """(form id, form_version label, language, form text) of a story's consent."""
    with app.app_context():
        consent = db.session.get(Story, story_id).consent
        result = (
            consent.form_id,
            consent.form_version,
            consent.language,
            consent.form.text if consent.form else None,
        )
        db.session.remove()
    return result


def test_a_new_version_leaves_earlier_consents_with_the_text_they_agreed_to(app, sign_in, ingest):
    admin = sign_in("admin")
    v1 = write_form(admin, version="2027-1", text=V1_TEXT)
    facilitator = sign_in("facilitator")
    _, first, _, _ = ingest(facilitator)  # no form chosen: the newest in the story's language
    assert consent_form_of(app, first) == (v1, "2027-1", "en", V1_TEXT)

    v2 = write_form(admin, version="2027-2", text=V2_TEXT)
    _, second, _, _ = ingest(facilitator)

    assert consent_form_of(app, first) == (v1, "2027-1", "en", V1_TEXT)
    assert consent_form_of(app, second) == (v2, "2027-2", "en", V2_TEXT)
    new_story_page = facilitator.get("/ingest/new").get_data(as_text=True)
    assert f'<option value="{v2}">' in new_story_page and f'<option value="{v1}">' in new_story_page


def test_the_form_text_is_shown_as_text_never_as_markup(app, sign_in):
    admin = sign_in("admin")
    form_id = write_form(admin, text=V1_TEXT)
    page = admin.get(f"{FORMS}/{form_id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_version_someone_consented_to_cannot_be_edited(app, sign_in, ingest):
    admin = sign_in("admin")
    form_id = write_form(admin, text=V1_TEXT)
    ingest(sign_in("facilitator"))
    page = f"{FORMS}/{form_id}"
    assert 'name="text"' not in admin.get(page).get_data(as_text=True), "no correction form offered"

    response = admin.submit(page, {"title": "Changed", "text": "Changed text"}, page=page)

    assert response.status_code == 409
    assert "cannot change" in html.unescape(response.get_data(as_text=True))
    with app.app_context():
        form = db.session.get(ConsentForm, form_id)
        assert (form.title, form.text) == ("Sharing your story", V1_TEXT)


def test_a_version_nobody_signed_may_be_corrected(app, sign_in):
    admin = sign_in("admin")
    form_id = write_form(admin)
    page = f"{FORMS}/{form_id}"
    response = admin.submit(page, {"title": "Sharing your story", "text": "Corrected text."}, page=page)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(ConsentForm, form_id).text == "Corrected text."


def test_a_retired_version_is_not_offered_and_is_refused_if_sent(app, sign_in, ingest):
    admin = sign_in("admin")
    old = write_form(admin, version="2027-1")
    current = write_form(admin, version="2027-2")
    page = f"{FORMS}/{current}"
    assert admin.submit(f"{page}/retire", {}, page=page).status_code == 302
    facilitator = sign_in("facilitator")

    new_page = facilitator.get("/ingest/new").get_data(as_text=True)
    assert f'value="{current}"' not in new_page and f'<option value="{old}">' in new_page
    _, story_id, _, _ = ingest(facilitator)
    assert consent_form_of(app, story_id)[0] == old

    from tests.fixtures.stories import story_form

    refused = facilitator.submit("/ingest/new", story_form(form_id=str(current)), page="/ingest/new")
    assert refused.status_code == 400
    assert "Version 2027-2 of the form was retired" in html.unescape(refused.get_data(as_text=True))


def test_each_language_has_its_own_versions(app, sign_in, ingest):
    admin = sign_in("admin")
    write_form(admin, language="en", version="1")
    swahili = write_form(
        admin, language="sw", version="1", title="Kushiriki hadithi yako", text="Hadithi yako…"
    )
    _, story_id, _, _ = ingest(sign_in("facilitator"), language="sw")
    assert consent_form_of(app, story_id)[:3] == (swahili, "1", "sw")
    page = admin.get(FORMS).get_data(as_text=True)
    assert "Swahili" in page and "English" in page


@pytest.mark.parametrize(
    "fields, message",
    [
        pytest.param(
            {"language": "xx"}, "Choose the language the form is written in.", id="unknown-language"
        ),
        pytest.param({"version": "  "}, "Give the version a label", id="blank-version"),
        pytest.param({"version": "v" * 41}, "at most 40 characters", id="version-41-chars"),
        pytest.param({"title": ""}, "Give the form a title.", id="blank-title"),
        pytest.param({"title": "t" * 201}, "at most 200 characters", id="title-201-chars"),
        pytest.param({"text": " \x00 "}, "Write the full text of the form", id="blank-text"),
        pytest.param({"text": "x" * 50_001}, "at most 50,000 characters", id="text-too-long"),
        pytest.param({"version": "2027-1"}, "exists already", id="version-label-taken"),
    ],
)
def test_a_bad_version_is_refused_with_a_message_and_nothing_is_written(app, sign_in, fields, message):
    admin = sign_in("admin")
    write_form(admin, version="2027-1")
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(ConsentForm))
    data = {"language": "en", "version": "2027-9", "title": "A title", "text": "A text.", **fields}

    response = admin.submit(FORMS, data, page=FORMS)

    assert response.status_code == 400
    assert message in html.unescape(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConsentForm)) == before


def test_an_unknown_version_is_a_404(sign_in):
    admin = sign_in("admin")
    assert admin.get(f"{FORMS}/999999").status_code == 404
    assert admin.submit(f"{FORMS}/999999/retire", {}, page=FORMS).status_code == 404
