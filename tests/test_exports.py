"""Exports: transcripts as plain text, WebVTT and SRT; the printable teaching packet; citations.
Each export holds only what the consent allows when it is made, with the date and the consent terms.
"""

from __future__ import annotations

import html
import re
from datetime import date

from archive.extensions import db
from archive.library.exports import (
    CONSENT_TERMS,
    CUE_MAX_CHARS,
    CUE_MAX_SECONDS,
    RECOGNISED,
    TYPED_BY_REVIEWER,
    cues,
    provenance,
)
from archive.library.stories import UNAVAILABLE
from archive.models import Story, Transcript
from tests.fixtures.stories import STORY, sign_in_patient
from tests.test_roles import UNKNOWN_ID
from tests.test_teaching_sets import add, item_ids, new_clip, new_set

TODAY = date.today().isoformat()
CITATION_RE = re.compile(
    r'"(?P<title>[^"]*)"\. Story told by an anonymous storyteller, (?:recorded|written down) '
    r"with consent for teaching\. "
    r"story-archive, published (?P<published>\d{4}-\d\d-\d\d)\. (?P<url>http://localhost/stories/[\w-]+)\. "
    r"Accessed (?P<accessed>\d{4}-\d\d-\d\d)\."
)
VTT_TIME = r"(\d\d):(\d\d):(\d\d)\.(\d\d\d)"
SRT_TIME = r"(\d\d):(\d\d):(\d\d),(\d\d\d)"


def seconds(match: tuple[str, ...]) -> float:
    h, m, s, ms = (int(x) for x in match)
    return h * 3600 + m * 60 + s + ms / 1000


def parse_cues(body: str, time_pattern: str) -> list[tuple[int, float, float, str]]:
    """Parse numbered cues (id line, timing line, one text line), checking the shape of each."""
    timing = re.compile(rf"^{time_pattern} --> {time_pattern}$")
    result = []
    for block in body.strip("\n").split("\n\n"):
        lines = block.split("\n")
        if lines[0] in ("WEBVTT",) or lines[0].startswith("NOTE"):
            continue
        assert len(lines) == 3, block
        assert lines[0].isdigit(), block
        match = timing.match(lines[1])
        assert match, lines[1]
        groups = match.groups()
        assert lines[2].strip() and "-->" not in lines[2]
        result.append((int(lines[0]), seconds(groups[:4]), seconds(groups[4:]), lines[2]))
    return result


def check_cues(parsed, text: str) -> None:
    assert parsed, "some cues"
    assert [n for n, *_ in parsed] == list(range(1, len(parsed) + 1))
    previous_end = 0.0
    for _, start, end, _ in parsed:
        assert start < end, (start, end)
        assert start >= previous_end, "cues never go back in time"
        previous_end = end
    assert " ".join(t for *_, t in parsed).split() == text.split(), "together the cues hold the whole text"


def published_text(app, story_id: str) -> str:
    with app.app_context():
        text = db.session.get(Story, story_id).published_text
        db.session.remove()
    return text


# -- citations -------------------------------------------------------------------------------------
def test_the_citation_line_names_the_story_its_stable_url_and_the_dates(app, published_card, sign_in):
    card = published_card()
    page = sign_in("educator").get(f"/stories/{card.story_id}").get_data(as_text=True)
    match = CITATION_RE.search(html.unescape(page))
    assert match, "the story tools show the citation"
    assert match["title"] == "Bitter bark"
    assert match["url"] == f"http://localhost/stories/{card.story_id}"
    assert match["published"] == TODAY and match["accessed"] == TODAY


# -- transcripts --------------------------------------------------------------------------------------
def test_plain_text_carries_title_citation_date_and_terms(app, published_card, sign_in):
    card = published_card()
    response = sign_in("educator").get(f"/stories/{card.story_id}/transcript.txt")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="story-{card.story_id}-{TODAY}.txt"'
    )
    body = response.get_data(as_text=True)
    assert body.startswith("Bitter bark\n")
    assert CITATION_RE.search(body)
    assert f"Exported {TODAY} from story-archive." in body
    assert "Shared with the storyteller's consent for teaching." in body
    assert "Typed by the health worker who took the story in, then read and checked by a reviewer." in body
    assert body.rstrip().endswith(STORY)
    page = sign_in("educator").get(f"/stories/{card.story_id}").get_data(as_text=True)
    assert '<p class="meta provenance">Typed by the health worker' in page


