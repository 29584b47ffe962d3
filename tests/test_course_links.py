"""Course links: a teaching set opened read-only to students without an account for a chosen period;
shown once, stored as a SHA-256 only, revocable; 410 after the period or the revocation; never
indexed, cached or passed on as a referrer; recordings only of the set's stories, only while the
consent lets them be heard.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from archive.clock import seconds_param
from archive.extensions import db
from archive.library.course_links import LINK_ENDED
from archive.library.stories import UNAVAILABLE
from archive.models import CourseLink, Story, utcnow
from tests.fixtures.stories import sign_in_patient
from tests.test_teaching_sets import add, item_ids, new_clip, new_set

LINK_RE = re.compile(r'value="http://localhost/course/([\w-]+)"')


def make_link(educator, set_id: str, days="14", label="Nursing 2, spring") -> tuple[object, str]:
    response = educator.submit(
        f"/teaching/sets/{set_id}/links", {"days": days, "label": label}, page=f"/teaching/sets/{set_id}"
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    match = LINK_RE.search(response.get_data(as_text=True))
    assert match, "the new link is shown"
    return response, match.group(1)


def links(app) -> list[CourseLink]:
    with app.app_context():
        rows = list(db.session.scalars(select(CourseLink).order_by(CourseLink.id)))
        for row in rows:
            db.session.expunge(row)
        db.session.remove()
    return rows


def move_link(app, **values) -> None:
    with app.app_context():
        for link in db.session.scalars(select(CourseLink)):
            for name, value in values.items():
                setattr(link, name, value)
        db.session.commit()
        db.session.remove()


def test_a_course_link_opens_the_set_read_only_without_an_account(app, published_card, sign_in):
    card = published_card()
    owner = sign_in("educator")
    set_id = new_set(owner, title="Session one", description="Read before Tuesday.")
    add(owner, set_id, story_id=card.story_id)
    (item,) = item_ids(app, set_id)
    owner.submit(
        f"/teaching/sets/{set_id}/items/{item}",
        {"prompt": "What is the nurse doing?", "questions": "Why sing?"},
        page="/teaching/sets",
    )
    response, token = make_link(owner, set_id)
    assert len(token) >= 43, "32 random bytes, URL-safe"
    assert "it is shown only once" in response.get_data(as_text=True)

    (link,) = links(app)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert link.label == "Nursing 2, spring"
    assert timedelta(days=13, hours=23) < link.expires_at - utcnow() <= timedelta(days=14)
    # Only the hash is kept; the owner's page lists the link but never shows it again.
    later = owner.get(f"/teaching/sets/{set_id}").get_data(as_text=True)
    assert token not in later and "Nursing 2, spring" in later

    student = app.test_client()
    page = student.get(f"/course/{token}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    for words in (
        "Session one",
        "Read before Tuesday.",
        "bitter bark",
        "What is the nurse doing?",
        "Why sing?",
    ):
        assert words in body, words
    assert "csrf_token" not in body and "<form" not in body, "read-only"
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["Cache-Control"] == "no-store"
    # The link opens the set only, not the library behind it.
    assert student.get(f"/stories/{card.story_id}").status_code == 302
    assert student.get(f"/teaching/sets/{set_id}").status_code == 302


@pytest.mark.parametrize(
    "days", [pytest.param("0", id="zero"), pytest.param("366", id="over-a-year"), "-3", "abc", "", "1.5"]
)
def test_a_course_link_lasts_a_day_to_a_year(app, sign_in, days):
    owner = sign_in("educator")
    set_id = new_set(owner)
    response = owner.submit(f"/teaching/sets/{set_id}/links", {"days": days}, page="/teaching/sets")
    assert response.status_code == 400
    assert "A course link lasts from 1 day to 1 year (365 days)." in html.unescape(
        response.get_data(as_text=True)
    )
    assert links(app) == []


def test_after_its_period_or_revocation_a_link_answers_410(app, published_card, sign_in):
    card = published_card()
    owner = sign_in("educator")
    set_id = new_set(owner)
    add(owner, set_id, story_id=card.story_id)
    _, token = make_link(owner, set_id, days="1")
    student = app.test_client()
    assert student.get(f"/course/{token}").status_code == 200

    move_link(app, expires_at=utcnow() - timedelta(seconds=1))
    ended = student.get(f"/course/{token}")
    assert ended.status_code == 410
    body = html.unescape(ended.get_data(as_text=True))
    assert LINK_ENDED in body and "bitter bark" not in body
    assert ended.headers["Referrer-Policy"] == "no-referrer"
    assert student.get(f"/course/{token}/stories/{card.story_id}/audio").status_code == 410

    # Revoked while still in its period: the same.
    move_link(app, expires_at=utcnow() + timedelta(days=3))
    assert student.get(f"/course/{token}").status_code == 200
    (link,) = links(app)
    other = sign_in("educator")
    refused = other.submit(f"/teaching/sets/{set_id}/links/{link.id}/revoke", {}, page="/teaching/sets")
    assert refused.status_code == 404, "only the owner revokes"
    assert student.get(f"/course/{token}").status_code == 200
    revoked = owner.submit(f"/teaching/sets/{set_id}/links/{link.id}/revoke", {}, page="/teaching/sets")
    assert revoked.status_code == 302
    assert student.get(f"/course/{token}").status_code == 410
    assert "revoked" in owner.get(f"/teaching/sets/{set_id}").get_data(as_text=True)

    # Unknown tokens are simply not found; a deleted set's links go with it.
    for bad in ("x", "A" * 43, "A" * 300):
        assert student.get(f"/course/{bad}").status_code == 404, bad
    owner.submit(f"/teaching/sets/{set_id}/delete", {}, page="/teaching/sets")
    assert student.get(f"/course/{token}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CourseLink)) == 0
        db.session.remove()


def test_course_audio_only_for_the_sets_stories_while_they_may_be_heard(
    app, recorded, upload_recording, publish_recorded, published_card, sign_in
):
    up = recorded
    outside = upload_recording("fever.wav", modalities=["text", "audio"])
    publish_recorded(outside.story_id)
    owner = sign_in("educator")
    set_id = new_set(owner)
    add(owner, set_id, story_id=up.story_id)
    with app.app_context():
        from archive.models import Story

        timings = db.session.get(Story, up.story_id).published_timings
        text = db.session.get(Story, up.story_id).published_text
        db.session.remove()
    clip_id = new_clip(owner, up.story_id, text[timings[0][0] : timings[1][1]], title="Opening words")
    add(owner, set_id, clip_id=clip_id)
    _, token = make_link(owner, set_id)
    student = app.test_client()

    page = student.get(f"/course/{token}").get_data(as_text=True)
    audio = f"/course/{token}/stories/{up.story_id}/audio"
    assert f'src="{audio}"' in page, "the whole story's recording"
    assert f'src="{audio}#t={seconds_param(timings[0][2])},{seconds_param(timings[1][3])}"' in page, (
        "the clip's span"
    )
    assert f"/stories/{up.story_id}/audio" in page and 'src="/stories/' not in page, "never the staff route"
    heard = student.get(audio)
    assert heard.status_code == 200 and heard.headers["Cache-Control"] == "no-store"
    assert heard.headers["Referrer-Policy"] == "no-referrer"
    assert len(heard.get_data()) > 1000
    heard.close()
    ranged = student.get(audio, headers={"Range": "bytes=0-99"})
    assert ranged.status_code == 206 and len(ranged.get_data()) == 100
    ranged.close()
    # A story outside the set, even one published and heard in the library, is not served here.
    assert student.get(f"/course/{token}/stories/{outside.story_id}/audio").status_code == 404

    # The storyteller keeps the text and removes the recording: no player, the route answers 404.
    patient = app.test_client()
    sign_in_patient(patient, up.code, up.secret)
    patient.submit(
        "/consent/change/uses", {"purposes": ["teaching"], "modalities": ["text"]}, page="/consent/change"
    )
    page = student.get(f"/course/{token}").get_data(as_text=True)
    assert "<audio" not in page and "Opening words" in page
    assert student.get(audio).status_code == 404

    # Then the consent's period ends: the old link shows placeholders only.
    with app.app_context():
        from archive.models import Story

        db.session.get(Story, up.story_id).consent.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        db.session.remove()
    page = student.get(f"/course/{token}").get_data(as_text=True)
    assert page.count(UNAVAILABLE) == 2 and "Opening words" not in page
    assert text[timings[0][0] : timings[0][1]] not in page


def test_content_warnings_come_first_on_set_course_and_packet_pages(app, published_card, sign_in):
    """A story with a content warning shows the warning before its text wherever a set shows it; on
    screen the text waits behind a "Show the story" disclosure."""
    from archive.models import Tag

    card = published_card()
    with app.app_context():
        story = db.session.get(Story, card.story_id)
        story.tags.append(db.session.scalar(select(Tag).where(Tag.kind == "warning", Tag.slug == "death")))
        db.session.commit()
        db.session.remove()
    owner = sign_in("educator")
    set_id = new_set(owner)
    add(owner, set_id, story_id=card.story_id)
    _, token = make_link(owner, set_id)
    for client, url in (
        (owner, f"/teaching/sets/{set_id}"),
        (app.test_client(), f"/course/{token}"),
        (owner, f"/teaching/sets/{set_id}/packet"),
    ):
        page = client.get(url).get_data(as_text=True)
        warning = page.index("Content warning: Death")
        assert warning < page.index("quinine"), url
        if not url.endswith("/packet"):
            assert warning < page.index('<details class="warning-gate">') < page.index("quinine"), url
