"""Clips: a passage of a published story, chosen by a phrase copied from its text or by its times in
the recording, with a title and a note; the clip page shows the passage while the text may be read and
plays just that span while the recording may be heard.

Typed stories come from ``published_card`` (fast); recorded ones through the real forms, transcribed
by the real Korean model and published with their redacted recording and word timings.
"""

from __future__ import annotations

import html
import re
import threading

import pytest
from sqlalchemy import func, select

from archive.clock import seconds_param
from archive.extensions import db
from archive.library.stories import UNAVAILABLE
from archive.models import Clip, MediaFile, MediaKind, Story
from tests.fixtures.stories import STORY
from tests.test_roles import UNKNOWN_ID

CLIP_URL_RE = re.compile(r"/clips/([\w-]+)$")


def clip_count(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Clip))
        db.session.remove()
    return count


def make_clip(educator, story_id: str, **fields):
    """Send the story page's clip form; return the response."""
    data = {"title": "A clip", "note": "", "phrase": "", "start": "", "end": "", **fields}
    return educator.submit(f"/stories/{story_id}/clips", data, page=f"/stories/{story_id}")


def clip_id_of(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)
    match = CLIP_URL_RE.search(response.location)
    assert match, response.location
    return match.group(1)


def story_row(app, story_id: str) -> Story:
    with app.app_context():
        story = db.session.get(Story, story_id)
        db.session.expunge(story)
        db.session.remove()
    return story


def published_duration(app, story_id: str) -> float:
    with app.app_context():
        duration = db.session.scalar(
            select(MediaFile.duration_s).where(
                MediaFile.story_id == story_id, MediaFile.kind == MediaKind.PUBLISHED
            )
        )
        db.session.remove()
    assert duration, "the recorded story has a published recording"
    return duration


# -- typed stories: clips by phrase ---------------------------------------------------------------
def test_a_clip_by_phrase_shows_its_passage_and_no_player_for_a_typed_story(app, published_card, sign_in):
    card = published_card()
    educator = sign_in("educator")
    page = educator.get(f"/stories/{card.story_id}").get_data(as_text=True)
    assert "Make a clip of a passage" in page and 'name="phrase"' in page
    assert 'name="start"' not in page, "no times for a story without a recording"

    # Copied across a line break and with doubled spaces: the server still finds it.
    response = make_clip(
        educator,
        card.story_id,
        title="Singing nurse",
        note="Notice the care.",
        phrase="the quiet\n nurse  sang",
    )
    clip_id = clip_id_of(response)
    with app.app_context():
        clip = db.session.get(Clip, clip_id)
        assert (clip.text_start, clip.text_end) == (STORY.index("the quiet"), STORY.index(" while"))
        assert clip.start_s is None and clip.end_s is None
        db.session.remove()
    shown = educator.get(f"/clips/{clip_id}").get_data(as_text=True)
    assert "Singing nurse" in shown and "Notice the care." in shown
    assert "the quiet nurse sang" in shown
    assert "bitter bark" not in shown, "only the passage, not the whole story"
    assert "<audio" not in shown
    assert "Story told by an anonymous storyteller" in shown
    # The story page lists the clip among the educator's clips of it.
    assert f"/clips/{clip_id}" in educator.get(f"/stories/{card.story_id}").get_data(as_text=True)