def test_a_typed_story_has_no_subtitles(app, published_card, sign_in):
    card = published_card()
    educator = sign_in("educator")
    for fmt in ("vtt", "srt"):
        response = educator.get(f"/stories/{card.story_id}/transcript.{fmt}")
        assert response.status_code == 409, fmt
        assert "This story has no subtitles" in html.unescape(response.get_data(as_text=True))
    page = educator.get(f"/stories/{card.story_id}").get_data(as_text=True)
    assert "transcript.txt" in page and "transcript.vtt" not in page
    assert educator.get(f"/stories/{card.story_id}/transcript.pdf").status_code == 404


def test_webvtt_and_srt_of_a_recorded_story_parse_and_hold_its_text(app, recorded, sign_in):
    educator = sign_in("educator")
    text = published_text(app, recorded.story_id)

    vtt = educator.get(f"/stories/{recorded.story_id}/transcript.vtt")
    assert vtt.status_code == 200
    assert vtt.headers["Content-Type"] == "text/vtt; charset=utf-8"
    assert vtt.headers["Content-Disposition"].startswith("attachment; ")
    body = vtt.get_data(as_text=True)
    assert body.startswith("WEBVTT\n\nNOTE\n")
    note = body.split("\n\n")[1]
    assert f"Exported {TODAY}" in note and "consent for teaching" in note and "-->" not in note
    assert "Transcript made by a speech recogniser, then checked against the recording and corrected" in note
    page = educator.get(f"/stories/{recorded.story_id}").get_data(as_text=True)
    assert '<p class="meta provenance">Transcript made by a speech recogniser' in page
    check_cues(parse_cues(body, VTT_TIME), text)

    srt = educator.get(f"/stories/{recorded.story_id}/transcript.srt")
    assert srt.status_code == 200
    assert srt.headers["Content-Type"] == "application/x-subrip; charset=utf-8"
    assert srt.headers["Content-Disposition"] == (
        f'attachment; filename="story-{recorded.story_id}-{TODAY}.srt"'
    )
    body = srt.get_data(as_text=True)
    assert body.startswith("1\n00:00:")
    parsed = parse_cues(body, SRT_TIME)
    check_cues(parsed, text)
    assert parsed == parse_cues(vtt.get_data(as_text=True), VTT_TIME), "the same cues in both"


def test_cues_keep_to_their_limits_and_break_at_sentence_ends():
    sentence = "We waited all day at the clinic. "
    text = sentence * 8
    timings, t = [], 0.0
    for m in re.finditer(r"\S+", text):
        timings.append([m.start(), m.end(), t, t + 0.4])
        t += 0.5
    # A redaction label timed over the words it hides overlaps the punctuation after it.
    timings[3][3] = timings[4][3]
    made = cues(text, timings)
    assert all(c.end - c.start <= CUE_MAX_SECONDS + 1e-9 for c in made)
    assert all(len(c.text) <= CUE_MAX_CHARS for c in made)
    assert all(c.text.endswith("clinic.") for c in made), "whole sentences here"
    assert " ".join(c.text for c in made).split() == text.split()
    assert all(b.start >= a.end for a, b in zip(made, made[1:], strict=False))
    # A text with no sentence end is cut at the limits.
    long = "word " * 100
    timings = [[m.start(), m.end(), i * 0.3, i * 0.3 + 0.25] for i, m in enumerate(re.finditer(r"\S+", long))]
    made = cues(long, timings)
    assert len(made) > 4 and all(len(c.text) <= CUE_MAX_CHARS for c in made)
    assert cues("untimed", None) == []


