"""Bad input on the facilitator's typed-story form.

Every refused form answers 400 with a message a facilitator can act on, never a 500, and leaves nothing
half-written: no story, consent, consent event, known identifier or tag row, and nothing in the index.
Whatever a facilitator types is shown as text on every page it reaches, never as markup.
"""

from __future__ import annotations

import html
import json
import re
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from archive.extensions import db
from archive.models import Consent, ConsentEvent, KnownIdentifier, Story, Tag
from archive.text import slugify
from ingest.redaction import known_values
from tests.conftest import PASSWORD
from tests.fixtures.stories import (
    STORY_TEXT,
    read_card,
    row_counts,
    sign_in_patient,
    story_form,
    story_id_from,
)

MISSING = object()  # the field is left out of the request altogether

NO_CONSENT = (
    "Record at least one purpose the storyteller agreed to.",
    "Record whether the text, the audio, or both may be used.",
    "Choose how consent was given.",
)
# A guardian's consent needs the day the storyteller comes of age (tests/test_consent_at_ingest.py).
COMES_OF_AGE = (date.today() + timedelta(days=3 * 365)).isoformat()
WITNESS_NEEDED = "A thumbprint or a guardian's consent needs a witness name."
NOT_IN_LIST = "Choose tags from the list."
INCOMPLETE = "The form was incomplete. Please reload it and try again."


def form_data(overrides: dict) -> dict:
    data = story_form()
    for name, value in overrides.items():
        if value is MISSING:
            data.pop(name)
        else:
            data[name] = value
    return data


BAD_FORMS = [
    # The story itself.
    pytest.param({"title": MISSING}, ["Give the story a short title."], id="title-missing"),
    pytest.param({"title": "  \t "}, ["Give the story a short title."], id="title-only-spaces"),
    pytest.param({"title": "\x00\x07\x1b"}, ["Give the story a short title."], id="title-only-control-chars"),
    pytest.param({"title": "t" * 201}, ["Keep the title to at most 200 characters."], id="title-201-chars"),
    pytest.param({"title": "t" * 5000}, ["Keep the title to at most 200 characters."], id="title-5000-chars"),
    pytest.param({"text": MISSING}, ["The story text is empty."], id="text-missing"),
    pytest.param({"text": " \r\n\t \r\n"}, ["The story text is empty."], id="text-only-whitespace"),
    pytest.param({"text": "\x00\x01\x1b\x7f"}, ["The story text is empty."], id="text-only-control-chars"),
    pytest.param(
        {"text": "a" * 200_001},
        ["The story is longer than 200,000 characters; split it into parts."],
        id="text-200001-chars",
    ),
    # Language.
    pytest.param({"language": MISSING}, ["Choose the language of the story"], id="language-missing"),
    pytest.param({"language": "xx"}, ["Choose the language of the story"], id="language-unknown-code"),
    pytest.param({"language": "english"}, ["Choose the language of the story"], id="language-a-name"),
    pytest.param({"language": "en-GB"}, ["Choose the language of the story"], id="language-with-region"),
    # Consent: none at all, or a part missing or unknown.
    pytest.param({"purposes": [], "modalities": [], "method": MISSING}, NO_CONSENT, id="no-consent-at-all"),
    pytest.param({"purposes": []}, NO_CONSENT[:1], id="consent-no-purposes"),
    pytest.param({"purposes": ["teaching", "marketing"]}, ["Unknown purpose."], id="consent-unknown-purpose"),
    pytest.param({"modalities": []}, NO_CONSENT[1:2], id="consent-no-modalities"),
    pytest.param({"modalities": ["video"]}, ["Unknown modality."], id="consent-unknown-modality"),
    pytest.param({"method": MISSING}, NO_CONSENT[2:], id="consent-no-method"),
    pytest.param({"method": "telepathy"}, NO_CONSENT[2:], id="consent-unknown-method"),
    pytest.param({"method": "thumbprint"}, [WITNESS_NEEDED], id="thumbprint-without-witness"),
    pytest.param({"method": "guardian", "witness": "   "}, [WITNESS_NEEDED], id="guardian-blank-witness"),
    pytest.param(
        {"method": "guardian", "witness": "\x00\x08"}, [WITNESS_NEEDED], id="guardian-control-witness"
    ),
    pytest.param(
        {"method": "guardian", "witness": "w" * 201},
        ["Keep the witness name under 200 characters."],
        id="witness-201-chars",
    ),
    pytest.param({"form_version": ""}, ["Record which consent form version was used."], id="no-form-version"),
    pytest.param(
        {"form_version": "v" * 41},
        ["Keep the form version to at most 40 characters."],
        id="form-version-41-chars",
    ),
    # Tags.
    pytest.param({"topics": ["diagnosis", "no-such-topic"]}, [NOT_IN_LIST], id="topic-unknown-slug"),
    pytest.param({"topics": ["death"]}, [NOT_IN_LIST], id="topic-is-a-warning-slug"),
    pytest.param({"warnings": ["no-such-warning"]}, [NOT_IN_LIST], id="warning-unknown-slug"),
    pytest.param(
        {"topics": ["no-such-topic"], "free_tags": "a brand new tag, another new one"},
        [NOT_IN_LIST],
        id="unknown-slug-with-new-free-tags",
    ),
    pytest.param(
        {"free_tags": ", ".join(f"tag {i}" for i in range(21)), "topics": []},
        ["Use at most 20 tags."],
        id="free-tags-21",
    ),
    pytest.param(
        {"free_tags": "x" * 61}, ["Keep each tag to at most 60 characters."], id="free-tag-61-chars"
    ),
    # Known identifiers.
    pytest.param(
        {"relatives": "\n".join(f"Name{i}" for i in range(31))},
        ["List at most 30 known identifiers."],
        id="identifiers-31",
    ),
    pytest.param(
        {"speaker": "s" * 201}, ["Keep each identifier to at most 200 characters."], id="identifier-201-chars"
    ),
    # The form's one-time key.
    pytest.param({"submission_key": MISSING}, [INCOMPLETE], id="submission-key-missing"),
    pytest.param({"submission_key": "k" * 65}, [INCOMPLETE], id="submission-key-65-chars"),
]


