"""The teaching vocabulary: seeded in four categories, edited by admins only (add, relabel, move to
another category, retire), every bad input refused with a message, and facilitators choosing topics
under the same headings."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from archive import vocabulary
from archive.extensions import db
from archive.models import Tag

PAGE = "/admin/tags"


def tag(app, slug: str, kind: str = "topic") -> Tag:
    with app.app_context():
        found = db.session.scalar(select(Tag).where(Tag.kind == kind, Tag.slug == slug))
        db.session.expunge_all()
        return found


def vocabulary_state(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(
            select(Tag.kind, Tag.slug, Tag.label, Tag.controlled, Tag.category).order_by(Tag.id)
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


# -- the seed ------------------------------------------------------------------------------------
def test_every_seed_topic_has_a_category_and_the_old_slugs_are_kept(app):
    with app.app_context():
        topics = {t.slug: t for t in vocabulary.controlled("topic")}
        warnings = {t.slug for t in vocabulary.controlled("warning")}
    assert set(vocabulary.SEED_TOPICS) <= set(topics)  # stories already carry these
    assert set(vocabulary.SEED_TOPICS) | set(vocabulary.MORE_TOPICS) == set(topics)
    assert {t.category for t in topics.values()} == set(vocabulary.CATEGORIES)
    assert topics["breaking-bad-news"].category == "communication"
    assert topics["maternal-health"].category == "clinical"
    assert topics["hospital-ward"].category == "setting"
    assert topics["end-of-life"].category == "experience"
    assert {"death", "violence", "suicide", "loss-of-a-child", "self-harm"} <= warnings


def test_seed_fills_empty_categories_only_and_never_brings_back_a_retired_tag(app):
    with app.app_context():
        stigma = db.session.scalar(select(Tag).where(Tag.slug == "stigma"))
        pain = db.session.scalar(select(Tag).where(Tag.slug == "pain"))
        waiting = db.session.scalar(select(Tag).where(Tag.slug == "waiting"))
        stigma.category = None  # as a database from before categories has it
        pain.category = "clinical"  # the admin's own choice
        waiting.controlled, waiting.category = False, None  # retired by the admin
        db.session.commit()
        assert vocabulary.seed() == 0
        db.session.expire_all()
        assert db.session.scalar(select(Tag.category).where(Tag.slug == "stigma")) == "communication"
        assert db.session.scalar(select(Tag.category).where(Tag.slug == "pain")) == "clinical"
        retired = db.session.scalar(select(Tag).where(Tag.slug == "waiting"))
        assert (retired.controlled, retired.category) == (False, None)
        assert db.session.scalar(select(func.count()).select_from(Tag).where(Tag.slug == "waiting")) == 1


# -- the admin page ------------------------------------------------------------------------------
def test_the_page_lists_topics_under_their_categories_and_warnings_apart(app, sign_in):
    html = sign_in("admin").get(PAGE).get_data(as_text=True)
    headings = re.findall(r"<h3>([^<]+)</h3>", html)
    assert headings == list(vocabulary.CATEGORIES.values())
    communication = html.split("<h3>Communication and empathy</h3>")[1].split("<h2>")[0]
    assert "breaking-bad-news" in communication and "maternal-health" not in communication
    warnings = html.split("<h2>Content warnings</h2>")[1]
    assert "<code>suicide</code>" in warnings and 'name="category"' not in warnings


def test_an_admin_adds_a_topic_in_a_category_and_facilitators_choose_it_there(app, sign_in):
    admin = sign_in("admin")
    response = admin.submit(
        PAGE, {"kind": "topic", "label": "  Being  believed ", "category": "communication"}, page=PAGE
    )
    assert response.status_code == 302
    added = tag(app, "being-believed")
    assert (added.label, added.controlled, added.category) == ("Being believed", True, "communication")
    page = admin.get(PAGE).get_data(as_text=True)
    assert "“Being believed”" in page  # the flash
    form = sign_in("facilitator").get("/ingest/new").get_data(as_text=True)
    group = form.split(">Communication and empathy</p>")[1].split("</ul>")[0]
    assert 'value="being-believed"' in group
    assert 'value="maternal-health"' not in group


def test_an_admin_adds_a_content_warning_without_a_category(app, sign_in):
    admin = sign_in("admin")
    response = admin.submit(PAGE, {"kind": "warning", "label": "Miscarriage", "category": ""}, page=PAGE)
    assert response.status_code == 302
    added = tag(app, "miscarriage", kind="warning")
    assert (added.controlled, added.category) == (True, None)


def test_a_free_tag_promoted_into_the_vocabulary_keeps_its_stories(app, stories, sign_in):
    story = stories.shelved("The ferry took four hours.", topics=("ferry",)).story_id  # a free tag
    admin = sign_in("admin")
    response = admin.submit(PAGE, {"kind": "topic", "label": "Ferry", "category": "setting"}, page=PAGE)
    assert response.status_code == 302
    promoted = tag(app, "ferry")
    assert (promoted.controlled, promoted.category) == (True, "setting")
    html = sign_in("educator").get("/library").get_data(as_text=True)
    setting = html.split("<h3>Care setting</h3>")[1].split("</ul>")[0]
    assert ">Ferry</a> (1)" in setting
    with app.app_context():
        from archive.models import Story

        assert [t.slug for t in db.session.get(Story, story).tags] == ["ferry"]


ADD_REFUSED = {
    "empty-label": (
        {"kind": "topic", "label": "   ", "category": "setting"},
        "Give a label of 1 to 80 characters.",
    ),
    "label-too-long": (
        {"kind": "topic", "label": "x" * 81, "category": "setting"},
        "Give a label of 1 to 80 characters.",
    ),
    "slug-taken": (
        {"kind": "topic", "label": "Stigma!", "category": "setting"},
        "That tag is in the vocabulary already.",
    ),
    "label-taken": (
        {"kind": "topic", "label": "living with CHRONIC illness", "category": "experience"},
        "Another tag in the vocabulary has that label.",
    ),
    "unknown-category": (
        {"kind": "topic", "label": "Loneliness", "category": "feelings"},
        "Choose one of the four categories.",
    ),
    "topic-without-category": (
        {"kind": "topic", "label": "Loneliness", "category": ""},
        "Choose one of the four categories.",
    ),
    "warning-with-category": (
        {"kind": "warning", "label": "Amputation", "category": "clinical"},
        "Content warnings have no category.",
    ),
    "unknown-kind": (
        {"kind": "mood", "label": "Loneliness", "category": "setting"},
        "Choose topic or content warning.",
    ),
    "no-letters": ({"kind": "topic", "label": "???", "category": "setting"}, "at least one letter or digit"),
    "markup": (
        {"kind": "topic", "label": "<script>alert(1)</script>" * 4, "category": "bogus"},
        "Give a label of 1 to 80 characters.",
    ),
}


@pytest.mark.parametrize("data,message", ADD_REFUSED.values(), ids=ADD_REFUSED.keys())
def test_a_bad_new_tag_is_refused_with_a_message_and_nothing_changes(app, sign_in, data, message):
    admin = sign_in("admin")
    before = vocabulary_state(app)
    response = admin.submit(PAGE, data, page=PAGE)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html.replace("&#39;", "'"), html
    assert "<script>alert" not in html
    assert vocabulary_state(app) == before


def test_an_admin_relabels_a_topic_and_moves_it_to_another_category(app, sign_in):
    admin = sign_in("admin")
    waiting = tag(app, "waiting")
    response = admin.submit(
        f"{PAGE}/{waiting.id}", {"label": "Waiting for care", "category": "experience"}, page=PAGE
    )
    assert response.status_code == 302
    moved = tag(app, "waiting")
    assert (moved.slug, moved.label, moved.category) == ("waiting", "Waiting for care", "experience")
    html = admin.get(PAGE).get_data(as_text=True)
    experience = html.split("<h3>Experience of illness</h3>")[1].split("</table>")[0]
    assert "<code>waiting</code>" in experience


def test_a_content_warning_is_relabelled_and_keeps_no_category(app, sign_in):
    admin = sign_in("admin")
    death = tag(app, "death", kind="warning")
    assert admin.submit(f"{PAGE}/{death.id}", {"label": "Death of a loved one"}, page=PAGE).status_code == 302
    assert tag(app, "death", kind="warning").label == "Death of a loved one"
    response = admin.submit(f"{PAGE}/{death.id}", {"label": "Death", "category": "clinical"}, page=PAGE)
    assert response.status_code == 400
    assert tag(app, "death", kind="warning").category is None


EDIT_REFUSED = {
    "empty-label": ({"label": "", "category": "communication"}, "Give a label of 1 to 80 characters."),
    "label-too-long": (
        {"label": "y" * 81, "category": "communication"},
        "Give a label of 1 to 80 characters.",
    ),
    "another-tags-label": (
        {"label": "dignity", "category": "communication"},
        "Another tag in the vocabulary",
    ),
    "unknown-category": ({"label": "Stigma", "category": "nowhere"}, "Choose one of the four categories."),
    "empty-category": ({"label": "Stigma", "category": ""}, "Choose one of the four categories."),
}


@pytest.mark.parametrize("data,message", EDIT_REFUSED.values(), ids=EDIT_REFUSED.keys())
def test_a_bad_edit_is_refused_in_its_row_with_what_was_sent(app, sign_in, data, message):
    admin = sign_in("admin")
    stigma = tag(app, "stigma")
    before = vocabulary_state(app)
    response = admin.submit(f"{PAGE}/{stigma.id}", data, page=PAGE)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    row = html.split(f'<tr id="tag-{stigma.id}">')[1].split("</tr>")[0]
    assert message in row and 'role="alert"' in row and 'aria-invalid="true"' in row
    assert f'value="{data["label"]}"' in row  # what the admin typed, to correct it
    assert vocabulary_state(app) == before


def test_editing_or_retiring_a_tag_that_is_not_in_the_vocabulary_is_a_404(app, sign_in):
    admin = sign_in("admin")
    retired = tag(app, "trust")
    assert admin.submit(f"{PAGE}/{retired.id}/retire", {}, page=PAGE).status_code == 302
    before = vocabulary_state(app)
    for url in (
        f"{PAGE}/999999",
        f"{PAGE}/{retired.id}",
        f"{PAGE}/999999/retire",
        f"{PAGE}/{retired.id}/retire",
    ):
        assert (
            admin.submit(url, {"label": "Anything", "category": "setting"}, page=PAGE).status_code == 404
        ), url
    assert vocabulary_state(app) == before


def test_a_retired_tag_stays_on_its_stories_as_a_free_tag(app, stories, sign_in):
    story = stories.shelved(
        "They whispered about my illness at the market.", topics=("stigma", "waiting")
    ).story_id
    admin = sign_in("admin")
    stigma = tag(app, "stigma")
    assert admin.submit(f"{PAGE}/{stigma.id}/retire", {}, page=PAGE).status_code == 302
    retired = tag(app, "stigma")
    assert (retired.controlled, retired.category) == (False, None)
    assert "<code>stigma</code>" not in admin.get(PAGE).get_data(as_text=True)
    assert 'value="stigma"' not in sign_in("facilitator").get("/ingest/new").get_data(as_text=True)
    html = sign_in("educator").get("/library").get_data(as_text=True)
    free = html.split("<h3>Other tags</h3>")[1].split("</ul>")[0]
    assert ">Stigma</a> (1)" in free
    communication = html.split("<h3>Communication and empathy</h3>")[1].split("</ul>")[0]
    assert "Stigma" not in communication and ">Waiting</a> (1)" in communication
    with app.app_context():
        from archive.models import Story

        assert "stigma" in {t.slug for t in db.session.get(Story, story).tags}


@pytest.mark.parametrize("role", ["facilitator", "reviewer", "educator"])
def test_only_admins_see_or_change_the_vocabulary(app, sign_in, role):
    client = sign_in(role)
    stigma = tag(app, "stigma")
    before = vocabulary_state(app)
    token = client.csrf_token()
    assert client.get(PAGE).status_code == 403
    posts = {
        PAGE: {"kind": "topic", "label": "Sneaky", "category": "setting"},
        f"{PAGE}/{stigma.id}": {"label": "Renamed", "category": "clinical"},
        f"{PAGE}/{stigma.id}/retire": {},
    }
    for url, data in posts.items():
        assert client.post(url, data={**data, "csrf_token": token}).status_code == 403, url
    assert vocabulary_state(app) == before


def test_a_change_without_its_csrf_token_is_refused(app, sign_in):
    admin = sign_in("admin")
    stigma = tag(app, "stigma")
    before = vocabulary_state(app)
    posts = {
        PAGE: {"kind": "topic", "label": "Forged", "category": "setting"},
        f"{PAGE}/{stigma.id}": {"label": "Forged", "category": "clinical"},
        f"{PAGE}/{stigma.id}/retire": {},
    }
    for url, data in posts.items():
        response = admin.post(url, data=data)
        assert response.status_code == 400, url
        assert "The form had expired" in response.get_data(as_text=True)
    assert vocabulary_state(app) == before
