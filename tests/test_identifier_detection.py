"""Identifier detection: each kind written and spoken, known identifiers as a recogniser hears them,
and the everyday and medical words that must not be proposed.

These run the real recognisers over the real word lists (built once per machine from the packages,
then cached; see ingest/identifiers/lexicon.py).
"""

from __future__ import annotations

import re

import pytest

from ingest.identifiers import detect

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


def covered(text: str, words: str, spans) -> bool:
    """Whether every word of ``words`` (found in ``text``) lies inside some detected span."""
    at = text.index(words)
    for m in re.finditer(r"\w+", words):
        start, end = at + m.start(), at + m.end()
        if not any(s.start < end and start < s.end for s in spans):
            return False
    return True


def kind_of(text: str, words: str, spans) -> str | None:
    at = text.index(words)
    for s in spans:
        if s.start < at + len(words) and at < s.end:
            return s.kind
    return None


FOUND = [
    # (text, the identifying words, kind)
    # NAME
    ("Yesterday Wanjiru Kamau came to the clinic with her son.", "Wanjiru Kamau", "NAME"),
    ("yesterday wanjiru kamau came to the clinic with her son", "wanjiru kamau", "NAME"),
    ("My name is Grace and I have had diabetes for ten years.", "Grace", "NAME"),
    ("my name is grace and i have had diabetes for ten years", "grace", "NAME"),
    ("I was seen by Dr. Okonkwo on the ward.", "Dr. Okonkwo", "NAME"),
    ("i was seen by doctor okonkwo on the ward", "doctor okonkwo", "NAME"),
    ("Priya Raghunathan drove me to the hospital.", "Priya Raghunathan", "NAME"),
    ("then chukwuemeka my brother carried me", "chukwuemeka", "NAME"),
    ("The nurse, Mary J., held my hand.", "Mary J.", "NAME"),
    # A title's or an initial's full stop ends no sentence: the capital after it is a surname's,
    # even one that is an everyday word.
    ("Then Mrs. Weeks took my blood.", "Mrs. Weeks", "NAME"),
    ("My surgeon, Halima W. Mills, explained the scan.", "Halima W. Mills", "NAME"),
    ("I was referred to Dr. K. Fox in the spring.", "Dr. K. Fox", "NAME"),
    # A sentence's first word is a name all the same when no dictionary spells it in lower case,
    # or when "and" joins it to a name.
    ("Garrett, can you pass me the water?", "Garrett", "NAME"),
    ("Meredith sat with me all night.", "Meredith", "NAME"),
    ("Park and Nyambura were the nurses on duty.", "Park", "NAME"),
    # LOCATION
    ("We walked from Kisumu to Kakamega for the operation.", "Kisumu", "LOCATION"),
    ("we walked from kisumu to kakamega for the operation", "kakamega", "LOCATION"),
    ("They took me to Kenyatta National Hospital at night.", "Kenyatta National Hospital", "LOCATION"),
    ("they took me to kenyatta national hospital at night", "kenyatta national hospital", "LOCATION"),
    ("my sister lives in new york now", "new york", "LOCATION"),
    ("I grew up in Dhaka before we moved.", "Dhaka", "LOCATION"),
    # Organisations named by their kind, written with capitals; a saint's hospital or church.
    ("She worked for Tindall Software until her stroke.", "Tindall Software", "LOCATION"),
    ("My brother drives for Mwangi and Sons in Thika.", "Mwangi and Sons", "LOCATION"),
    ("The transfusion was done at St. Brigid's on Friday.", "St. Brigid's", "LOCATION"),
    ("They sent me to our Eldoret facility for the scan.", "Eldoret facility", "LOCATION"),
    # ADDRESS
    ("Send it to 14 Moi Avenue, Apt 3, please.", "14 Moi Avenue, Apt 3", "ADDRESS"),
    ("send it to one four moi avenue apt three please", "one four moi avenue apt three", "ADDRESS"),
    # DATE
    ("It started on 4 March 2019, after the rains.", "4 March 2019", "DATE"),
    (
        "it started on the fourth of march two thousand nineteen after the rains",
        "fourth of march two thousand nineteen",
        "DATE",
    ),
    ("I was born in nineteen fifty two in the village", "nineteen fifty two", "DATE"),
    ("I was admitted on 12/05/2021 with a fever.", "12/05/2021", "DATE"),
    ("the surgery was on monday", "monday", "DATE"),
    # PHONE
    ("Call me on +254 722 456 789 if you need me.", "+254 722 456 789", "PHONE"),
    (
        "my number is zero seven two two four five six seven eight nine",
        "zero seven two two four five six seven eight nine",
        "PHONE",
    ),
    # EMAIL
    ("Write to abdi.warsame@gmail.com about it.", "abdi.warsame@gmail.com", "EMAIL"),
    ("write to abdi dot warsame at gmail dot com about it", "abdi dot warsame at gmail dot com", "EMAIL"),
    # ID
    ("My hospital number is MRN 4471902 and my NHIF card 99812345.", "4471902", "ID"),
    ("my record number is k four four seven one nine zero two", "k four four seven one nine zero two", "ID"),
    # URL
    (
        "The group is at https://example.org/support-group for anyone.",
        "https://example.org/support-group",
        "URL",
    ),
    ("look at www dot mothers support dot org for help", "www dot mothers support dot org", "URL"),
    # IP
    ("The tablet logged in from 192.168.1.23 that day.", "192.168.1.23", "IP"),
    # AGE (90 and over only)
    ("My grandmother is a 94-year-old woman who still farms.", "94", "AGE"),
    ("she is ninety four years old and still farms", "ninety four", "AGE"),
]