@pytest.mark.parametrize(
    "fields, message",
    [
        pytest.param({"phrase": "bitter bark", "title": ""}, "Give a title.", id="no-title"),
        pytest.param({"phrase": "bitter bark", "title": "x" * 201}, "The title is too long", id="long-title"),
        pytest.param({}, "Choose the passage", id="no-passage-at-all"),
        pytest.param({"phrase": "   \n "}, "Choose the passage", id="blank-phrase"),
        pytest.param(
            {"phrase": "the doctor laughed"}, "That passage is not in the story's text", id="not-in-the-text"
        ),
        pytest.param({"phrase": "the"}, "That passage appears 2 times", id="ambiguous-phrase"),
        pytest.param(
            {"start": "0:01", "end": "0:03"},
            "This story has no recording you may hear",
            id="times-without-audio",
        ),
        pytest.param({"phrase": "x" * 20_001}, "Copy at most 20,000 characters", id="huge-phrase"),
    ],
)
def test_bad_clip_input_on_a_typed_story_is_refused_with_a_message(
    app, published_card, sign_in, fields, message
):
    card = published_card()
    educator = sign_in("educator")
    response = make_clip(educator, card.story_id, **fields)
    assert response.status_code == 400
    body = html.unescape(response.get_data(as_text=True))
    assert message in body
    assert 'name="csrf_token"' in body, "the form comes back to be corrected"
    assert clip_count(app) == 0


def test_no_clip_of_a_story_the_educator_may_not_see(app, published_card, sign_in, ingest, withdraw):
    educator = sign_in("educator")
    _, waiting, _, _ = ingest(sign_in("facilitator"))
    gone = published_card()
    withdraw(gone.code, gone.secret)
    audio_only = published_card(modalities=("audio",))
    for name, story_id in {
        "unknown": UNKNOWN_ID,
        "waiting for review": waiting,
        "withdrawn": gone.story_id,
        "audio-only (no text to read)": audio_only.story_id,
        "an overlong id": "x" * 300,
    }.items():
        token = educator.csrf_token("/teaching/sets")
        response = educator.post(
            f"/stories/{story_id}/clips", data={"csrf_token": token, "title": "t", "phrase": "the quiet"}
        )
        assert response.status_code == 404, name
    assert clip_count(app) == 0


