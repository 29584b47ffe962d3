"""The reviewer's side of recorded stories, through the real views: doubtful words marked, the
transcript corrected with its timings kept, a transcript typed by hand when there is no model, and the
listening copy served to reviewers only.

Recordings go through the facilitator's form (tests/fixtures/recordings.py) and are transcribed in
the request by the real Korean Vosk model with the real ffmpeg. Korean stands in for Swahili where a
test needs a model to "arrive" for a language that had none.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.errors import Conflict
from archive.extensions import db
from archive.jobs import recover
from archive.models import Job, JobState, MediaFile, MediaKind, Story, Transcript
from ingest import speech_models
from ingest.audio_jobs import resume_waiting_for, retry, run_transcription
from ingest.transcript_edit import TimedWord, from_rows, to_rows, tokens, typed_words
from tests.fixtures.audio import entry

MARK_RE = re.compile(r'<mark class="unsure" title="confidence ([\d.]+) · ([\d:.]+)–([\d:.]+)">([^<]*)</mark>')


def transcript_of(app, story_id: str) -> tuple[list[TimedWord], str]:
    """The stored transcript's words and the story's working text."""
    with app.app_context():
        transcript = db.session.get(Transcript, story_id)
        body = db.session.get(Story, story_id).body
        words = from_rows(transcript.words)
        db.session.remove()
    return words, body


def spans_of(app, story_id: str) -> list[tuple[str, str, str]]:
    """(marked words, kind, source) of every redaction span."""
    with app.app_context():
        story = db.session.get(Story, story_id)
        found = [(story.body[s.start : s.end], s.kind, s.source) for s in story.spans]
        db.session.remove()
    return found


def base_of(page_html: str) -> str:
    match = re.search(r'name="base" type="hidden" value="(\w+)"', page_html)
    assert match, "no base fingerprint on the review page"
    return match.group(1)


def clock(seconds: float) -> str:
    """The review page's m:ss.ss (the fixtures are all shorter than a minute)."""
    assert seconds < 60
    return f"0:{seconds:05.2f}"


# -- doubtful words ---------------------------------------------------------------------------------
def test_words_the_recogniser_was_unsure_of_are_marked_with_confidence_and_time(
    app, upload_recording, sign_in
):
    story_id = upload_recording("clinic_visit.wav").story_id
    words, _ = transcript_of(app, story_id)
    threshold = app.config["TRANSCRIPT_LOW_CONFIDENCE"]
    doubtful = [w for w in words if w.conf < threshold]
    assert 0 < len(doubtful) < len(words), "the fixture must have sure and unsure words to tell apart"

    reviewer = sign_in("reviewer")
    page = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    marks = MARK_RE.findall(page)
    assert [html.unescape(m[3]) for m in marks] == [w.word for w in doubtful]
    assert [m[:3] for m in marks] == [(f"{w.conf:.2f}", clock(w.start), clock(w.end)) for w in doubtful]
    plural = "" if len(doubtful) == 1 else "s"
    assert f"<strong>{len(doubtful)} word{plural} the recogniser was unsure of</strong>" in page
    assert "less than 60% sure" in page

    # The setting decides what is doubtful: at 0 nothing is.
    app.config["TRANSCRIPT_LOW_CONFIDENCE"] = 0.0
    page = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    assert not MARK_RE.findall(page)
    assert "<strong>0 words the recogniser was unsure of</strong>" in page


# -- correcting the transcript ----------------------------------------------------------------------
def pick(words: list[str], taken: set[int], want) -> int:
    """The first word index not taken (nor the last word, which the test deletes) that fits ``want``."""
    index = next(i for i, w in enumerate(words[:-1]) if i not in taken and want(i, w))
    taken.add(index)
    return index


