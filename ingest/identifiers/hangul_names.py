"""Korean names written in two words: the family name apart from the given name ("최 영민 선생님",
"이름은 윤 성호입니다").

The reading of :mod:`.names_places` finds a Korean name as one word: a family name of the closed
list fused to one or two given-name syllables. People and speech recognisers also write the family
name as a word of its own. A family name by itself is most often an everyday word too ("이" this,
"정" affection, "한" one), so the pair is taken only where the second word is a name already, or has
a given name's shape and a cue says a person is named: a phrase before ("제 이름은"), or a title
after ("씨", "님", "간호사"), or the word is too rare to be an everyday noun.

The pass takes the reading (:class:`.names_places._Reading`) and marks its words.
"""

from __future__ import annotations

from typing import Any

GIVEN_ZIPF = 4.5  # a two-syllable word more frequent than this is an everyday word ("정도", "이상")
# Last syllables of verbs as said ("자고", "가면", "했어요"); 지 and 은 end given names too.
VERB_ENDS = frozenset("고다요서면며게데니까죠해")
# Rarer than this, a word of a given name's shape right after a family name is a given name with no
# cue ("김 민수가 왔어요"): the everyday nouns that follow "이" (this) or "한" (one) are more frequent.
UNCUED_ZIPF = 3.8


def korean_names_apart(reading: Any) -> None:
    """Mark a family name written apart together with the given name after it."""
    r, p, w, kind = reading.r, reading.p, reading.w, reading.kind
    for i in range(len(w) - 1):
        first, second = w[i], w[i + 1]
        if first.ending or first.stem not in p.surnames or not reading.close(i, i + 1):
            continue
        given = second.stem
        if given[-1:] in VERB_ENDS:
            continue  # "안 자고": a verb after a word that is also a family name
        if kind[i + 1] == "NAME":
            if len(given) == 2 and r.words.zipf(given) < GIVEN_ZIPF:
                reading.kind[i], reading.rule[i] = "NAME", "family name written apart"
            continue
        if kind[i + 1] is not None or len(given) != 2 or not all(s in p.given_syllables for s in given):
            continue
        if r.words.zipf(given) >= GIVEN_ZIPF:
            continue
        rare = r.words.zipf(given) < UNCUED_ZIPF
        cued = rare or reading.name_cue(i) or reading.name_cue(i + 1, strong=True)
        if cued:
            reading.kind[i], reading.rule[i] = "NAME", "family name written apart"
            reading.kind[i + 1], reading.rule[i + 1] = "NAME", "given name after a family name"