def test_script_in_a_title_or_note_is_shown_as_text(app, published_card, sign_in):
    card = published_card()
    educator = sign_in("educator")
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    clip_id = clip_id_of(make_clip(educator, card.story_id, title=attack, note=attack, phrase="bitter bark"))
    for url in (f"/clips/{clip_id}", "/teaching/sets", f"/stories/{card.story_id}"):
        body = educator.get(url).get_data(as_text=True)
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;alert(" in body, url


def test_clips_are_their_owners_unless_in_a_shared_set(app, published_card, sign_in):
    card = published_card()
    owner, other = sign_in("educator"), sign_in("educator")
    clip_id = clip_id_of(make_clip(owner, card.story_id, title="Mine", phrase="bitter bark"))
    assert other.get(f"/clips/{clip_id}").status_code == 404
    assert other.get(f"/clips/{UNKNOWN_ID}").status_code == 404
    refused = other.submit(f"/clips/{clip_id}/delete", {}, page="/teaching/sets")
    assert refused.status_code == 404 and clip_count(app) == 1
    assert sign_in("admin").get(f"/clips/{clip_id}").status_code == 200, "admins see every clip"

    # In a shared set of its owner, other educators may open it (and add it to their own sets).
    made = owner.submit("/teaching/sets", {"title": "Shared", "shared": "y"}, page="/teaching/sets")
    set_id = made.location.rsplit("/", 1)[1]
    added = owner.submit("/teaching/items", {"set_id": set_id, "clip_id": clip_id}, page="/teaching/sets")
    assert added.status_code == 302
    assert other.get(f"/clips/{clip_id}").status_code == 200
    # Used only in its owner's own set, it can be deleted, and its place in the set goes with it.
    assert owner.submit(f"/clips/{clip_id}/delete", {}, page="/teaching/sets").status_code == 302
    assert clip_count(app) == 0
    assert "Nothing here yet" in owner.get(f"/teaching/sets/{set_id}").get_data(as_text=True)


def test_a_clip_used_in_another_educators_set_stays(app, published_card, sign_in):
    card = published_card()
    owner, other = sign_in("educator"), sign_in("educator")
    clip_id = clip_id_of(make_clip(owner, card.story_id, title="Mine", phrase="bitter bark"))
    made = owner.submit("/teaching/sets", {"title": "Shared", "shared": "y"}, page="/teaching/sets")
    set_id = made.location.rsplit("/", 1)[1]
    owner.submit("/teaching/items", {"set_id": set_id, "clip_id": clip_id}, page="/teaching/sets")
    other.submit(f"/teaching/sets/{set_id}/duplicate", {}, page="/teaching/sets")
    refused = owner.submit(f"/clips/{clip_id}/delete", {}, page="/teaching/sets")
    assert refused.status_code == 409
    assert "Other educators' teaching sets use this clip" in html.unescape(refused.get_data(as_text=True))
    assert clip_count(app) == 1


# -- recorded stories: clips by time ----------------------------------------------------------------
def test_a_clip_by_time_plays_just_its_span_and_shows_the_words_heard_in_it(app, recorded, sign_in):
    educator = sign_in("educator")
    story = story_row(app, recorded.story_id)
    duration = published_duration(app, recorded.story_id)
    assert story.published_timings, "the recorded story keeps its word timings"
    page = educator.get(f"/stories/{recorded.story_id}").get_data(as_text=True)
    assert 'name="start"' in page and "WebVTT" in page

    # The second timed word to the fourth: times typed as m:ss.mmm and plain seconds.
    second, fourth = story.published_timings[1], story.published_timings[3]
    start, end = second[2] + 0.01, fourth[3] - 0.01
    response = make_clip(
        educator, recorded.story_id, title="At the clinic", start=f"0:{start:06.3f}", end=f"{end:.3f}"
    )
    clip_id = clip_id_of(response)
    with app.app_context():
        clip = db.session.get(Clip, clip_id)
        assert (clip.start_s, clip.end_s) == (round(start, 3), round(end, 3))
        assert (clip.text_start, clip.text_end) == (second[0], fourth[1])
        db.session.remove()
    shown = educator.get(f"/clips/{clip_id}").get_data(as_text=True)
    s, e = seconds_param(round(start, 3)), seconds_param(round(end, 3))
    assert f'src="/stories/{recorded.story_id}/audio#t={s},{e}"' in shown and "data-player" in shown
    assert f'data-start="{s}" data-end="{e}"' in shown
    assert 'src="/static/player.js"' in shown
    passage = story.published_text[second[0] : fourth[1]]
    assert html.escape(" ".join(passage.split()), quote=False) in shown
    assert duration > end


def test_a_clip_by_phrase_of_a_recorded_story_gets_its_times(app, recorded, sign_in):
    educator = sign_in("educator")
    story = story_row(app, recorded.story_id)
    first, third = story.published_timings[0], story.published_timings[2]
    phrase = story.published_text[first[0] : third[1]]
    clip_id = clip_id_of(make_clip(educator, recorded.story_id, title="Opening", phrase=phrase))
    with app.app_context():
        clip = db.session.get(Clip, clip_id)
        assert (clip.start_s, clip.end_s) == (first[2], third[3])
        db.session.remove()
    assert f"#t={seconds_param(first[2])},{seconds_param(third[3])}" in educator.get(
        f"/clips/{clip_id}"
    ).get_data(as_text=True)


def test_bad_times_are_refused_each_with_its_message(app, recorded, sign_in):
    """One recorded story (the model runs once), every bad pair of times against it."""
    educator = sign_in("educator")
    duration = published_duration(app, recorded.story_id)
    m, s = divmod(int(duration) + 2, 60)
    past_the_end = f"{m}:{s:02d}"
    cases = {
        "end after the recording": ("0:01", past_the_end, "choose times between 0:00 and that"),
        "start after the recording": (past_the_end, "9:59", "choose times between 0:00 and that"),
        "reversed": ("0:05", "0:02", "The end must come after the start."),
        "empty span": ("0:03", "0:03", "The end must come after the start."),
        "negative": ("-0:01", "0:02", "Write the times as m:ss"),
        "not a time": ("soon", "later", "Write the times as m:ss"),
        "seconds over 59": ("0:75", "1:20", "Write the times as m:ss"),
        "start only": ("0:01", "", "Give both a start and an end time"),
        "end only": ("", "0:02", "Give both a start and an end time"),
    }
    for name, (start, end, message) in cases.items():
        response = make_clip(educator, recorded.story_id, start=start, end=end)
        assert response.status_code == 400, name
        assert message in html.unescape(response.get_data(as_text=True)), name
    assert clip_count(app) == 0


def test_without_the_audio_consent_a_clip_shows_its_text_and_no_player(app, recorded, sign_in):
    from tests.fixtures.stories import sign_in_patient

    educator = sign_in("educator")
    story = story_row(app, recorded.story_id)
    first, last = story.published_timings[0], story.published_timings[-1]
    clip_id = clip_id_of(
        make_clip(educator, recorded.story_id, title="Whole", start="0:00", end=f"{last[3]:.2f}")
    )
    assert "<audio" in educator.get(f"/clips/{clip_id}").get_data(as_text=True)

    patient = app.test_client()
    sign_in_patient(patient, recorded.code, recorded.secret)
    narrowed = patient.submit(
        "/consent/change/uses", {"purposes": ["teaching"], "modalities": ["text"]}, page="/consent/change"
    )
    assert narrowed.status_code in (200, 302), narrowed.get_data(as_text=True)

    shown = educator.get(f"/clips/{clip_id}").get_data(as_text=True)
    assert "<audio" not in shown and "/audio" not in shown
    word = story.published_text[first[0] : first[1]]
    assert html.escape(word, quote=False) in shown, "the text is still allowed"
    # Times can no longer be chosen, as nothing may be heard.
    refused = make_clip(educator, recorded.story_id, start="0:00", end="0:02")
    assert refused.status_code == 400
    assert "no recording you may hear" in html.unescape(refused.get_data(as_text=True))


def test_a_clip_begun_before_a_withdrawal_is_refused_not_kept(app, published_card, quick_user, withdraw):
    """The request read the story as published, then the storyteller withdrew it before the write:
    the clip (an educator's words about the story) must not be stored after the withdrawal's erasure."""
    from archive.errors import NotFound
    from archive.library.clips import ClipInput, create_clip
    from archive.models import User

    card = published_card()
    email = quick_user("educator")
    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.email == email))
        stale = db.session.get(Story, card.story_id)
        assert stale.published_text and stale.consent.status == "active", "read as published"
        # Another request on another thread (its own app context, session and connection).
        other = threading.Thread(target=withdraw, args=(card.code, card.secret))
        other.start()
        other.join()
        assert db.session.get(Story, card.story_id).published_text, "this request's view is stale"
        with pytest.raises(NotFound):
            create_clip(card.story_id, user, ClipInput(title="Too late", phrase="bitter bark"))
        db.session.remove()
    assert clip_count(app) == 0


def test_a_clip_of_a_story_no_longer_for_teaching_shows_nothing_of_the_educators_words(
    app, published_card, sign_in
):
    """A clip's title and note may quote the story: once the consent no longer allows teaching, the
    clip page shows the placeholder only, to its owner too."""
    from tests.fixtures.stories import sign_in_patient

    card = published_card()
    educator = sign_in("educator")
    clip_id = clip_id_of(make_clip(educator, card.story_id, title="Quiet nurse sang", phrase="quiet nurse"))
    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    patient.submit(
        "/consent/change/uses", {"purposes": ["research"], "modalities": ["text"]}, page="/consent/change"
    )
    shown = educator.get(f"/clips/{clip_id}").get_data(as_text=True)
    assert UNAVAILABLE in shown
    assert "Quiet nurse sang" not in shown and "quiet nurse" not in shown