def test_a_corrected_transcript_keeps_timings_carries_marks_and_is_published(
    app, upload_recording, sign_in, publish
):
    # The facilitator names the storyteller; the recogniser does not hear the name, the reviewer does.
    story_id = upload_recording("clinic_visit.wav", speaker="김영희").story_id
    words, body = transcript_of(app, story_id)
    heard = [w.word for w in words]
    # Names the recogniser made up may be marked by the language's names recogniser; the storyteller's
    # own name, never heard, is not.
    assert "김영희" not in body and not [s for s in spans_of(app, story_id) if s[2] == "known"]
    threshold = app.config["TRANSCRIPT_LOW_CONFIDENCE"]
    taken: set[int] = set()
    marked = pick(heard, taken, lambda i, w: len(w) >= 2 and heard.count(w) == 1)
    misheard = pick(heard, taken, lambda i, w: words[i].conf < threshold)
    tagged = pick(heard, taken, lambda i, w: True)

    reviewer = sign_in("reviewer")
    page = f"/review/{story_id}"
    r = reviewer.submit(f"{page}/spans", {"words": heard[marked], "kind": "LOCATION"}, page=page)
    assert r.status_code == 302

    # Insert a word at the start, put the name in place of a doubtful word, type markup in place of
    # another, drop the last word, and start a new paragraph.
    edited = list(heard)
    edited[misheard] = "김영희"
    edited[tagged] = "<b>굵게</b>"
    edited = ["그러니까", *edited[:-1]]
    text = " ".join(edited[:5]) + "\n\n" + " ".join(edited[5:])
    base = base_of(reviewer.get(page).get_data(as_text=True))
    r = reviewer.submit(f"{page}/text", {"text": text, "base": base}, page=page)
    assert r.status_code == 302 and r.location == page
    shown = reviewer.get(page).get_data(as_text=True)
    assert "Transcript saved." in shown

    got, body = transcript_of(app, story_id)
    assert body == text and [w.word for w in got] == edited
    assert got[0] == TimedWord("그러니까", 0.0, words[0].start, 1.0, True)  # the silence before speech
    assert got[misheard + 1] == TimedWord("김영희", words[misheard].start, words[misheard].end, 1.0, True)
    for i, word in enumerate(words[:-1]):
        if i not in (misheard, tagged):
            assert got[i + 1] == word, "an untouched word keeps its timing and confidence"
    assert ("김영희", "NAME", "known") in spans_of(app, story_id), "the named storyteller is found again"
    assert (heard[marked], "LOCATION", "manual") in spans_of(app, story_id), "the mark moved with its word"

    # The page shows the markup as typed, never as markup, and counts what changed.
    assert "<b>굵게</b>" not in shown and "&lt;b&gt;굵게&lt;/b&gt;" in shown
    still_doubtful = [
        w for i, w in enumerate(words[:-1]) if w.conf < threshold and i not in (misheard, tagged)
    ]
    assert f"{len(still_doubtful)} word{'' if len(still_doubtful) == 1 else 's'} the recogniser" in shown
    assert "3 corrected by a reviewer" in shown

    publish(story_id, reviewer=reviewer)
    with app.app_context():
        story = db.session.get(Story, story_id)
        published = story.published_text
        kept = from_rows(db.session.get(Transcript, story_id).words)
        db.session.remove()
    assert "그러니까" in published and "\n\n" in published
    assert "김영희" not in published and "[NAME]" in published
    assert heard[marked] not in tokens(published) and "[PLACE]" in published
    assert kept == got, "publishing keeps the corrected transcript and its timings"
    hits = sign_in("educator").get("/library", query_string={"q": "그러니까"}).get_data(as_text=True)
    assert "보건소에 다녀온 날" in hits, "an educator finds the story by the corrected words"


def test_a_correction_made_on_a_stale_page_is_refused_and_handed_back(app, upload_recording, sign_in):
    story_id = upload_recording("fever.wav").story_id
    words, _ = transcript_of(app, story_id)
    heard = [w.word for w in words]
    page = f"/review/{story_id}"
    first, second = sign_in("reviewer"), sign_in("reviewer")
    stale = base_of(first.get(page).get_data(as_text=True))

    theirs = " ".join(["둘째", *heard[1:]])
    fresh = base_of(second.get(page).get_data(as_text=True))
    r = second.submit(f"{page}/text", {"text": theirs, "base": fresh}, page=page)
    assert r.status_code == 302
    mine = " ".join([*heard[:-1], "첫째"])
    r = first.submit(f"{page}/text", {"text": mine, "base": stale}, page=page)
    assert r.status_code == 409
    answer = r.get_data(as_text=True)
    assert "changed by someone else" in html.unescape(answer)
    assert mine in answer, "the refused version is handed back in the box"
    assert base_of(answer) != stale, "saving again from that page is possible"

    got, body = transcript_of(app, story_id)
    assert body == theirs and [w.word for w in got] == tokens(theirs)
    assert got[0] == TimedWord("둘째", words[0].start, words[0].end, 1.0, True)
    assert got[1:] == words[1:]


