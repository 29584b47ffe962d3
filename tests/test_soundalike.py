"""Known identifiers found by sound in recognised words (ingest.soundalike): across word boundaries and
scripts, with the rule that found them, and not in ordinary words that merely share a few sounds.

The hearings below are made up for these tests in the ways recognisers mishear names (split, merged,
a letter or a syllable lost, another script); none is taken from the development data.
"""

from __future__ import annotations

import pytest

from ingest.soundalike import Heard, align, find, phones, script_of

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


def heard(*words: str) -> list[Heard]:
    """Words said one after the other, 0.3 s each with no pause."""
    return [Heard(w, 0.3 * i, 0.3 * i + 0.3) for i, w in enumerate(words)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("김민수", "kimminsu"),  # jamo: ㄱ ㅣ ㅁ / ㅁ ㅣ ㄴ / ㅅ ㅜ
        ("이영", "iyoN"),  # the silent initial ㅇ is nothing, the final one "N"
        ("꽃", "kot"),  # a tense initial is the plain one, a final ㅊ is said "t"
        ("Kim Minsu", "kiminsu"),  # Latin letters: doubled letters once
        ("Bhagat", "pakat"),  # aspiration and voicing folded
        ("Lee", "ri"),  # l and r are one sound; "ee" is i
    ],
)
def test_phones_of_each_script(word, expected):
    assert phones(word) == expected


@pytest.mark.parametrize(
    ("words", "value", "first", "last"),
    [
        (("어제", "이금민", "왔어요"), "김민수", 1, 1),  # a syllable lost, one changed
        (("제", "의", "임미", "속이", "다"), "김민수", 2, 3),  # split over two words
        (("then", "joe", "mo", "said"), "Jomo", 1, 2),  # split in Latin letters
        (("i", "met", "wanjeru", "there"), "Wanjiru", 2, 2),  # a near spelling
        (("mister", "park", "eun", "hee", "came"), "박은희", 1, 3),  # Hangul value, Latin hearing
        (("sabita", "joshi", "ne", "kaha"), "सविता जोशी", 0, 1),  # Devanagari value, Latin hearing
        (("jomokenyatta", "hospital"), "Jomo Kenyatta", 0, 0),  # merged into one word
        (("dr", "kenyata", "came"), "Jomo Kenyatta", 1, 1),  # a part of the value alone
    ],
    ids=["syllable-lost", "split-ko", "split-latin", "near-spelling", "cross-hangul", "cross-devanagari",
         "merged", "part-alone"],
)  # fmt: skip
def test_a_hearing_of_an_identifier_is_found_with_its_words(words, value, first, last):
    places = find(heard(*words), [value])
    assert len(places) == 1, places
    (place,) = places
    # The place holds the hearing, and at most one word more on either side (a sound of the name
    # may be heard in the word next to it: the recording is covered a little wider, never narrower).
    assert place.which == 0 and first - 1 <= place.first <= first and last <= place.last <= last + 1
    assert place.rule.startswith("sounds like it (") and value not in place.rule
    assert 0 <= place.cost < 0.3


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (("the", "hospital", "was", "far"), "Jomo"),
        (("we", "went", "to", "the", "market"), "Wanjiru Kamau"),
        (("어제", "딸과", "함께", "보건소에", "갔습니다"), "김민수"),
        (("물수건으로", "이마를", "닦아", "주었습니다"), "박은희"),
        (("아이가", "밤새", "열이", "났어요"), "이영자"),
        (("मैं", "अस्पताल", "गया"), "सविता जोशी"),
        (("kim",), "김민수"),  # a part too short to stand for the name
    ],
)
def test_ordinary_words_are_not_taken_for_an_identifier(words, value):
    assert find(heard(*words), [value]) == []


def test_a_known_false_alarm_costs_one_click():
    """Recall first: "약은 하루에" (yak-eun haru-e) sounds much like 박은희 (bak-eun-hui) to the key, so
    it is proposed, and the reviewer says "not said". Kept here so a change that drops it is seen."""
    (place,) = find(heard("약은", "하루에", "세", "번"), ["박은희"])
    assert (place.first, place.last) == (0, 1)


def test_a_long_pause_ends_a_run():
    """A name is not heard across a pause of over a second: its halves are two other things."""
    together = [Heard("임미", 0.0, 0.4), Heard("속이", 0.4, 0.8)]
    apart = [Heard("임미", 0.0, 0.4), Heard("속이", 2.0, 2.4)]
    assert find(together, ["김민수"])
    assert find(apart, ["김민수"]) == []


def test_each_identifier_is_reported_by_its_index_and_each_place_once():
    words = heard("joe", "mo", "and", "wanjeru", "and", "jomo")
    places = find(words, ["Jomo", "Wanjiru"])
    assert [(p.which, p.first, p.last) for p in places] == [(0, 0, 1), (1, 3, 3), (0, 5, 5)]
    assert [p.cost == 0 for p in places] == [False, False, True]
    assert places[-1].rule == "sounds like it (Latin letters, exactly)"


def test_alignment_is_semi_global():
    """The identifier whole, the stream from anywhere to anywhere; best first, none overlapping."""
    (a,) = align("kimminsu", "tiimmisokida", 2.0)
    assert (a.start, a.end) == (2, 8) and a.cost == pytest.approx(1.45)
    assert align("kimminsu", "pappappa", 2.0) == []


def test_script_is_named_for_the_reviewer():
    assert script_of("김민수") == "Hangul jamo"
    assert script_of("Jomo") == "Latin letters"
    assert script_of("सविता") == "transliteration"
