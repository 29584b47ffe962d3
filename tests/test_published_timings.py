"""Timings of a published text: each kept word keeps its transcript time, each label covers the words
it hides, and nothing is timed when the transcript cannot vouch for the text."""

import pytest

from archive.library.timings import passage_times, time_at
from ingest.published_timings import published_timings
from ingest.redaction import Span, redact_mapped
from ingest.transcript_edit import TimedWord

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

BODY = "I am Achieng Odhiambo from Kisumu. Achieng's fever came back."
TIMES = [
    (0.0, 0.2),
    (0.2, 0.4),
    (0.5, 1.0),
    (1.0, 1.6),
    (1.7, 1.9),
    (2.0, 2.6),
    (3.0, 3.5),
    (3.5, 3.9),
    (4.0, 4.2),
    (4.2, 4.6),
]


def words(body: str = BODY, times=TIMES) -> list[TimedWord]:
    return [TimedWord(w, a, b, 0.9) for w, (a, b) in zip(body.split(), times, strict=True)]


def test_labels_cover_the_words_they_hide_and_kept_words_keep_their_times():
    spans = [Span(5, 21, "NAME"), Span(27, 33, "LOCATION"), Span(35, 42, "NAME")]
    text, pieces = redact_mapped(BODY, spans)
    assert text == "I am [NAME] from [PLACE]. [NAME]'s fever came back."
    timings = published_timings(BODY, pieces, words())
    shown = [(text[a:b], t0, t1) for a, b, t0, t1 in timings]
    assert shown == [
        ("I", 0.0, 0.2),
        ("am", 0.2, 0.4),
        ("[NAME]", 0.5, 1.6),  # both names, one label
        ("from", 1.7, 1.9),
        ("[PLACE]", 2.0, 2.6),
        (".", 2.0, 2.6),  # the rest of "Kisumu." is heard with it
        ("[NAME]", 3.0, 3.5),
        ("'s", 3.0, 3.5),
        ("fever", 3.5, 3.9),
        ("came", 4.0, 4.2),
        ("back.", 4.2, 4.6),
    ]


def test_search_offsets_and_passages_map_to_times():
    text, pieces = redact_mapped(BODY, [Span(5, 21, "NAME")])
    timings = published_timings(BODY, pieces, words())
    assert time_at(timings, text.index("fever") + 2) == 3.5
    assert time_at(timings, text.index("[NAME]")) == 0.5
    assert time_at(timings, text.index(" from")) == 1.7  # a space: the next word
    assert time_at(timings, len(text)) is None
    assert passage_times(timings, text.index("from"), text.index("fever") + 5) == (1.7, 3.9)
    assert passage_times(timings, 0, 0) is None
    assert time_at(None, 3) is None


def test_untimed_words_are_left_out_and_no_timings_without_a_matching_timed_transcript():
    typed = [TimedWord(w, None, None, None, True) for w in BODY.split()]
    _, pieces = redact_mapped(BODY, [])
    assert published_timings(BODY, pieces, typed) is None
    assert published_timings(BODY, pieces, []) is None
    drifted = words()
    drifted[3] = TimedWord("Otieno", 1.0, 1.6, 0.9)
    assert published_timings(BODY, pieces, drifted) is None
    one_inserted = words()
    one_inserted[8] = TimedWord("came", None, None, 1.0, True)
    text, pieces = redact_mapped(BODY, [])
    timed = published_timings(BODY, pieces, one_inserted)
    assert "came" not in [text[a:b] for a, b, _, _ in timed] and len(timed) == 9