# -- typing a transcript by hand ------------------------------------------------------------------
def state_of(app, story_id: str) -> dict:
    with app.app_context():
        story = db.session.get(Story, story_id)
        transcript = db.session.get(Transcript, story_id)
        jobs = db.session.scalars(select(Job.state).where(Job.story_id == story_id)).all()
        media = db.session.scalars(select(MediaFile.kind).where(MediaFile.story_id == story_id)).all()
        found = {
            "status": story.status,
            "body": story.body,
            "words": None if transcript is None else transcript.words,
            "duration": None if transcript is None else transcript.duration_s,
            "jobs": sorted(jobs),
            "media": sorted(media),
        }
        db.session.remove()
    return found


def model_arrives(app, lang: str) -> int:
    """Register the Korean model for ``lang`` (as `models add` would) and resume stories waiting."""
    with app.app_context():
        speech_models.add(lang, speech_models.resolve("ko"))
        resumed = resume_waiting_for(lang)
        db.session.remove()
    return resumed


def test_a_story_waiting_for_a_model_gets_a_typed_transcript_that_a_later_model_leaves_alone(
    app, upload_recording, sign_in
):
    facilitator = sign_in("facilitator")
    typed = upload_recording("fever.wav", facilitator, language="sw", title="Homa usiku", speaker="Amani")
    other = upload_recording("medicine.wav", facilitator, language="sw", title="Dawa kila siku")
    for up in (typed, other):
        before = state_of(app, up.story_id)
        assert before["status"] == "needs_model" and before["jobs"] == ["waiting_for_model"]
        assert before["media"] == ["listening", "original"], "the reviewer can hear what to type"

    reviewer = sign_in("reviewer")
    queue = reviewer.get("/review/").get_data(as_text=True)
    assert "Waiting for a speech model" in queue and "Transcription failed" not in queue
    assert "No speech model for Swahili (sw) is installed" in html.unescape(queue)
    for up, title in ((typed, "Homa usiku"), (other, "Dawa kila siku")):
        assert f'<a href="/review/{up.story_id}/transcript">{title}</a>' in queue
    form_page = f"/review/{typed.story_id}/transcript"
    page = reviewer.get(form_page).get_data(as_text=True)
    assert f'<audio controls preload="none" src="/review/{typed.story_id}/listen">' in page

    text = "Mtoto wangu alikuwa na homa usiku kucha.\n\nMimi ni Amani, nilimpa maji."
    r = reviewer.submit(form_page, {"text": text}, page=form_page)
    assert r.status_code == 302 and r.location == f"/review/{typed.story_id}"
    after = state_of(app, typed.story_id)
    assert after["status"] == "needs_review" and after["body"] == text
    assert after["words"] == to_rows(typed_words(text)) and after["words"][0][1:3] == [None, None]
    assert after["duration"] == pytest.approx(entry("fever.wav")["duration"], abs=0.05)
    assert after["jobs"] == ["superseded"]
    assert ("Amani", "NAME", "known") in spans_of(app, typed.story_id)
    review_page = reviewer.get(f"/review/{typed.story_id}").get_data(as_text=True)
    assert "typed by a reviewer while listening" in review_page

    # Another reviewer still on the form: refused, and handed back what they typed.
    late = sign_in("reviewer")
    r = late.submit(form_page, {"text": "Maneno mengine kabisa."}, page="/review/")
    assert r.status_code == 409 and "Maneno mengine kabisa." in r.get_data(as_text=True)
    assert reviewer.get(form_page).status_code == 404, "no longer waiting for a transcript"

    # The model arrives: the story still waiting is transcribed; the typed one is left alone.
    assert model_arrives(app, "sw") == 1
    transcribed = state_of(app, other.story_id)
    assert transcribed["status"] == "needs_review" and transcribed["jobs"] == ["succeeded"]
    assert transcribed["words"] and all(w[1] is not None for w in transcribed["words"])
    assert state_of(app, typed.story_id) == after
    with app.app_context():
        with pytest.raises(Conflict):
            retry(db.session.get(Story, typed.story_id))
        db.session.rollback()
        recover()
        db.session.remove()
    assert state_of(app, typed.story_id) == after


