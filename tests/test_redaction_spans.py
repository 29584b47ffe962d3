"""Span arithmetic: finding known identifiers, redacting, and keeping spans aligned through edits."""

from __future__ import annotations

import pytest

from archive.models import RedactionSpan
from ingest.redaction import Span, known_identifier_spans, merged, redact, remap

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


@pytest.mark.parametrize(
    ("text", "value", "found"),
    [
        ("I am Otieno.", "Otieno", ["Otieno"]),
        ("OTIENO came, otieno left", "Otieno", ["OTIENO", "otieno"]),
        ("Otieno's bicycle", "Otieno", ["Otieno"]),
        ("Otienoville is far", "Otieno", []),
        ("Mr Otieno-Ouma", "Otieno", ["Otieno"]),
        ("Gitaru  Hill\nHealth Centre", "Gitaru Hill Health Centre", ["Gitaru  Hill\nHealth Centre"]),
        ("Gitaru Hill is a hill", "Gitaru Hill Health Centre", []),
        ("call 0722 455 100 now", "0722 455 100", ["0722 455 100"]),
        ("Ñuñoa y Ñuñoa", "ñuñoa", ["Ñuñoa", "Ñuñoa"]),
    ],
    ids=[
        "plain",
        "any-case",
        "possessive",
        "inside-a-word",
        "hyphenated",
        "spaces-and-newline",
        "partial-phrase",
        "digits",
        "non-ascii",
    ],
)
def test_known_identifiers_are_whole_word_case_insensitive(text, value, found):
    spans = known_identifier_spans(text, [("relative", value)])
    assert [text[s.start : s.end] for s in spans] == found


def test_roles_map_to_kinds():
    spans = known_identifier_spans("Amina from Kisoro", [("speaker", "Amina"), ("village", "Kisoro")])
    assert [s.kind for s in spans] == ["NAME", "LOCATION"]


def test_redact_merges_overlaps_and_labels():
    text = "Wanjiru Achieng lives in Gachika."
    spans = [Span(0, 7, "NAME"), Span(0, 15, "NAME"), Span(25, 32, "LOCATION")]
    assert merged(spans) == [Span(0, 15, "NAME"), Span(25, 32, "LOCATION")]
    assert redact(text, spans) == "[NAME] lives in [PLACE]."


def test_redact_touching_spans_leave_no_fragment():
    assert redact("AbdiWarsame", [Span(0, 4, "NAME"), Span(4, 11, "NAME")]) == "[NAME]"


def _span(start, end):
    return RedactionSpan(start=start, end=end, kind="NAME", source="manual", decision="accepted")


def test_remap_moves_spans_with_the_text_and_drops_edited_ones():
    old = "Amina went to Kisoro with Baraka."
    new = "Yesterday Amina went to Kisoro with Barakah."
    amina, kisoro, baraka = _span(0, 5), _span(14, 20), _span(26, 32)
    dropped = remap(old, new, [amina, kisoro, baraka])
    assert new[amina.start : amina.end] == "Amina"
    assert new[kisoro.start : kisoro.end] == "Kisoro"
    assert dropped == [baraka]


def test_remap_handles_long_texts_quickly():
    old = ("word " * 40_000) + "Amina" + (" word" * 40_000)
    new = "New first line.\n" + old[:100_000] + "changed" + old[100_005:]
    amina = _span(200_000, 200_005)
    assert old[200_000:200_005] == "Amina"
    assert remap(old, new, [amina]) == []
    assert new[amina.start : amina.end] == "Amina"