@pytest.mark.parametrize("overrides, messages", BAD_FORMS)
def test_bad_form_is_refused_with_a_message_and_writes_nothing(app, sign_in, overrides, messages):
    facilitator = sign_in("facilitator")
    before = row_counts(app)

    response = facilitator.submit("/ingest/new", form_data(overrides), page="/ingest/new")

    body = response.get_data(as_text=True)
    assert response.status_code == 400, body[:2000]
    text = html.unescape(body)
    for message in messages:
        assert message in text
    assert "Save story and consent" in body, "the form comes back to be corrected"
    assert "consent-card" not in body
    assert row_counts(app) == before


def test_request_over_the_size_cap_is_refused_with_413_and_writes_nothing(app, sign_in):
    facilitator = sign_in("facilitator")
    before = row_counts(app)
    too_big = "a" * (app.config["MAX_CONTENT_LENGTH"] + 1)

    response = facilitator.submit("/ingest/new", story_form(text=too_big), page="/ingest/new")

    assert response.status_code == 413
    assert "larger than this site accepts" in response.get_data(as_text=True)
    assert row_counts(app) == before


def test_limits_are_counted_on_the_text_as_kept(app, sign_in, ingest):
    """A browser sends each newline as CR LF: a story of exactly the limit is still accepted."""
    limit = app.config["MAX_STORY_CHARS"]
    line = "x" * 99 + "\n"
    text = (line * (limit // len(line)))[:limit].rstrip("\n") + "y"
    assert len(text) == limit and text.count("\n") > 1000
    _, story_id, _, _ = ingest(
        sign_in("facilitator"), title="t" * app.config["MAX_TITLE_CHARS"], text=text.replace("\n", "\r\n")
    )
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.body == text
        assert len(story.title) == app.config["MAX_TITLE_CHARS"]


def test_control_characters_are_dropped_from_every_field(app, sign_in, ingest):
    """SQLite would keep a NUL that PostgreSQL refuses with an error; the service keeps neither."""
    _, story_id, _, _ = ingest(
        sign_in("facilitator"),
        title="The cough\x00 that\x07 stayed",
        text=STORY_TEXT + "\x00\x1b",
        free_tags="bicycle\x00 ambulance",
        speaker="Wanjiru\x00 Achieng",
        relatives="Otie\x08no",
        method="guardian",
        witness="Mary\x00 Wambui",
        comes_of_age_on=COMES_OF_AGE,
        form_version="2026\x00-1",
    )
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.title == "The cough that stayed"
        assert story.body == STORY_TEXT
        assert "bicycle ambulance" in [t.label for t in story.tags]
        assert sorted(v for _, v in known_values(story)) == [
            "Gachika",
            "Gitaru Hill Health Centre",
            "Otieno",
            "Wanjiru Achieng",
        ]
        assert story.consent.form_version == "2026-1"


# -- duplicates ---------------------------------------------------------------------------------
def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_same_form_sent_twice_saves_one_story_and_says_so(app, sign_in):
    facilitator = sign_in("facilitator")
    data = story_form()
    first = facilitator.submit("/ingest/new", data, page="/ingest/new")
    assert first.status_code == 201
    story_id = story_id_from(first.get_data(as_text=True))

    # A double click or a resent form, even with a changed title: the first story stands.
    again = facilitator.submit("/ingest/new", {**data, "title": "Changed"}, page="/ingest/new")

    assert again.status_code == 302 and again.location.endswith(f"/ingest/stories/{story_id}")
    page = facilitator.get(again.location).get_data(as_text=True)
    assert "This story was saved already; it was not saved twice." in page
    assert "consent-card" not in page and "Secret" not in page, "the secret is shown only once"
    with app.app_context():
        assert (count(Story), count(Consent), count(ConsentEvent)) == (1, 1, 1)
        assert db.session.get(Story, story_id).title == data["title"]


def test_a_refused_form_can_be_corrected_and_sent_with_the_same_key(app, sign_in):
    facilitator = sign_in("facilitator")
    data = story_form(title="")
    assert facilitator.submit("/ingest/new", data, page="/ingest/new").status_code == 400
    fixed = facilitator.submit("/ingest/new", {**data, "title": "Now with a title"}, page="/ingest/new")
    assert fixed.status_code == 201
    with app.app_context():
        assert (count(Story), count(Consent)) == (1, 1)


def test_another_facilitators_submission_key_is_refused_without_revealing_their_story(app, sign_in):
    first, second = sign_in("facilitator"), sign_in("facilitator")
    data = story_form()
    assert first.submit("/ingest/new", data, page="/ingest/new").status_code == 201
    before = row_counts(app)

    response = second.submit("/ingest/new", {**data, "title": "Mine"}, page="/ingest/new")

    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert INCOMPLETE in html.unescape(body)
    assert data["title"] not in html.unescape(body) and "/ingest/stories/" not in body
    assert row_counts(app) == before


def send_at_once(app, quick_user, forms: list[dict], same_facilitator: bool) -> list:
    """Post each form from its own signed-in browser, all released at the same moment by a barrier."""
    email = quick_user("facilitator")
    senders = []
    for _ in forms:
        client = app.test_client()
        who = email if same_facilitator else quick_user("facilitator")
        assert client.submit("/login", {"email": who, "password": PASSWORD}, page="/login").status_code == 302
        senders.append((client, client.csrf_token("/ingest/new")))
    barrier = threading.Barrier(len(forms))
    responses: list = [None] * len(forms)

    def send(i: int) -> None:
        client, token = senders[i]
        barrier.wait()
        responses[i] = client.post("/ingest/new", data={**forms[i], "csrf_token": token})

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def test_same_form_from_three_tabs_at_once_saves_one_story(app, quick_user):
    data = story_form()
    responses = send_at_once(app, quick_user, [data] * 3, same_facilitator=True)

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201, 302, 302], statuses
    with app.app_context():
        assert (count(Story), count(Consent), count(ConsentEvent)) == (1, 1, 1)


def test_stories_adding_the_same_new_tag_at_once_are_all_saved(app, quick_user):
    forms = [story_form(free_tags="night fever, a brand new tag") for _ in range(3)]
    responses = send_at_once(app, quick_user, forms, same_facilitator=False)

    assert [r.status_code for r in responses] == [201, 201, 201]
    with app.app_context():
        assert count(Story) == 3
        assert db.session.scalar(select(func.count()).select_from(Tag).where(Tag.slug == "night-fever")) == 1


# -- markup in every field ----------------------------------------------------------------------
def script(where: str) -> str:
    return f'<script>alert("{where}")</script>'


XSS = {
    "title": "The cough " + script("title"),
    "text": f"{script('text')} opens the story.\n\n"
    + STORY_TEXT
    + f"\n\nOn the clinic wall someone wrote {script('text')} and <img src=x onerror=alert(1)> for "
    + "<b>Kamau</b> to see.",
    "free_tags": f"{script('tag')}, <i>italic tag</i>",
    "relatives": "Otieno\n<b>Kamau</b>",
    "other_identifiers": script("identifier"),
    "method": "guardian",
    "witness": script("witness"),
    "comes_of_age_on": COMES_OF_AGE,
    "warnings": ["death"],
}
RAW_MARKUP = ("<script", "<img", "<b>", "<i>", "</b>", "</i>")


# The site's own scripts, loaded from its static folder (the only scripts the CSP allows), with their
# data-* settings written by the site (URLs of its own routes): not markup that came from a field.
OWN_SCRIPT = re.compile(r'<script src="/static/[\w-]+\.js" defer(?: data-[\w-]+="/[\w/.-]*")*></script>')


def assert_no_raw_markup(page: str, where: str) -> None:
    lowered = OWN_SCRIPT.sub("", page).lower()
    for raw in RAW_MARKUP:
        assert raw not in lowered, f"raw {raw} on {where}"


CONTROLLED = script("controlled")  # a label the admin gave a topic in the vocabulary


def test_markup_in_every_field_is_shown_as_text_on_every_page(app, sign_in, publish):
    admin = sign_in("admin")
    added = admin.submit(
        "/admin/tags", {"kind": "topic", "label": CONTROLLED, "category": "experience"}, page="/admin/tags"
    )
    assert added.status_code == 302
    facilitator = sign_in("facilitator")
    seen: dict[str, str] = {"admin's vocabulary": admin.get("/admin/tags").get_data(as_text=True)}
    seen["new story form"] = facilitator.get("/ingest/new").get_data(as_text=True)
    card = facilitator.submit(
        "/ingest/new", story_form(**XSS, topics=["stigma", slugify(CONTROLLED)]), page="/ingest/new"
    )
    assert card.status_code == 201, card.get_data(as_text=True)
    seen["consent card"] = card.get_data(as_text=True)
    story_id = story_id_from(seen["consent card"])
    code, secret = read_card(seen["consent card"])
    facilitator_pages = {
        "facilitator story page": f"/ingest/stories/{story_id}",
        "facilitator list": "/ingest/stories",
    }
    reviewer = sign_in("reviewer")
    reviewer_pages = {"review queue": "/review/", "review page": f"/review/{story_id}"}

    for client, pages in ((facilitator, facilitator_pages), (reviewer, reviewer_pages)):
        for name, url in pages.items():
            response = client.get(url)
            assert response.status_code == 200, name
            seen[name] = response.get_data(as_text=True)
    review_text = html.unescape(seen["review page"])
    assert script("text") in review_text and "b&gt;Kamau&lt;/b" in seen["review page"]

    publish(story_id, reviewer=reviewer)
    educator = sign_in("educator")
    educator_pages = {
        "library, newest first": "/library",
        "library, searched": "/library?q=clinic+wall",
        "library, by free tag": f"/library?tag={slugify('<i>italic tag</i>')}",
        # The story has a content warning: the page shows only the warning until "Show the story".
        "library warning page": f"/stories/{story_id}",
        "library story page": f"/stories/{story_id}?warned=1",
    }
    for name, url in educator_pages.items():
        response = educator.get(url)
        assert response.status_code == 200, name
        seen[name] = response.get_data(as_text=True)
    seen["facilitator story page, published"] = facilitator.get(f"/ingest/stories/{story_id}").get_data(
        as_text=True
    )
    patient = app.test_client()
    sign_in_patient(patient, code, secret)
    seen["patient's page"] = patient.get("/consent/mine").get_data(as_text=True)

    for name, page in seen.items():
        assert_no_raw_markup(page, name)
        # The title is there, as text: escaped markup, not dropped markup.
        if name not in ("admin's vocabulary", "new story form"):
            assert XSS["title"] in html.unescape(page), name
        assert script("witness") not in html.unescape(page), name
        assert script("identifier") not in html.unescape(page), name
    for name in ("facilitator story page", "review page", "library story page", "patient's page"):
        assert script("text") in html.unescape(seen[name]), name
    for name in ("facilitator story page", "library story page", "library, by free tag"):
        assert script("tag") in html.unescape(seen[name]) and "<i>italic tag</i>" in html.unescape(seen[name])
    for name in ("admin's vocabulary", "new story form", "facilitator story page", "library story page"):
        assert CONTROLLED in html.unescape(seen[name]), name
    for name in ("library, newest first", "library, searched"):
        assert script("text")[:20] in html.unescape(seen[name]), f"snippet on {name}"

    # The API is JSON: the values come back exactly as typed (a client must escape them), and the one
    # field meant as HTML, the snippet, holds no markup but <mark>.
    story = educator.get(f"/api/v1/stories/{story_id}").get_json()
    assert story["title"] == XSS["title"]
    assert script("text") in story["text"] and "Kamau" not in story["text"]
    assert script("witness") not in json.dumps(story) and script("identifier") not in json.dumps(story)
    for q in ("", "clinic wall"):
        hits = educator.get("/api/v1/search", query_string={"q": q}).get_json()["results"]
        assert [h["title"] for h in hits] == [XSS["title"]]
        snippet = hits[0]["snippet_html"]
        assert "&lt;script&gt;" in snippet and "<" not in snippet.replace("<mark>", "").replace("</mark>", "")

    with app.app_context():
        tags = {t.label for t in db.session.scalars(select(Tag).where(Tag.controlled.is_(False)))}
        assert tags == {script("tag"), "<i>italic tag</i>"}
        assert count(KnownIdentifier) == 6


def test_api_json_never_carries_a_raw_script_tag(app, ingest, publish, sign_in):
    _, story_id, _, _ = ingest(sign_in("facilitator"), **XSS)
    publish(story_id, reviewer=sign_in("reviewer"))
    educator = sign_in("educator")
    for url in (f"/api/v1/stories/{story_id}", "/api/v1/search?q=clinic+wall", "/api/v1/search"):
        response = educator.get(url)
        assert response.status_code == 200
        assert b"<script" not in response.data.lower(), url


def test_consent_card_shows_the_code_and_secret_once(app, sign_in):
    """The card is the one page that shows the secret; it is not cached and not shown again."""
    facilitator = sign_in("facilitator")
    response = facilitator.submit("/ingest/new", story_form(), page="/ingest/new")
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    code, secret = read_card(response.get_data(as_text=True))
    story_id = story_id_from(response.get_data(as_text=True))
    assert secret not in facilitator.get(f"/ingest/stories/{story_id}").get_data(as_text=True)
    with app.app_context():
        consent = db.session.scalar(select(Consent))
        assert consent.code == code.replace("-", "") and secret not in (consent.secret_hash or "")
