"""Carrying word timings through a reviewer's corrections (ingest/transcript_edit.py), case by case,
then as properties over many random transcripts and edits."""

from __future__ import annotations

import random
import unicodedata

import pytest

from ingest import transcript_edit
from ingest.transcript_edit import (
    EDITED,
    Shown,
    TimedWord,
    from_rows,
    is_typed,
    realign,
    shown,
    to_rows,
    tokens,
    typed_words,
)

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

# A recording of 6 s: five words heard, with pauses between most of them; "came" and "home" touch.
HEARD = [
    TimedWord("we", 0.5, 0.8, 0.9),
    TimedWord("walked", 0.9, 1.4, 0.42),
    TimedWord("to", 1.5, 1.6, 1.0),
    TimedWord("came", 2.0, 2.5, 0.7),
    TimedWord("home", 2.5, 3.1, 0.55),
]
DURATION = 6.0


def edit(text: str, old=HEARD, duration=DURATION) -> list[TimedWord]:
    return realign(old, tokens(text), duration)


def person(word: str, start, end) -> TimedWord:
    return TimedWord(word, start, end, 1.0, True)


def test_unchanged_text_keeps_every_word_as_heard():
    assert edit("we walked to came home") == HEARD


def test_spacing_and_line_breaks_are_not_words():
    assert edit("  we walked\n\nto came\thome ") == HEARD


def test_a_substituted_word_keeps_its_time_span_and_is_marked_checked():
    got = edit("we walked to clinic home")
    assert got[3] == person("clinic", 2.0, 2.5)
    assert got[:3] + got[4:] == HEARD[:3] + HEARD[4:]


def test_several_words_replaced_one_for_one_keep_a_span_each():
    got = edit("we talked so came home")
    assert got[1:3] == [person("talked", 0.9, 1.4), person("so", 1.5, 1.6)]


def test_a_split_word_shares_the_old_span_by_length():
    old = [TimedWord("bloodpressure", 1.0, 2.0, 0.3)]
    # "blood" is 5 of 13 characters: 1.0 + 5/13 s = 1.385 (rounded to the millisecond).
    assert edit("blood pressure", old, 3.0) == [person("blood", 1.0, 1.385), person("pressure", 1.385, 2.0)]


def test_merged_words_take_the_whole_span_of_the_old_ones_pause_included():
    got = edit("we walked to homecoming")
    assert got[3] == person("homecoming", 2.0, 3.1)
    got = edit("we walkedto came home")  # across the pause between "walked" and "to"
    assert got[1] == person("walkedto", 0.9, 1.6)


def test_two_words_replaced_by_three_share_the_span_by_length():
    got = edit("we walked to the clinic again")  # "came home" (2.0..3.1) -> the clinic again
    assert got[3:] == [
        person("the", 2.0, 2.236),  # 3 of 14 characters of 1.1 s
        person("clinic", 2.236, 2.707),
        person("again", 2.707, 3.1),
    ]


def test_a_word_inserted_at_the_start_takes_the_silence_before_the_first_word():
    assert edit("so we walked to came home")[0] == person("so", 0.0, 0.5)


def test_words_inserted_in_a_pause_share_it():
    got = edit("we walked slowly to came home")  # the pause 1.4..1.5
    assert got[2] == person("slowly", 1.4, 1.5)
    got = edit("we walked to the clinic and came home")  # pause 1.6..2.0, 3+6+3 = 12 characters
    assert got[3:6] == [person("the", 1.6, 1.7), person("clinic", 1.7, 1.9), person("and", 1.9, 2.0)]


def test_a_word_inserted_where_neighbours_touch_gets_no_time_rather_than_theirs():
    got = edit("we walked to came back home")
    assert got[3] == HEARD[3] and got[5] == HEARD[4]
    assert got[4] == person("back", 2.5, 2.5)


def test_words_inserted_at_the_end_take_the_rest_of_the_recording():
    got = edit("we walked to came home at last")
    assert got[5:] == [person("at", 3.1, 4.067), person("last", 4.067, 6.0)]


def test_a_deleted_word_is_dropped_and_the_others_keep_their_timing():
    assert edit("we walked came home") == [HEARD[0], HEARD[1], HEARD[3], HEARD[4]]
    assert edit("walked to came home") == HEARD[1:]
    assert edit("we walked to came") == HEARD[:4]


