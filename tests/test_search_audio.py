"""Search that lands in the audio: a hit in a recorded story shows when each snippet is said and links
to that moment, while the rule allows the recording to be heard; a typed story shows no times.

A real recorded story: Korean speech transcribed by the real Vosk model, published with its redacted
recording and ``published_timings`` by the reviewer's real views.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote

from archive.clock import seconds_param
from archive.extensions import db
from archive.models import Story


def timed_word(app, story_id: str) -> tuple[str, int]:
    """A word of the published text heard two seconds in or later, and the second it starts in."""
    with app.app_context():
        story = db.session.get(Story, story_id)
        text, timings = story.published_text, story.published_timings
    assert timings, "the recorded story was published with its timings"
    for start, end, seconds, _ in timings:
        word = text[start:end]
        # A whole word that occurs once, so the search marks exactly this place.
        if seconds >= 2 and re.fullmatch(r"\w{2,}", word) and text.count(word) == 1:
            return word, seconds
    raise AssertionError(f"no word of {text!r} is heard two seconds in or later")


def test_a_hit_in_a_recorded_story_is_linked_to_the_moment_it_is_said(app, stories, recorded, sign_in):
    word, second = timed_word(app, recorded.story_id)
    typed = stories.shelved(f"타자로 친 이야기: {word} 그리고 더.", title="Typed", language="ko").story_id
    educator = sign_in("educator")

    html = educator.get(f"/library?q={quote(word)}").get_data(as_text=True)
    items = html.split('<ol class="hits">')[1].split("</ol>")[0].split("<li>")[1:]
    hit = next(item for item in items if f"/stories/{recorded.story_id}" in item)
    clock = f"{int(second) // 60}:{int(second) % 60:02d}"
    t = seconds_param(second)  # the word's own time, as the story page reads it
    link = f'href="/stories/{recorded.story_id}?t={t}#t={t}"'
    assert f"<mark>{word}</mark>" in hit
    assert f'<a class="moment" {link} aria-label="Listen from {clock}">at {clock}</a>' in hit
    # Following it opens the story with the player cued at that word, and the word marked.
    landed = educator.get(f"/stories/{recorded.story_id}?t={t}").get_data(as_text=True)
    assert f'/stories/{recorded.story_id}/audio#t={t}"' in landed and f'id="t={t}"' in landed
    assert f'<mark class="cue">{word}' in landed
    other = next(item for item in items if f"/stories/{typed}" in item)
    assert f"<mark>{word}</mark>" in other
    assert "?t=" not in other and "#t=" not in other and 'class="moment"' not in other

    # The CSV gives the same moment for the first match.
    rows = list(
        csv.DictReader(
            io.StringIO(educator.get(f"/library/search.csv?q={quote(word)}").get_data(as_text=True))
        )
    )
    by_url = {row["url"].rsplit("/", 1)[-1]: row for row in rows if row["url"].startswith("http")}
    assert by_url[recorded.story_id]["first_match_at"] == clock
    assert by_url[recorded.story_id]["first_match_url"].endswith(f"/stories/{recorded.story_id}?t={t}#t={t}")
    assert by_url[recorded.story_id]["consent_allows"] == "text; audio"
    assert "recorded with consent" in by_url[recorded.story_id]["citation"]
    assert by_url[typed]["first_match_at"] == "" and by_url[typed]["consent_allows"] == "text"

    # The storyteller narrows the consent to text: the hit stays, the moments go.
    with app.app_context():
        db.session.get(Story, recorded.story_id).consent.modality_audio = False
        db.session.commit()
    html = educator.get(f"/library?q={quote(word)}").get_data(as_text=True)
    assert f"/stories/{recorded.story_id}" in html and f"<mark>{word}</mark>" in html
    assert "?t=" not in html and 'class="moment"' not in html
    rows = list(
        csv.DictReader(
            io.StringIO(educator.get(f"/library/search.csv?q={quote(word)}").get_data(as_text=True))
        )
    )
    row = next(r for r in rows if r["url"].endswith(recorded.story_id))
    assert (row["first_match_at"], row["consent_allows"]) == ("", "text")


def test_snippet_offsets_are_where_the_marked_words_stand_in_the_body():
    from archive.search.whoosh_index import snippet_fragments

    body = "Nothing here. " * 30 + "The cough came back. " + "Quiet. " * 40 + "A cough again at night."
    words = frozenset({"cough"})
    fragments = snippet_fragments(body, words)
    assert len(fragments) == 2
    assert [body[f.offset : f.offset + 5] for f in fragments] == ["cough", "cough"]
    assert fragments[0].offset == body.index("cough") and fragments[1].offset == body.rindex("cough")
    assert snippet_fragments(body, frozenset())[0].offset is None
