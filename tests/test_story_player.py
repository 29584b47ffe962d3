"""The story page's synced player through the test client: the markup with and without timings, with
and without consent to the audio, in text-only mode, cued by ``?t=``, behind content warnings; the word
timings endpoint and the rule it keeps; and the clip contract of the player macro.

Recorded stories are real: uploaded through the facilitator's form, transcribed by the Korean model,
published with their redacted recording and ``published_timings`` (tests/fixtures/recordings.py).
"""

from __future__ import annotations

import html
import json
import re

import pytest
from flask import render_template_string

from archive.clock import clock, seconds_param
from archive.extensions import db
from archive.library import player
from archive.models import Story
from tests.fixtures.stories import sign_in_patient

NAME = "마유미"  # a relative's name the model hears in clinic_visit.wav (tests/test_redaction_end_to_end.py)
SEGMENT_RE = re.compile(r'<p class="seg( cued)?" data-o="(\d+)"[^>]*>(.*?)</p>', re.S)


def published_story(app, story_id: str) -> tuple[str, list]:
    with app.app_context():
        story = db.session.get(Story, story_id)
        text, timings = story.published_text, story.published_timings
        db.session.remove()
    return text, timings


def decode(flat: list[int]) -> list[tuple[int, int, float, float]]:
    """The timings payload back to [start, end, t0, t1] (as player.js decodes it)."""
    out, a, t = [], 0, 0
    for i in range(0, len(flat), 4):
        a += flat[i]
        t += flat[i + 2]
        out.append((a, a + flat[i + 1], t / 100, (t + flat[i + 3]) / 100))
    return out


def segment_texts(page: str) -> list[tuple[int, str]]:
    """Each segment's offset and its text as a browser reads it (tags and the timestamp dropped)."""
    found = []
    for _cued, offset, inner in SEGMENT_RE.findall(page):
        inner = re.sub(r'<a class="ts"[^>]*>[^<]*</a> ', "", inner)
        found.append((int(offset), html.unescape(re.sub(r"<[^>]+>", "", inner))))
    return found


def test_a_timed_story_has_the_player_segments_with_timestamps_and_no_word_markup(app, recorded, sign_in):
    story_id = recorded.story_id
    text, timings = published_story(app, story_id)
    assert timings, "a recorded story keeps its words' timings"
    page = sign_in("educator").get(f"/stories/{story_id}").get_data(as_text=True)

    assert f'<audio data-player controls preload="none" src="/stories/{story_id}/audio"' in page
    assert f'data-timings="/stories/{story_id}/timings.json"' in page
    assert f'<a href="/stories/{story_id}/audio">Listen to the recording</a>' in page, "no-audio fallback"
    assert '<script src="/static/player.js" defer></script>' in page
    assert "<select data-speed>" in page and all(f'value="{r}"' for r in ("0.75", "1", "1.25", "1.5", "2"))
    assert 'class="w"' not in page, "words are wrapped by the script, not sent one element each"
    assert NAME not in page and "[NAME]" in page

    # The segments hold the published text character for character at their offsets (the script
    # maps the timings' offsets onto them), and each starts with a working timestamp link.
    segs = segment_texts(page)
    assert segs and "".join(t for _, t in segs).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    for offset, seg_text in segs:
        assert text[offset : offset + len(seg_text)] == seg_text
    first = timings[0][2]
    stamp = f"{first:.2f}".rstrip("0").rstrip(".")
    assert f'<a class="ts" href="?t={stamp}#player" data-seek="{stamp}"' in page
    shown = clock(first)
    assert f'aria-label="Listen from {shown}">{shown}</a>' in page and "." not in shown


