"""Detection never fails: valid, sorted, non-overlapping spans for any text, in any language.

Hypothesis writes the texts: arbitrary Unicode, and texts built from the recognisers' own word lists
(every language's number words, months, the words said for "@" and ".", every names profile's
titles, kinship words, place cues and endings, English titles, street and facility words), the
words the rules look at most, joined by the punctuation they look at. Speed is measured by
``make bench-redaction`` (``--scaling``), not here.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.identifiers import detect, detect_report
from ingest.identifiers.english import words as english_words
from ingest.identifiers.languages import words_for
from ingest.identifiers.profiles import PROFILES

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

LANGUAGES = ["en", "sw", "fr", "es", "pt", "hi", "ne", "ko"]
CODES = [*LANGUAGES, "zz", "", "EN-gb", "sw_KE", "x", "yo", "am", "123", "english"]
KINDS = {"NAME", "LOCATION", "ADDRESS", "DATE", "PHONE", "EMAIL", "ID", "URL", "IP", "AGE", "OTHER"}


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for code in LANGUAGES:
        w = words_for(code)
        words |= set(w.values) | set(w.multipliers) | set(w.prefix_multipliers) | set(w.ordinals)
        words |= set(w.months) | w.joiners | w.date_words | w.dot | w.slash | w.plus | w.tlds | w.dot_tlds
        words |= w.letters | w.number_cues | w.age_words | w.address_words | w.house_words
        words |= set(w.suffixes) | set(w.street_suffixes) | {word for phrase in w.at for word in phrase}
    for profile in PROFILES.values():  # the names recognisers' cue words, titles, endings
        for value in vars(profile).values():
            if isinstance(value, frozenset | tuple):
                for item in value:
                    words |= (
                        set(item) if isinstance(item, tuple) else {item} if isinstance(item, str) else set()
                    )
    for name in dir(english_words):
        value = getattr(english_words, name)
        if name.isupper() and isinstance(value, set | frozenset | dict):
            words |= {word for word in value if isinstance(word, str)}
    words |= {"o", "and", "oh", "the", "of", "Dr", "Mrs", "St", "P", "O", "Box", "I", "a"}
    return sorted(words)


VOCABULARY = _vocabulary()
GLUE = [" ", " ", " ", ", ", ". ", "-", "/", "\n", "@", "+", "'s ", ": ", " (", ") ", "#", ".", "  "]
pieces = st.one_of(
    st.sampled_from(VOCABULARY),
    st.sampled_from(VOCABULARY).map(str.upper),
    st.sampled_from(VOCABULARY).map(str.title),
    st.from_regex(r"[0-9]{1,6}", fullmatch=True),
    st.from_regex(r"[०-९]{1,4}", fullmatch=True),
    st.from_regex(r"[A-Z]{1,3}[0-9]{1,5}", fullmatch=True),
    st.sampled_from(["Wanjiru", "Kamau", "박지영", "सुनीता", "Ana", "gmail", "com", "www", "http"]),
)
word_texts = st.lists(st.tuples(pieces, st.sampled_from(GLUE)), max_size=60).map(
    lambda parts: "".join(word + glue for word, glue in parts)
)
known_values = st.lists(
    st.tuples(
        st.sampled_from(["speaker", "relative", "village", "clinic", "other", "", "?"]),
        st.one_of(st.text(max_size=20), st.sampled_from(VOCABULARY)),
    ),
    max_size=4,
)
# No database folder in the project, and no timing: speed is the benchmark's to measure.
PROPERTY = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def assert_valid(text: str, spans) -> None:
    previous_end = 0
    for span in spans:
        assert 0 <= previous_end <= span.start < span.end <= len(text), (span, len(text))
        assert span.kind in KINDS
        previous_end = span.end


@PROPERTY
@given(text=st.text(max_size=400), language=st.sampled_from(CODES))
def test_any_text_in_any_language_gives_valid_spans(text, language):
    assert_valid(text, detect(text, language))


@PROPERTY
@given(text=word_texts, language=st.sampled_from(CODES), known=known_values)
def test_texts_made_of_the_recognisers_own_words_give_valid_spans(text, language, known):
    assert_valid(text, detect(text, language, known))
    assert_valid(text.lower(), detect(text.lower(), language, known))


@PROPERTY
@given(
    text=st.text(
        alphabet=st.characters(categories=["Lu", "Ll", "Lo", "Mn", "Mc", "Nd", "Zs", "Po"]), max_size=300
    ),
    language=st.sampled_from(LANGUAGES),
)
def test_letters_marks_and_digits_of_every_script_give_valid_spans(text, language):
    assert_valid(text, detect(text, language))


@pytest.mark.parametrize(
    "text",
    [
        "the nurse said o and o again",
        "o and o and o and o",
        "and and two and and",
        "two and o and and o o",
        "O AND O",
    ],
)
def test_o_and_and_are_read_without_end(text):
    """'o' and 'and' are number words only beside number words; asking a neighbour never loops."""
    assert_valid(text, detect(text, "en"))
    assert not [s for s in detect(text, "en") if s.kind in ("PHONE", "ID")]


@pytest.mark.parametrize("language", ["en", "sw", "ko", "hi"])
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" \n\t ", id="white-space"),
        pytest.param("!?.,;:—«»…" * 30, id="punctuation-only"),
        pytest.param("and then the nurse came back again " * 6_000, id="200000-characters-no-full-stop"),
        pytest.param("x" * 200_000, id="one-word-of-200000-letters"),
        pytest.param("0" * 5_000 + " " + "7-" * 5_000, id="digits-without-end"),
    ],
)
def test_edge_texts_finish_with_valid_spans(text, language):
    assert_valid(text, detect(text, language))


def test_the_reviewer_is_told_which_recognisers_ran():
    swahili = detect_report("Simu yangu ni 0722 481 396.", "sw")
    assert any("digits" in name for name in swahili.recognisers)
    assert any("in words" in name for name in swahili.recognisers)
    other = detect_report("Ní orúkọ mi ni Adébáyọ̀.", "yo")
    assert not other.own_recognisers
    assert any("capital" in name for name in other.recognisers)
    assert detect_report("My name is Amina.", "en").own_recognisers
