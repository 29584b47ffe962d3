"""Teaching sets: made, changed, ordered, shared and duplicated by educators; private sets hidden from
others behind a 404; the consent re-checked at every view, so a withdrawn story leaves only
"Withdrawn by the storyteller" in its place (its clips deleted, its prompts blanked) and a narrowed or
expired one "No longer available for teaching".
"""

from __future__ import annotations

import html
import re
import secrets
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive.crypto import hash_token
from archive.extensions import db
from archive.library.stories import UNAVAILABLE, WITHDRAWN
from archive.models import (
    Clip,
    Consent,
    CourseLink,
    TeachingSet,
    TeachingSetItem,
    User,
    utcnow,
)
from consent.uses import set_count
from tests.conftest import PG_URL
from tests.fixtures.stories import STORY, Stories, sign_in_patient
from tests.test_roles import UNKNOWN_ID, same_answer

OTHER_TEXT = "The bus to the clinic came twice a week, and we waited under the mango tree."
SET_URL_RE = re.compile(r"/teaching/sets/([\w-]+)$")


# -- a world for the access and CSRF tables ---------------------------------------------------------
def teaching_world(app, owner_email: str) -> dict:
    """A shared teaching set of ``owner_email``'s (first the whole of one story, then a clip of
    another), the clip, and a course link; return their ids for URL placeholders."""
    stories = Stories(app)
    whole, clipped = (
        stories.published(title=t, purposes=("teaching",)) for t in ("World story", "World clipped story")
    )
    with app.app_context():
        owner = db.session.scalar(select(User).where(User.email == owner_email))
        clip = Clip(
            story_id=clipped.story_id, owner_id=owner.id, title="World clip", text_start=4, text_end=11
        )
        teaching_set = TeachingSet(owner_id=owner.id, title="World set", shared=True)
        teaching_set.items = [
            TeachingSetItem(story_id=whole.story_id, position=0),
            TeachingSetItem(story_id=clipped.story_id, clip=clip, position=1),
        ]
        token = secrets.token_urlsafe(32)
        teaching_set.links = [
            CourseLink(
                token_hash=hash_token(token), label="World course", expires_at=utcnow() + timedelta(days=7)
            )
        ]
        db.session.add(teaching_set)
        db.session.commit()
        values = {
            "teaching_set": teaching_set.id,
            "teaching_item": teaching_set.items[0].id,
            "teaching_clip": clip.id,
            "teaching_link": teaching_set.links[0].id,
            "teaching_story": whole.story_id,
            "teaching_story2": clipped.story_id,
            "course_token": token,
        }
        db.session.remove()
    return values


# -- helpers through the pages ------------------------------------------------------------------------
def new_set(educator, title="Breaking bad news", **fields) -> str:
    response = educator.submit("/teaching/sets", {"title": title, **fields}, page="/teaching/sets")
    assert response.status_code == 302, response.get_data(as_text=True)
    return SET_URL_RE.search(response.location).group(1)


def add(educator, set_id: str, story_id: str = "", clip_id: str = ""):
    return educator.submit(
        "/teaching/items", {"set_id": set_id, "story_id": story_id, "clip_id": clip_id}, page="/teaching/sets"
    )