def test_deleting_every_word_leaves_an_empty_transcript():
    assert edit("") == []
    assert edit(" \n ") == []


def test_a_rewritten_transcript_is_spread_over_what_was_heard():
    got = edit("completely different words now")
    assert [w.word for w in got] == ["completely", "different", "words", "now"]
    assert got[0].start == 0.5 and got[-1].end == 3.1
    assert all(w.edited and w.conf == 1.0 for w in got)


def test_a_transcript_of_silence_gets_words_over_the_whole_recording():
    got = realign([], ["hello", "there"], 4.0)
    assert got == [person("hello", 0.0, 2.0), person("there", 2.0, 4.0)]


KOREAN = [
    TimedWord("어딨", 0.0, 0.24, 0.496),
    TimedWord("다", 0.27, 0.45, 1.0),
    TimedWord("보건소", 0.54, 1.02, 0.542),
    TimedWord("갔습니다", 1.32, 1.8, 0.934),
]


def test_korean_words_are_matched_substituted_and_split():
    got = edit("어제 다 보건 소에 갔습니다", KOREAN, 2.0)
    assert got[0] == person("어제", 0.0, 0.24)
    assert got[1] == KOREAN[1] and got[4] == KOREAN[3]
    assert got[2:4] == [person("보건", 0.54, 0.78), person("소에", 0.78, 1.02)]  # 2 + 2 syllables


def test_decomposed_hangul_from_a_browser_is_the_same_word():
    decomposed = unicodedata.normalize("NFD", "어딨 다 보건소 갔습니다")
    got = edit(decomposed, KOREAN, 2.0)
    assert [(w.start, w.end, w.conf, w.edited) for w in got] == [
        (w.start, w.end, w.conf, w.edited) for w in KOREAN
    ]
    assert [w.word for w in got] == tokens(decomposed)  # the text is kept as the reviewer sent it


@pytest.mark.parametrize(
    "text, index, word",
    [
        ("어딨 다 보건소 갔습니다.", 3, "갔습니다."),
        ("어딨, 다 보건소 갔습니다", 0, "어딨,"),
        ("We walked to came home", 0, "We"),
        ("we walked to came home!", 4, "home!"),
        ("we (walked) to came home", 1, "(walked)"),
    ],
    ids=["full-stop", "comma", "capital", "exclamation", "brackets"],
)
def test_punctuation_or_letter_case_alone_keeps_timing_and_confidence(text, index, word):
    old = KOREAN if "어딨" in text else HEARD
    got = edit(text, old, 2.0 if old is KOREAN else DURATION)
    assert got[index] == TimedWord(word, old[index].start, old[index].end, old[index].conf)
    assert not got[index].edited, "a full stop does not check a word the recogniser was unsure of"


def test_a_dash_on_its_own_is_an_inserted_word():
    got = edit("we walked — to came home")
    assert got[2] == person("—", 1.4, 1.5)


def test_a_word_checked_once_stays_checked_through_later_edits():
    once = edit("we talked to came home")
    twice = realign(once, tokens("so we talked to came home"), DURATION)
    assert twice[2] == person("talked", 0.9, 1.4)


def test_a_typed_transcript_stays_without_timings_through_edits():
    typed = typed_words("Jina langu ni Amani")
    assert is_typed(typed) and not is_typed(HEARD) and not is_typed([])
    got = realign(typed, tokens("Sasa jina langu ni Amani Juma"), 12.0)
    assert [w.word for w in got] == ["Sasa", "jina", "langu", "ni", "Amani", "Juma"]
    assert all(w.start is None and w.end is None and w.conf == 1.0 and w.edited for w in got)


def test_timings_a_hair_past_the_end_of_the_recording_are_clamped():
    old = [TimedWord("end", 1.0, 2.004, 0.9)]
    assert edit("end", old, 2.0) == [TimedWord("end", 1.0, 2.0, 0.9)]


def test_a_long_rewritten_middle_is_taken_as_one_replacement(monkeypatch):
    monkeypatch.setattr(transcript_edit, "_DIFF_CELLS", 4)
    got = edit("we a b c home")  # 3 x 3 changed words: more cells than allowed
    assert got[0] == HEARD[0] and got[-1] == HEARD[4]
    assert got[1].start == 0.9 and got[3].end == 2.5 and all(w.edited for w in got[1:4])