@pytest.mark.parametrize(("text", "words", "kind"), FOUND, ids=[f"{k}:{w[:30]}" for _, w, k in FOUND])
def test_identifier_is_found(text, words, kind):
    spans = detect(text, "en")
    assert covered(text, words, spans), [(text[s.start : s.end], s.kind, s.rule) for s in spans]
    assert kind_of(text, words, spans) == kind


QUIET = [
    # Everyday words that are also names, medicine, eponyms, ages under 90, amounts.
    "I hope my faith will carry me, and by God's grace I may walk again.",
    "i hope my faith will carry me and by god's grace i may walk again",
    "She has Parkinson's disease and her son has Down syndrome.",
    "she has parkinson's disease and her son has down syndrome",
    "The doctor gave me metformin and atorvastatin for my diabetes and cholesterol.",
    "the doctor gave me metformin and atorvastatin for my diabetes and cholesterol",
    "I am a 56-year-old mother of three and I take 500 mg twice a day.",
    "i am fifty six years old and i take two tablets three times a day",
    "The nurse listened to me and explained the test results slowly.",
    "when the pain came back i was afraid but the nurses were kind",
    "My blood pressure was high and they gave me an injection of insulin.",
    "We waited for the doctor. Then we went home and my sister. Rested too.",
    "Terrified, I called my sister. Paperwork took weeks. Earlier that day I had slept.",
    "Faith and love kept me going. Hope and patience, the nurse said.",
    "My health insurance paid for the software and the research.",
    "The facility was clean and the agency sent a nurse with her sons.",
]


@pytest.mark.parametrize("text", QUIET)
def test_everyday_and_medical_words_are_left_alone(text):
    spans = detect(text, "en")
    assert spans == [], [(text[s.start : s.end], s.rule) for s in spans]


def test_age_under_ninety_is_not_an_identifier():
    text = "She is eighty nine years old."
    assert detect(text, "en") == []


KNOWN = [("speaker", "Jomo Kenyatta"), ("relative", "Wanjiru Muthoni"), ("village", "Gatundu")]


@pytest.mark.parametrize(
    ("text", "heard"),
    [
        ("jomo kenyatta told me", "jomo kenyatta"),
        ("then joe mo went home", "joe mo"),  # one name heard as two words
        ("jomo's wife came", "jomo"),  # possessive
        ("jomokenyatta was there", "jomokenyatta"),  # two words heard as one
        ("wanjeru muthoni cooked", "wanjeru muthoni"),  # near spelling
        ("later muthoni came back", "muthoni"),  # a part alone
        ("we went to gatundo market", "gatundo"),  # the village, near spelling
    ],
)
def test_known_identifiers_and_their_variants_are_found(text, heard):
    spans = detect(text, "en", KNOWN)
    assert covered(text, heard, spans)
    assert any(s.source == "known" for s in spans if s.start <= text.index(heard) < s.end)


def test_known_identifier_first_name_alone_after_full_name():
    text = "Jomo Kenyatta is my father. Jomo worked on the farm."
    spans = detect(text, "en", [("speaker", "Jomo Kenyatta")])
    second = text.index("Jomo worked")
    assert any(s.start == second and s.source == "known" for s in spans)


def test_an_everyday_word_near_a_known_name_is_not_taken_for_it():
    text = "you may go now"
    assert detect(text, "en", [("relative", "Mary Atieno")]) == []


def test_known_identifiers_are_found_in_any_language():
    text = "저는 김민준 입니다"
    spans = detect(text, "ko", [("speaker", "김민준")])
    assert [text[s.start : s.end] for s in spans] == ["김민준"]


def test_spans_are_sorted_and_never_overlap():
    text = "Dr. Wanjiru Kamau at Kenyatta National Hospital, 0722 456 789, wanjiru@example.org, 4 March 2019."
    spans = detect(text, "en", [("relative", "Wanjiru Kamau")])
    assert spans
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