def new_clip(educator, story_id: str, phrase: str, title: str = "A clip", note: str = "") -> str:
    response = educator.submit(
        f"/stories/{story_id}/clips",
        {"title": title, "phrase": phrase, "note": note},
        page=f"/stories/{story_id}",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.location.rsplit("/", 1)[1]


def items_of(app, set_id: str) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(
            select(
                TeachingSetItem.story_id,
                TeachingSetItem.clip_id,
                TeachingSetItem.prompt,
                TeachingSetItem.questions,
            )
            .where(TeachingSetItem.set_id == set_id)
            .order_by(TeachingSetItem.position)
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


def item_ids(app, set_id: str) -> list[int]:
    with app.app_context():
        ids = list(
            db.session.scalars(
                select(TeachingSetItem.id)
                .where(TeachingSetItem.set_id == set_id)
                .order_by(TeachingSetItem.position)
            )
        )
        db.session.remove()
    return ids


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def titled(stories):
    """Publish a typed story under ``title`` (and ``text``) through the services; return its ``Made``."""

    def make(title: str, text: str = STORY):
        return stories.published(text, title=title)

    return make


# -- making and changing sets -----------------------------------------------------------------------------
def test_an_educator_builds_orders_and_annotates_a_set(app, titled, sign_in):
    first, second = titled("First story"), titled("Second story")
    educator = sign_in("educator")
    assert 'href="/teaching/sets">Teaching sets</a>' in educator.get("/library").get_data(as_text=True)
    set_id = new_set(educator, description="For second-year nurses.")

    # From the story page's tools: the set is offered, and the whole story is added.
    tools = educator.get(f"/stories/{first.story_id}").get_data(as_text=True)
    assert f'<option value="{set_id}">Breaking bad news</option>' in tools
    assert add(educator, set_id, story_id=first.story_id).status_code == 302
    clip_id = new_clip(educator, second.story_id, "quiet nurse sang", title="The song")
    assert add(educator, set_id, clip_id=clip_id).status_code == 302
    assert items_of(app, set_id) == [(first.story_id, None, "", ""), (second.story_id, clip_id, "", "")]

    page = educator.get(f"/teaching/sets/{set_id}").get_data(as_text=True)
    assert "First story" in page and "The song" in page and "For second-year nurses." in page
    assert 'placeholder="What does the storyteller want the listener to understand?"' in page

    # Reorder without JavaScript: the second goes up; up at the top changes nothing.
    first_item, second_item = item_ids(app, set_id)
    moved = educator.submit(
        f"/teaching/sets/{set_id}/items/{second_item}/move",
        {"direction": "up"},
        page=f"/teaching/sets/{set_id}",
    )
    assert moved.status_code == 302
    assert item_ids(app, set_id) == [second_item, first_item]
    educator.submit(
        f"/teaching/sets/{set_id}/items/{second_item}/move",
        {"direction": "up"},
        page=f"/teaching/sets/{set_id}",
    )
    assert item_ids(app, set_id) == [second_item, first_item]

    saved = educator.submit(
        f"/teaching/sets/{set_id}/items/{first_item}",
        {
            "prompt": "Listen for the moment fear turns to trust.",
            "questions": "Who explained?\n\nWho listened?",
        },
        page=f"/teaching/sets/{set_id}",
    )
    assert saved.status_code == 302
    assert items_of(app, set_id)[1][2:] == (
        "Listen for the moment fear turns to trust.",
        "Who explained?\n\nWho listened?",
    )

    removed = educator.submit(
        f"/teaching/sets/{set_id}/items/{second_item}/remove", {}, page=f"/teaching/sets/{set_id}"
    )
    assert removed.status_code == 302
    assert item_ids(app, set_id) == [first_item]

    edited = educator.submit(
        f"/teaching/sets/{set_id}",
        {"title": "Trust", "description": "", "shared": "y"},
        page="/teaching/sets",
    )
    assert edited.status_code == 302
    listing = educator.get("/teaching/sets").get_data(as_text=True)
    assert "Trust" in listing and "shared" in listing

    assert educator.submit(f"/teaching/sets/{set_id}/delete", {}, page="/teaching/sets").status_code == 302
    assert educator.get(f"/teaching/sets/{set_id}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(TeachingSetItem)) == 0
        assert db.session.scalar(select(func.count()).select_from(Clip)) == 1, "the clip stays"
        db.session.remove()


@pytest.mark.parametrize(
    "fields, message",
    [
        pytest.param({"title": ""}, "Give a title.", id="no-title"),
        pytest.param({"title": "   "}, "Give a title.", id="blank-title"),
        pytest.param({"title": "t" * 201}, "The title is too long", id="long-title"),
        pytest.param(
            {"title": "ok", "description": "d" * 4001}, "The description is too long", id="long-description"
        ),
    ],
)
def test_bad_set_input_is_refused_with_a_message(app, sign_in, fields, message):
    educator = sign_in("educator")
    response = educator.submit("/teaching/sets", fields, page="/teaching/sets")
    assert response.status_code == 400 and message in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(TeachingSet)) == 0
        db.session.remove()


def test_bad_item_changes_are_refused(app, published_card, sign_in, ingest, withdraw):
    card = published_card()
    educator = sign_in("educator")
    set_id = new_set(educator)
    assert add(educator, set_id, story_id=card.story_id).status_code == 302
    page = f"/teaching/sets/{set_id}"

    twice = add(educator, set_id, story_id=card.story_id)
    assert twice.status_code == 409 and "in this teaching set already" in text_of(twice)
    _, waiting, _, _ = ingest(sign_in("facilitator"))
    gone = published_card()
    withdraw(gone.code, gone.secret)
    for name, story_id in {
        "unknown": UNKNOWN_ID,
        "waiting": waiting,
        "withdrawn": gone.story_id,
        "none": "",
    }.items():
        assert add(educator, set_id, story_id=story_id).status_code == 404, name
    assert add(educator, UNKNOWN_ID, story_id=card.story_id).status_code == 404
    assert add(educator, set_id, clip_id=UNKNOWN_ID).status_code == 404

    (item,) = item_ids(app, set_id)
    sideways = educator.submit(f"{page}/items/{item}/move", {"direction": "sideways"}, page=page)
    assert sideways.status_code == 400 and "Move an item up or down." in text_of(sideways)
    assert educator.submit(f"{page}/items/999999/remove", {}, page=page).status_code == 404
    long_prompt = educator.submit(f"{page}/items/{item}", {"prompt": "p" * 4001}, page=page)
    assert long_prompt.status_code == 400 and "The reflection prompt is too long" in text_of(long_prompt)
    assert items_of(app, set_id) == [(card.story_id, None, "", "")]


def test_script_in_prompts_questions_and_titles_is_shown_as_text(app, published_card, sign_in):
    card = published_card()
    owner = sign_in("educator")
    attack = '<script>alert("set")</script>'
    set_id = new_set(owner, title=attack, description=attack, shared="y")
    add(owner, set_id, story_id=card.story_id)
    (item,) = item_ids(app, set_id)
    owner.submit(
        f"/teaching/sets/{set_id}/items/{item}",
        {"prompt": attack, "questions": f"{attack}\n<b onmouseover=alert(1)>bold</b>"},
        page=f"/teaching/sets/{set_id}",
    )
    link = owner.submit(
        f"/teaching/sets/{set_id}/links", {"days": "3", "label": attack}, page="/teaching/sets"
    )
    course = re.search(r'value="http://localhost(/course/[\w-]+)"', link.get_data(as_text=True)).group(1)
    other = sign_in("educator")
    for name, client, url in [
        ("owner's page", owner, f"/teaching/sets/{set_id}"),
        ("shared page", other, f"/teaching/sets/{set_id}"),
        ("list", other, "/teaching/sets"),
        ("packet", owner, f"/teaching/sets/{set_id}/packet"),
        ("course", app.test_client(), course),
        ("story tools", owner, f"/stories/{card.story_id}"),
    ]:
        body = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in body and "<b onmouseover" not in body, name
        assert "&lt;script&gt;alert(" in body, name


# -- who sees what ----------------------------------------------------------------------------------------
def test_another_educators_private_set_is_not_found(app, published_card, sign_in):
    card = published_card()
    owner, other = sign_in("educator"), sign_in("educator")
    private = new_set(owner, title="My private set")
    add(owner, private, story_id=card.story_id)
    assert owner.get(f"/teaching/sets/{private}").status_code == 200
    assert "My private set" not in other.get("/teaching/sets").get_data(as_text=True)
    same_answer(
        {
            "another's private set": other.get(f"/teaching/sets/{private}"),
            "an unknown id": other.get(f"/teaching/sets/{UNKNOWN_ID}"),
        },
        html_page=True,
    )
    for url in (f"/teaching/sets/{private}/packet", f"/teaching/sets/{UNKNOWN_ID}/packet"):
        assert other.get(url).status_code == 404, url
    # Nothing can be done to it either, and the answers do not confirm it exists.
    (item,) = item_ids(app, private)
    for url, data in [
        (f"/teaching/sets/{private}", {"title": "Taken"}),
        (f"/teaching/sets/{private}/delete", {}),
        (f"/teaching/sets/{private}/duplicate", {}),
        (f"/teaching/sets/{private}/items/{item}", {"prompt": "Mine now"}),
        (f"/teaching/sets/{private}/items/{item}/remove", {}),
        (f"/teaching/sets/{private}/links", {"days": "5"}),
        ("/teaching/items", {"set_id": private, "story_id": card.story_id}),
    ]:
        assert other.submit(url, data, page="/teaching/sets").status_code == 404, url
    assert items_of(app, private) == [(card.story_id, None, "", "")]
    # Admins may see every set, but change only their own.
    admin = sign_in("admin")
    assert admin.get(f"/teaching/sets/{private}").status_code == 200
    assert "My private set" in admin.get("/teaching/sets").get_data(as_text=True)
    assert admin.submit(f"/teaching/sets/{private}/delete", {}, page="/teaching/sets").status_code == 403


@pytest.mark.parametrize("role", ["facilitator", "reviewer"])
def test_other_roles_are_refused(app, sign_in, role):
    client = sign_in(role)
    for url in ("/teaching/sets", f"/teaching/sets/{UNKNOWN_ID}", f"/clips/{UNKNOWN_ID}"):
        assert client.get(url).status_code == 403, url


def test_a_shared_set_is_read_only_to_others_and_can_be_duplicated(app, titled, sign_in):
    first, second = titled("First"), titled("Second")
    owner, other = sign_in("educator"), sign_in("educator")
    set_id = new_set(owner, title="Shared session", description="Two stories.", shared="y")
    add(owner, set_id, story_id=first.story_id)
    clip_id = new_clip(owner, second.story_id, "bitter bark", title="Bark")
    add(owner, set_id, clip_id=clip_id)
    first_item, second_item = item_ids(app, set_id)
    owner.submit(
        f"/teaching/sets/{set_id}/items/{second_item}",
        {"prompt": "What does bitterness carry?", "questions": "Q1\nQ2"},
        page="/teaching/sets",
    )

    listing = other.get("/teaching/sets").get_data(as_text=True)
    assert "Shared session" in listing
    page = other.get(f"/teaching/sets/{set_id}").get_data(as_text=True)
    assert "What does bitterness carry?" in page and "<li>Q1</li>" in page
    assert "Save prompt and questions" not in page and "Make a course link" not in page
    assert "Duplicate into my sets" in page
    refused = other.submit(f"/teaching/sets/{set_id}", {"title": "Mine"}, page="/teaching/sets")
    assert refused.status_code == 403 and "Duplicate it to adapt it" in text_of(refused)

    copied = other.submit(f"/teaching/sets/{set_id}/duplicate", {}, page="/teaching/sets")
    assert copied.status_code == 302
    copy_id = SET_URL_RE.search(copied.location).group(1)
    assert copy_id != set_id
    assert items_of(app, copy_id) == items_of(app, set_id)
    with app.app_context():
        copy = db.session.get(TeachingSet, copy_id)
        assert (copy.shared, copy.copied_from_id, copy.title) == (False, set_id, "Copy of Shared session")
        db.session.remove()
    # The copy is the duplicator's: they may change it, and the original stays as it was.
    (copy_first, _) = item_ids(app, copy_id)
    changed = other.submit(
        f"/teaching/sets/{copy_id}/items/{copy_first}", {"prompt": "My own prompt"}, page="/teaching/sets"
    )
    assert changed.status_code == 302
    assert items_of(app, set_id)[0][2] == ""
    # The clip of the original is reachable through the copy.
    assert other.get(f"/clips/{clip_id}").status_code == 200


# -- consent at every view --------------------------------------------------------------------------------
def test_a_withdrawn_story_leaves_only_its_placeholder(app, titled, sign_in, withdraw):
    kept = titled("Kept story", OTHER_TEXT)
    gone = titled("Soon withdrawn story")
    owner = sign_in("educator")
    set_id = new_set(owner, title="Session", shared="y")
    add(owner, set_id, story_id=kept.story_id)
    clip_id = new_clip(owner, gone.story_id, "quiet nurse", title="Quiet clip title", note="Quiet clip note")
    add(owner, set_id, clip_id=clip_id)
    add(owner, set_id, story_id=gone.story_id)
    for item in item_ids(app, set_id)[1:]:
        owner.submit(
            f"/teaching/sets/{set_id}/items/{item}",
            {"prompt": "She said the quiet nurse sang", "questions": "Why did the nurse sing?"},
            page="/teaching/sets",
        )
    link = owner.submit(f"/teaching/sets/{set_id}/links", {"days": "30"}, page="/teaching/sets")
    course = re.search(r'value="http://localhost(/course/[\w-]+)"', link.get_data(as_text=True)).group(1)
    with app.app_context():
        assert set_count(gone.story_id) == 1
        db.session.remove()
    assert "Quiet clip title" in app.test_client().get(course).get_data(as_text=True)

    # On SQLite the database is a file this test can read (on PostgreSQL, the server's files are not).
    files = sorted(Path(app.instance_path).glob("archive.db*")) if not PG_URL else []
    stored = b"".join(p.read_bytes() for p in files)
    assert PG_URL or b"Quiet clip note" in stored, "the check below can see the words"

    withdraw(gone.code, gone.secret)

    # Nothing the educator wrote about it is left in the database file (secure_delete, WAL emptied).
    stored = b"".join(p.read_bytes() for p in files)
    for words in (
        "Quiet clip title",
        "Quiet clip note",
        "She said the quiet nurse sang",
        "Why did the nurse sing",
    ):
        assert words.encode() not in stored, words
    # The rows stay (the places show the placeholder); the clip and the educator's words are gone.
    assert items_of(app, set_id) == [
        (kept.story_id, None, "", ""),
        (gone.story_id, None, "", ""),
        (gone.story_id, None, "", ""),
    ]
    with app.app_context():
        assert db.session.get(Clip, clip_id) is None
        db.session.remove()
    assert owner.get(f"/clips/{clip_id}").status_code == 404
    other = sign_in("educator")
    for name, client, url in [
        ("owner's set page", owner, f"/teaching/sets/{set_id}"),
        ("shared set page", other, f"/teaching/sets/{set_id}"),
        ("packet", owner, f"/teaching/sets/{set_id}/packet"),
        ("course link", app.test_client(), course),
    ]:
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.get_data(as_text=True)
        assert body.count(WITHDRAWN) == 2, name
        assert "Kept story" in body, name
        for word in ("Soon withdrawn story", "Quiet clip", "quiet nurse", "Why did the nurse sing"):
            assert word not in body, f"{name} still shows {word!r}"
    # The owner can no longer write about it, but may take the place out.
    withdrawn_item = item_ids(app, set_id)[1]
    refused = owner.submit(
        f"/teaching/sets/{set_id}/items/{withdrawn_item}", {"prompt": "Again"}, page="/teaching/sets"
    )
    assert refused.status_code == 409
    # A duplicate leaves the withdrawn places out.
    copied = other.submit(f"/teaching/sets/{set_id}/duplicate", {}, page="/teaching/sets")
    assert items_of(app, SET_URL_RE.search(copied.location).group(1)) == [(kept.story_id, None, "", "")]
    assert (
        owner.submit(
            f"/teaching/sets/{set_id}/items/{withdrawn_item}/remove", {}, page="/teaching/sets"
        ).status_code
        == 302
    )


def test_a_narrowed_or_expired_story_is_no_longer_available(app, titled, sign_in):
    narrowed = titled("Teaching use removed")
    expired = titled("Consent period over")
    kept = titled("Still here", OTHER_TEXT)
    owner = sign_in("educator")
    set_id = new_set(owner)
    for card in (narrowed, expired, kept):
        add(owner, set_id, story_id=card.story_id)
    clip_id = new_clip(owner, narrowed.story_id, "bitter bark", title="Bark clip")
    add(owner, set_id, clip_id=clip_id)
    narrowed_item = item_ids(app, set_id)[0]
    owner.submit(
        f"/teaching/sets/{set_id}/items/{narrowed_item}",
        {"prompt": "Taste the bitterness of the bark", "questions": "Whose bark?"},
        page="/teaching/sets",
    )
    owner.submit(f"/teaching/sets/{set_id}", {"title": "Session", "shared": "y"}, page="/teaching/sets")

    patient = app.test_client()
    sign_in_patient(patient, narrowed.code, narrowed.secret)
    patient.submit(
        "/consent/change/uses", {"purposes": ["research"], "modalities": ["text"]}, page="/consent/change"
    )
    with app.app_context():
        consent = db.session.get(Consent, expired.consent_id)
        consent.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        db.session.remove()

    for url in (f"/teaching/sets/{set_id}", f"/teaching/sets/{set_id}/packet"):
        body = owner.get(url).get_data(as_text=True)
        assert body.count(UNAVAILABLE) == 3, url
        assert "Still here" in body
        for word in (
            "Teaching use removed",
            "Consent period over",
            "Bark clip",
            "bitter bark",
            "Whose bark?",
        ):
            assert word not in body, f"{url} shows {word!r}"
        assert "Taste the bitterness" not in body, "not even to the owner: it may quote the story"
    clip_page = owner.get(f"/clips/{clip_id}").get_data(as_text=True)
    assert UNAVAILABLE in clip_page and "bitter bark" not in clip_page
    # A duplicate takes only what shows now; the prompts of the narrowed story stay behind.
    copied = sign_in("educator").submit(f"/teaching/sets/{set_id}/duplicate", {}, page="/teaching/sets")
    assert items_of(app, SET_URL_RE.search(copied.location).group(1)) == [(kept.story_id, None, "", "")]
    # A narrowed story cannot be added again meanwhile.
    other_set = new_set(owner, title="Another")
    assert add(owner, other_set, story_id=narrowed.story_id).status_code == 404


def test_set_count_counts_sets_not_places(app, published_card, sign_in):
    card = published_card()
    educator = sign_in("educator")
    first, second = new_set(educator), new_set(educator, title="Second")
    add(educator, first, story_id=card.story_id)
    add(educator, first, clip_id=new_clip(educator, card.story_id, "bitter bark"))
    add(educator, second, story_id=card.story_id)
    with app.app_context():
        assert set_count(card.story_id) == 2
        assert set_count(UNKNOWN_ID) == 0
        db.session.remove()
    # The storyteller sees each set on their own page, once, by its title and date.
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    page = patient.get("/consent/mine").get_data(as_text=True)
    uses = page.split('<ul class="uses">', 1)[1].split("</ul>", 1)[0]
    assert uses.count("<li>") == 2 and "“Second”, since" in uses