def test_the_recogniser_never_replaces_a_typed_transcript_even_if_sent_back(app, upload_recording, sign_in):
    story_id = upload_recording("fever.wav", language="sw").story_id
    reviewer = sign_in("reviewer")
    form_page = f"/review/{story_id}/transcript"
    assert reviewer.submit(form_page, {"text": "Maneno yangu."}, page=form_page).status_code == 302
    typed = state_of(app, story_id)
    with app.app_context():  # something sends the story back to transcription, against every rule
        speech_models.add("sw", speech_models.resolve("ko"))
        story = db.session.get(Story, story_id)
        story.status = "processing"
        job = db.session.scalar(select(Job).where(Job.story_id == story_id))
        job.state = JobState.QUEUED
        db.session.commit()
        assert run_transcription(job.id) == JobState.SUPERSEDED
        db.session.remove()
    after = state_of(app, story_id)
    assert after == {**typed, "jobs": ["superseded"]}
    assert after["status"] == "needs_review", "back in review, not stuck in processing"


def test_a_failed_transcription_is_listed_with_its_error_and_can_be_typed(app, upload_recording, sign_in):
    story_id = upload_recording("medicine.wav", language="sw").story_id
    with app.app_context():  # the original is lost from the disk: the next run cannot read it
        original = db.session.scalar(
            select(MediaFile).where(MediaFile.story_id == story_id, MediaFile.kind == MediaKind.ORIGINAL)
        )
        (Path(app.config["MEDIA_ROOT"]) / original.path).unlink()
        db.session.remove()
    assert model_arrives(app, "sw") == 1
    assert state_of(app, story_id)["status"] == "failed"

    reviewer = sign_in("reviewer")
    queue = reviewer.get("/review/").get_data(as_text=True)
    assert "Transcription failed" in queue and "Waiting for a speech model" not in queue
    assert "The recording could not be found; please upload it again." in html.unescape(queue)
    form_page = f"/review/{story_id}/transcript"
    assert reviewer.submit(form_page, {"text": ""}, page=form_page).status_code == 400
    assert reviewer.submit(form_page, {"text": "Dawa mara tatu."}, page=form_page).status_code == 302
    assert state_of(app, story_id)["status"] == "needs_review"
    assert state_of(app, story_id)["jobs"] == ["superseded"]


# -- hearing the recording --------------------------------------------------------------------------
def test_reviewers_hear_the_listening_copy_with_ranges_and_nobody_else_does(
    app, upload_recording, sign_in, withdraw
):
    up = upload_recording("medicine.wav")
    with app.app_context():
        rows = {
            m.kind: Path(app.config["MEDIA_ROOT"]) / m.path
            for m in db.session.scalars(select(MediaFile).where(MediaFile.story_id == up.story_id))
        }
        db.session.remove()
    copy = rows[MediaKind.LISTENING].read_bytes()
    url = f"/review/{up.story_id}/listen"
    reviewer = sign_in("reviewer")
    page = reviewer.get(f"/review/{up.story_id}").get_data(as_text=True)
    assert f'<audio data-player controls preload="none" src="{url}"' in page

    with reviewer.get(url) as whole:
        assert whole.status_code == 200 and whole.mimetype == "audio/ogg"
        assert whole.headers["Cache-Control"] == "private, no-store"
        assert whole.headers["Accept-Ranges"] == "bytes"
        assert whole.data == copy and whole.data != rows[MediaKind.ORIGINAL].read_bytes()
    with reviewer.get(url, headers={"Range": "bytes=100-199"}) as part:
        assert part.status_code == 206
        assert part.headers["Content-Range"] == f"bytes 100-199/{len(copy)}"
        assert part.data == copy[100:200]
    with sign_in("admin").get(url) as admin:
        assert admin.status_code == 200 and admin.data == copy

    assert sign_in("educator").get(url).status_code == 403
    assert up.facilitator.get(url).status_code == 403, "not even the facilitator who brought it in"
    anonymous = app.test_client().get(url)
    assert anonymous.status_code == 302 and anonymous.location.startswith("/login")

    withdraw(up.code, up.secret)
    assert reviewer.get(url).status_code == 404
    assert not rows[MediaKind.LISTENING].exists()