def test_no_transcript_of_a_story_the_consent_does_not_allow(app, published_card, sign_in, withdraw):
    educator = sign_in("educator")
    gone = published_card()
    withdraw(gone.code, gone.secret)
    narrowed = published_card()
    patient = app.test_client()
    sign_in_patient(patient, narrowed.code, narrowed.secret)
    patient.submit(
        "/consent/change/uses", {"purposes": ["research"], "modalities": ["text"]}, page="/consent/change"
    )
    for name, story_id in {
        "unknown": UNKNOWN_ID,
        "withdrawn": gone.story_id,
        "teaching removed": narrowed.story_id,
    }.items():
        for fmt in ("txt", "vtt", "srt"):
            assert educator.get(f"/stories/{story_id}/transcript.{fmt}").status_code == 404, (name, fmt)
    assert sign_in("facilitator").get(f"/stories/{narrowed.story_id}/transcript.txt").status_code == 403


# -- the teaching packet ------------------------------------------------------------------------------
def test_the_packet_prints_each_item_with_prompt_questions_citation_date_and_terms(
    app, published_card, sign_in
):
    card, other = published_card(), published_card()
    educator = sign_in("educator")
    set_id = new_set(educator, title="Listening session", description="Week 3.")
    add(educator, set_id, story_id=card.story_id)
    add(
        educator, set_id, clip_id=new_clip(educator, other.story_id, "the quiet nurse sang", title="The song")
    )
    first, second = item_ids(app, set_id)
    educator.submit(
        f"/teaching/sets/{set_id}/items/{second}",
        {
            "prompt": "Notice what the nurse does without words.",
            "questions": "What did the song say?\nTo whom?",
        },
        page="/teaching/sets",
    )
    response = educator.get(f"/teaching/sets/{set_id}/packet")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'href="/static/print.css"' in body
    top_and_bottom = html.unescape(body).count(f"Exported {TODAY}. {CONSENT_TERMS}")
    assert top_and_bottom == 2, "the date and terms at the top and at the bottom"
    assert "Listening session" in body and "Week 3." in body
    assert body.count('<section class="packet-item">') == 2
    assert STORY in html.unescape(body), "the whole redacted story"
    assert "The song" in body and "the quiet nurse sang" in body
    assert "Notice what the nurse does without words." in body
    assert "<li>What did the song say?</li><li>To whom?</li>" in body
    citations = CITATION_RE.findall(html.unescape(body))
    assert [c[2] for c in citations] == [
        f"http://localhost/stories/{card.story_id}",
        f"http://localhost/stories/{other.story_id}",
    ]
    assert "<form" not in body and "<audio" not in body


def test_a_packet_made_again_after_a_consent_changed_leaves_the_story_out(app, published_card, sign_in):
    card = published_card()
    educator = sign_in("educator")
    set_id = new_set(educator)
    add(educator, set_id, story_id=card.story_id)
    (item,) = item_ids(app, set_id)
    educator.submit(
        f"/teaching/sets/{set_id}/items/{item}", {"prompt": "Bark and song"}, page="/teaching/sets"
    )
    assert "bitter bark" in educator.get(f"/teaching/sets/{set_id}/packet").get_data(as_text=True)

    patient = app.test_client()
    sign_in_patient(patient, card.code, card.secret)
    patient.submit(
        "/consent/change/uses", {"purposes": ["research"], "modalities": ["text"]}, page="/consent/change"
    )

    body = educator.get(f"/teaching/sets/{set_id}/packet").get_data(as_text=True)
    assert UNAVAILABLE in body
    for words in ("bitter bark", "Bitter bark", "Bark and song", f"/stories/{card.story_id}"):
        assert words not in body, words


def test_provenance_names_who_made_the_text(app, recorded):
    """A recording's transcript typed by a reviewer by ear (no model) says so; the recogniser's says so."""
    with app.app_context():
        story = db.session.get(Story, recorded.story_id)
        assert provenance(story) == RECOGNISED
        db.session.get(Transcript, recorded.story_id).model = None
        assert provenance(story) == TYPED_BY_REVIEWER
        db.session.rollback()