# -- stored form ----------------------------------------------------------------------------------
def test_stored_rows_keep_the_recognisers_four_fields_and_mark_checked_words():
    words = edit("we talked to came home")
    rows = to_rows(words)
    assert rows[0] == ["we", 0.5, 0.8, 0.9]
    assert rows[1] == ["talked", 0.9, 1.4, 1.0, EDITED]
    assert from_rows(rows) == words
    assert from_rows([["heard", 1, 2, 0.5]]) == [TimedWord("heard", 1.0, 2.0, 0.5)]
    assert to_rows(typed_words("one")) == [["one", None, None, 1.0, EDITED]]


# -- how the review page shows it -----------------------------------------------------------------
def test_shown_keeps_line_breaks_and_marks_only_unchecked_unsure_words():
    words = edit("we walked to came home")
    words[3] = person("came", 2.0, 2.5)  # checked by a person: never unsure again
    parts = shown("we walked\n\nto came home", words, 0.6)
    assert "".join(p.text for p in parts) == "we walked\n\nto came home"
    assert [p.text for p in parts if p.unsure] == ["walked", "home"]
    assert Shown("\n\n") in parts
    assert [p.text for p in shown("we walked to came home", words, 0.4) if p.unsure] == []


def test_shown_falls_back_to_the_transcripts_words_when_the_text_disagrees():
    parts = shown("something else entirely", HEARD, 0.6)
    assert "".join(p.text for p in parts) == "we walked to came home"
    assert [p.word for p in parts if p.word] == HEARD


# -- properties over random transcripts and edits -------------------------------------------------
SYLLABLES = "가나다라마바사아자차카타파하어제딸과함께보건소에갔습니다"


def random_transcript(rng: random.Random) -> tuple[list[TimedWord], float]:
    """Up to 40 distinct words with ordered, non-overlapping timings (some touching), and a duration."""
    t, words = rng.uniform(0, 1), []
    for i in range(rng.randint(0, 40)):
        start = round(t + rng.choice([0, 0, rng.uniform(0, 0.8)]), 3)
        end = round(start + rng.uniform(0.05, 0.6), 3)
        text = rng.choice([f"w{i}", "".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) + str(i)])
        words.append(TimedWord(text, start, end, round(rng.random(), 3)))
        t = end
    return words, round(t + rng.uniform(0, 2), 3)


def random_edit(rng: random.Random, old: list[str]) -> tuple[list[str], set[str]]:
    """Edit a word list at random; return the new list and the old words left untouched."""
    new = list(old)
    for _ in range(rng.randint(0, 6)):
        action = rng.choice(["replace", "insert", "delete", "split", "merge", "punctuate"])
        at = rng.randint(0, len(new))
        if action == "insert" or not new:
            new[at:at] = [f"new{rng.randint(0, 999)}" for _ in range(rng.randint(1, 3))]
            continue
        at = min(at, len(new) - 1)
        if action == "replace":
            new[at] = f"fixed{rng.randint(0, 999)}"
        elif action == "delete":
            del new[at : at + rng.randint(1, 3)]
        elif action == "split":
            new[at : at + 1] = [new[at][:1] + "x", new[at][1:] + "y"]
        elif action == "merge":
            new[at : at + 2] = ["".join(new[at : at + 2]) + "z"]
        else:
            new[at] = new[at] + rng.choice([".", ",", "?", "…"])
    return new, set(new) & set(old)


@pytest.mark.parametrize("seed", range(300))
def test_timings_stay_ordered_inside_the_recording_and_untouched_words_keep_theirs(seed):
    rng = random.Random(seed)
    old, duration = random_transcript(rng)
    new_tokens, untouched = random_edit(rng, [w.word for w in old])
    got = realign(old, new_tokens, duration)

    assert [w.word for w in got] == new_tokens
    for w in got:
        assert w.timed and 0.0 <= w.start <= w.end <= duration, w
        assert (w.conf == 1.0 and w.edited) or w in old or w.word.rstrip(".,?…") in {o.word for o in old}
    for a, b in zip(got, got[1:], strict=False):
        assert a.end <= b.start, (a, b)
    by_word = {w.word: w for w in old}
    for w in got:
        if w.word in untouched:
            assert w == by_word[w.word], "a word the reviewer did not touch keeps timing and confidence"
