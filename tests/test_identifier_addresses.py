"""Identifier detection: the parts of postal addresses that are not numbers beside an English street
word. Streets named after their kind ("Rue des ...", "ul. ..."), street words of other languages
after the name ("... gate 14", "... u. 22"), the little words inside place names ("São José do Rio
Preto"), the town, region and empty fields below a street, "and" at a corner, ordinal streets and
ships' mail. The examples are made up; each class also has sentences that must stay quiet.
"""

from __future__ import annotations

import re

import pytest

from ingest.identifiers import detect

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)


def missed(text: str, words: str) -> list[str]:
    """The word tokens of ``words`` (found in ``text``) that no detected span overlaps."""
    at = text.index(words)
    spans = detect(text, "en")
    return [
        m.group()
        for m in re.finditer(r"\w+", words)
        if not any(s.start < at + m.end() and at + m.start() < s.end for s in spans)
    ]


FOUND = [
    # A street named after its kind, the kind first.
    ("Please post the forms to 1208 Rue des Peupliers, Lyon.", "1208 Rue des Peupliers"),
    ("She lives at ul. Kwiatowa 17 in Gdańsk.", "ul. Kwiatowa 17"),
    ("We stayed at 45 Avenida da Liberdade with her cousin.", "45 Avenida da Liberdade"),
    ("The letters went to 9 Avenue d'Italie, where she rented a room.", "Avenue d'Italie"),
    ("i moved to four two rua das flores last spring", "four two rua das flores"),
    # Street words of other languages, and English ones that are also everyday words, after the name.
    ("The parcel went to Solbakken gate 14 in Bergen.", "Solbakken gate 14"),
    ("His flat is at Petőfi u. 22 in Pécs.", "Petőfi u. 22"),
    ("They met at 310 Okafor Terrace after the funeral.", "310 Okafor Terrace"),
    # The little words inside place names.
    ("My mother was born in São José do Rio Preto.", "São José do Rio Preto"),
    ("Her family farmed near Villanueva de la Serena.", "Villanueva de la Serena"),
    ("He grew up in Lhota u Příbramě before the war.", "Lhota u Příbramě"),
    # The town, region and postcode lines below a street, and a field left empty in an export.
    ("Write to 88 Kettle Road\nOkotoks\n, AB\n Canada 40512 please.", "Okotoks\n, AB\n Canada 40512"),
    ("Address: 12 Vestergade 4    Aalborg    nan    9000", "Aalborg    nan    9000"),
    ("Return it to 5 Mlynska 230, Kolin nan", "Kolin nan"),
    ("Mail to 1200 Birchwood Drive\nOttawa\n, ON\n Canada 40110", "Ottawa\n, ON\n Canada 40110"),
    ("Our office: 40 Rua Alegre 12\nRecife\n, PE\n Brazil 50030", "Recife\n, PE"),  # not embolism
    # "and" between a name and the street of a corner.
    ("Bring the chair to Amani and ul. Lipowa 9 tomorrow.", "Amani and ul. Lipowa 9"),
    # A street named by an ordinal.
    ("We lived at 212 Third Avenue for years.", "212 Third Avenue"),
    ("we lived at two one two third avenue for years", "two one two third avenue"),
    # A house number, a street's name in everyday words and its kind, as a transcript prints them.
    ("we lived at four one maple crescent for ten years", "four one maple crescent"),
    ("send it to three nine cherry lane please", "three nine cherry lane"),
    # The second street of a corner, once the first was an address.
    ("meet me at the corner of one two ngong road and silver oak close", "and silver oak close"),
    # Military mail aboard a ship.
    ("Write to him aboard USNS Comfort, FPO AA 34055.", "USNS Comfort, FPO AA 34055"),
]


@pytest.mark.parametrize(("text", "words"), FOUND, ids=[w[:30] for _, w in FOUND])
def test_address_part_is_found(text, words):
    assert missed(text, words) == []


def test_a_street_named_first_is_one_address_span():
    text = "Please post the forms to 1208 Rue des Peupliers, Lyon."
    spans = detect(text, "en")
    street = next(s for s in spans if s.start <= text.index("Rue") < s.end)
    assert street.kind == "ADDRESS"
    assert text[street.start : street.end] == "1208 Rue des Peupliers"


QUIET = [
    "The second street on the left has a pharmacy.",
    "the second street on the left has a pharmacy",
    "We walked through the gate to the ward and sat in the square.",
    "At the corner of the ward and the corridor I waited for the nurse.",
    "Take the third road after the bridge and the clinic is there.",
    "The doctor said my cortisol was five mcg dl and my sodium was normal.",
    "the doctor said my cortisol was five mcg dl and my sodium was normal",
    "I sent the results via email and then I rested.",
    "Place the tablet under the tongue and wait.",
    "My son and I walked to the bus stop in the rain.",
    "i walked two blocks down the street to the clinic",
    "it was a five minute walk to the main road from our house",
    "at the corner of the market and the bus stop i fell down",
]


@pytest.mark.parametrize("text", QUIET)
def test_everyday_street_words_are_left_alone(text):
    spans = detect(text, "en")
    assert spans == [], [(text[s.start : s.end], s.rule) for s in spans]


def test_and_after_a_name_is_no_corner_without_a_street():
    text = "Amina and Wekesa went to the market at 10, then home."
    assert [text[s.start : s.end] for s in detect(text, "en")] == ["Amina", "Wekesa"]