def test_timings_json_maps_onto_the_published_text_and_revalidates(app, recorded, sign_in):
    story_id = recorded.story_id
    text, timings = published_story(app, story_id)
    educator = sign_in("educator")
    response = educator.get(f"/stories/{story_id}/timings.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "private, no-cache"
    body = response.get_data(as_text=True)
    payload = json.loads(body)
    assert payload["v"] == 1
    decoded = decode(payload["w"])
    assert [text[a:b] for a, b, *_ in decoded] == [text[a:b] for a, b, *_ in timings]
    assert [(t0, t1) for *_, t0, t1 in decoded] == [(float(t[2]), float(t[3])) for t in timings]
    # Places and times only: no word of the story, let alone the name the reviewer removed.
    assert not re.search(r"[^\W\d_]", body.replace('"v"', "").replace('"w"', "")), "letters in the payload"
    assert NAME not in body

    again = educator.get(
        f"/stories/{story_id}/timings.json", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304 and again.get_data() == b""


def test_timings_json_follows_the_rule_narrowing_and_withdrawal(app, recorded, sign_in, withdraw):
    story_id = recorded.story_id
    url = f"/stories/{story_id}/timings.json"
    educator = sign_in("educator")
    assert educator.get(url).status_code == 200
    # The storyteller takes the voice back on their own page: timings go with the recording.
    patient = app.test_client()
    sign_in_patient(patient, recorded.code, recorded.secret)
    narrowed = patient.submit(
        "/consent/change/uses", {"purposes": ["teaching"], "modalities": ["text"]}, page="/consent/change"
    )
    assert narrowed.status_code == 302
    assert educator.get(url).status_code == 404
    page = educator.get(f"/stories/{story_id}").get_data(as_text=True)
    assert "<audio" not in page and "player.js" not in page and 'class="ts"' not in page
    assert "[NAME]" in page, "the text is still shown"

    withdraw(recorded.code, recorded.secret)
    assert educator.get(url).status_code == 404
    assert educator.get(f"/stories/{story_id}").status_code == 404


def test_timings_json_is_refused_when_the_text_is_narrowed_away(app, recorded, sign_in):
    url = f"/stories/{recorded.story_id}/timings.json"
    educator = sign_in("educator")
    assert educator.get(url).status_code == 200
    with app.app_context():  # the recording may still be heard, but the text it times may not be read
        db.session.get(Story, recorded.story_id).consent.modality_text = False
        db.session.commit()
    assert educator.get(url).status_code == 404


def test_timings_json_is_404_for_untimed_stories_unknown_ids_and_other_roles(app, sign_in, published_card):
    typed = published_card(modalities=("text", "audio"))
    educator = sign_in("educator")
    assert educator.get(f"/stories/{typed.story_id}/timings.json").status_code == 404
    assert educator.get("/stories/NoSuchStory0000000000000/timings.json").status_code == 404
    assert educator.get(f"/stories/{'x' * 500}/timings.json").status_code == 404
    assert sign_in("facilitator").get(f"/stories/{typed.story_id}/timings.json").status_code == 403


def test_a_cue_in_the_link_cues_the_player_and_marks_the_word(app, recorded, sign_in):
    story_id = recorded.story_id
    text, timings = published_story(app, story_id)
    word = timings[len(timings) // 2]
    t = f"{word[2]:.2f}".rstrip("0").rstrip(".")
    page = sign_in("educator").get(f"/stories/{story_id}?t={t}").get_data(as_text=True)
    assert f'src="/stories/{story_id}/audio#t={t}"' in page, "no-JS: the media fragment cues the audio"
    marked = re.findall(r'<mark class="cue">(.*?)</mark>', page)
    assert [html.unescape(m) for m in marked] == [text[word[0] : word[1]]]
    cued = re.findall(r'<p class="seg cued" data-o="\d+" id="([^"]+)"', page)
    assert cued == [f"t={t}"], "the page's #t= fragment lands on the cued passage"
    # Between two words: the next word is the one cued.
    between = (timings[0][3] + timings[1][2]) / 2 if timings[1][2] > timings[0][3] else timings[1][2]
    page = sign_in("educator").get(f"/stories/{story_id}?t={between}").get_data(as_text=True)
    assert [html.unescape(m) for m in re.findall(r'<mark class="cue">(.*?)</mark>', page)] == [
        text[timings[1][0] : timings[1][1]]
    ]


@pytest.mark.parametrize(
    "value",
    ["abc", "-1", "inf", "nan", "1e1", " 12", "12s", "12:30", "0x10", "99999999", "1." + "5" * 9, "1" * 400],
    ids=lambda v: v[:10],
)
def test_a_cue_that_is_no_time_is_refused_with_a_message(app, sign_in, published_card, value):
    card = published_card()
    response = sign_in("educator").get(f"/stories/{card.story_id}", query_string={"t": value})
    assert response.status_code == 400
    assert "must be a number of seconds" in response.get_data(as_text=True)


def test_a_cue_on_a_typed_story_shows_the_text(app, sign_in, published_card):
    card = published_card()
    page = sign_in("educator").get(f"/stories/{card.story_id}?t=12").get_data(as_text=True)
    assert "quinine tasted of bitter bark" in page and "<audio" not in page and "player.js" not in page


def test_a_recording_without_consent_to_the_audio_gives_a_plain_text_page(
    app, upload_recording, publish_recorded, sign_in
):
    up = upload_recording("clinic_visit.wav", modalities=["text"])
    publish_recorded(up.story_id)
    text, timings = published_story(app, up.story_id)
    educator = sign_in("educator")
    page = educator.get(f"/stories/{up.story_id}").get_data(as_text=True)
    assert "<audio" not in page and "player.js" not in page and "data-timings" not in page
    assert 'class="ts"' not in page, "no timestamps without a recording to play"
    assert text.split() and all(html.escape(w, quote=False) in page for w in text.split()), "the text"
    assert educator.get(f"/stories/{up.story_id}/timings.json").status_code == 404


def test_text_only_mode_leaves_out_every_recording_and_the_script(app, recorded, sign_in):
    story_id = recorded.story_id
    educator = sign_in("educator")
    page_url = f"/stories/{story_id}?t=1"
    page = educator.get(page_url).get_data(as_text=True)
    assert "<audio" in page and 'name="text_only" value="1"' in page

    response = educator.submit("/library/text-only", {"text_only": "1", "next": page_url}, page=page_url)
    assert response.status_code == 303 and response.location == page_url
    cookie = response.headers["Set-Cookie"]
    assert "text_only=1" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = educator.get(page_url).get_data(as_text=True)
    assert "<audio" not in page and "player.js" not in page and "data-timings" not in page
    assert 'class="ts"' not in page and "[NAME]" in page
    assert "Text only: recordings are left out" in page
    library = educator.get("/library").get_data(as_text=True)
    assert "<audio" not in library and "player.js" not in library
    other_browser = sign_in("educator")
    assert "<audio" in other_browser.get(page_url).get_data(as_text=True), "a preference of this browser"

    back = educator.submit("/library/text-only", {"text_only": "0", "next": page_url}, page=page_url)
    assert back.status_code == 303 and "<audio" in educator.get(page_url).get_data(as_text=True)


@pytest.mark.parametrize(
    "data, status, location",
    [
        ({"text_only": "yes"}, 400, None),
        ({}, 400, None),
        ({"text_only": "1", "next": "//evil.example/x"}, 303, "/library"),
        ({"text_only": "1", "next": "https://evil.example/"}, 303, "/library"),
        ({"text_only": "1", "next": "/\\evil.example"}, 303, "/library"),
    ],
    ids=["not-a-choice", "empty", "other-host", "absolute-url", "backslash"],
)
def test_the_text_only_form_refuses_bad_input(app, sign_in, data, status, location):
    educator = sign_in("educator")
    response = educator.submit("/library/text-only", data, page="/library")
    assert response.status_code == status
    if location:
        assert response.location == location
    else:
        assert "Choose text only or recordings" in response.get_data(as_text=True)
        assert "Set-Cookie" not in response.headers or "text_only" not in response.headers["Set-Cookie"]


def test_content_warnings_come_before_anything_of_the_story(app, upload_recording, publish_recorded, sign_in):
    up = upload_recording(
        "clinic_visit.wav", relatives=NAME, modalities=["text", "audio"], warnings=["death"]
    )
    publish_recorded(up.story_id)
    text, timings = published_story(app, up.story_id)
    educator = sign_in("educator")
    t = f"{timings[2][2]:.2f}".rstrip("0").rstrip(".")
    gate = educator.get(f"/stories/{up.story_id}?t={t}")
    page = gate.get_data(as_text=True)
    assert gate.status_code == 200
    assert "Content warning" in page and "Death" in page
    show = f'href="/stories/{up.story_id}?warned=1&amp;t={t}#story">Show the story</a>'
    assert show in page, "the warning's link keeps the cue"
    assert "<audio" not in page and "player.js" not in page and "data-transcript" not in page
    words = [w for w in text.split() if len(w) > 1 and not w.startswith("[")]
    assert words and not any(w in page for w in words), "no word of the story before the warning"
    with app.app_context():
        assert db.session.get(Story, up.story_id).view_count == 0, "the warning is not a view"

    opened = educator.get(f"/stories/{up.story_id}?warned=1&t={t}").get_data(as_text=True)
    assert "<audio data-player" in opened and f"#t={t}" in opened and '<mark class="cue">' in opened
    assert 'href="?warned=1&amp;t=' in opened, "timestamps stay past the warning"
    with app.app_context():
        assert db.session.get(Story, up.story_id).view_count == 1


def test_the_player_macro_keeps_the_clip_contract(app):
    template = (
        '{% from "library/_player.html" import audio_player with context %}'
        "{{ audio_player('/clips/c1/audio', 'A clip', start=12.5, end=40) }}"
    )
    with app.test_request_context("/"):
        out = render_template_string(template)
    assert '<audio data-player controls preload="none" src="/clips/c1/audio#t=12.5,40"' in out
    assert 'data-start="12.5"' in out and 'data-end="40"' in out and 'aria-label="A clip"' in out
    with app.test_request_context("/", headers={"Cookie": "text_only=1"}):
        assert "<audio" not in render_template_string(template)


def test_player_script_documents_its_contract(app, client):
    response = client.get("/static/player.js")
    script = response.get_data(as_text=True)
    response.close()  # a sent file stays open until its response is closed
    for term in ("data-player", "data-start", "data-end", "data-seek", "data-timings", "data-speed"):
        assert term in script.split("*/")[0], f"{term} missing from the header"


# -- the segments and the timings payload, on their own ------------------------------------------------
def test_segments_cut_paragraphs_sentences_and_unpunctuated_transcripts_at_word_boundaries():
    sentence = "We waited all day at the clinic and nobody told us why. "
    text = "First paragraph.\r\n\r\n" + sentence * 20 + "\n\n" + "word " * 300
    found = player.segments(text)
    assert text[found[0].start : found[0].end] == "First paragraph."
    for seg in found:
        piece = text[seg.start : seg.end]
        assert piece == piece.strip() and "\n\n" not in piece
        assert len(piece) <= player.SEGMENT_MAX_CHARS + len(sentence)
    middle = [text[s.start : s.end] for s in found[1:] if "clinic" in text[s.start : s.end]]
    assert len(middle) > 1 and all(p.endswith("why.") for p in middle[:-1]), "cut at sentence ends"
    raw = [text[s.start : s.end] for s in found if text[s.start : s.end].startswith("word")]
    assert len(raw) > 1 and all(p.split() == ["word"] * len(p.split()) for p in raw), "cut between words"
    assert " ".join(text[s.start : s.end] for s in found).split() == text.split(), "nothing lost"


def timed(text: str, seconds_per_word: float) -> list[list]:
    """Word timings for ``text``: each word (split on spaces) heard for ``seconds_per_word``."""
    found, pos, t = [], 0, 0.0
    for word in text.split():
        start = text.index(word, pos)
        pos = start + len(word)
        found.append([start, pos, round(t, 2), round(t + seconds_per_word * 0.9, 2)])
        t += seconds_per_word
    return found


def test_timed_segments_come_about_every_30_seconds_whatever_the_script():
    # Korean: few characters a word, slowly said; 560 characters would be two minutes here.
    korean = " ".join(["할머니가"] * 240)  # one word every 1.5 s: six minutes, no punctuation
    found = player.segments(korean, timed(korean, 1.5))
    times = [s.seconds for s in found]
    assert all(t is not None for t in times)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(found) >= 12 and all(25 <= g <= 30 for g in gaps), gaps
    assert " ".join(korean[s.start : s.end] for s in found).split() == korean.split(), "nothing lost"

    # With sentences, a segment ends at the first sentence end once it lasts 24 seconds.
    sentence = "We waited all day at the clinic and nobody told us why. "  # 12 words, 6 s
    english = sentence * 20
    found = player.segments(english, timed(english, 0.5))
    pieces = [english[s.start : s.end] for s in found]
    assert all(p.endswith("why.") for p in pieces[:-1]), pieces
    gaps = [b.seconds - a.seconds for a, b in zip(found, found[1:], strict=False)]
    assert all(24 <= g <= 30 for g in gaps), gaps


def test_the_payload_counts_offsets_as_a_browser_does():
    text = "I felt 😷 sick [NAME] came"
    timings = [
        [0, 1, 0.5, 0.7],
        [7, 8, 1.0, 1.2],
        [9, 13, 1.25, 1.5],
        [14, 20, 1.5, 2.25],
        [21, 25, 2.3, 2.6],
    ]
    flat = player.timings_payload(text, timings)["w"]
    as_js = text.encode("utf-16-le")
    words = [as_js[2 * a : 2 * b].decode("utf-16-le") for a, b, *_ in decode(flat)]
    assert words == ["I", "😷", "sick", "[NAME]", "came"]
    assert [t0 for *_, t0, _ in decode(flat)] == [0.5, 1.0, 1.25, 1.5, 2.3]
    shown = player.timed_transcript(text, timings, cue=1.3)
    assert shown[0].offset == 0 and '<mark class="cue">sick</mark>' in shown[0].html
    assert player.entry_at(timings, 99) is None and player.entry_at(None, 1) is None
    assert clock(3725) == "1:02:05" and clock(74.9) == "1:14"
    assert seconds_param(12.0) == "12" and seconds_param(74.5) == "74.5"
