"""The search index against a brute-force reference: ranking, totals, facet counts, newest-first lists
and snippets, on a seeded generated corpus in a real Whoosh index.

``SearchIndex.query`` counts with cached document sets and ranks with its own collector settings; the
reference here scores every document with Whoosh's plain matchers and counts by reading every stored
document, so a shortcut that loses a hit or miscounts a facet fails here.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import Schema

from archive.search import IndexedStory
from archive.search.whoosh_index import COUNTS_OF, PAIRS_OF, SCHEMA, SearchIndex, snippet
from archive.search.whoosh_index.index import HEARD

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

WORDS = (
    "cough fever malaria clinic nurse mother water walk night pain medicine explain waited doctor "
    "child breath heart village road money bus market tea rain fear hope sleep test result"
).split()
TAGS = ["tb", "maternal", "malaria", "cost", "waiting", "dignity"]
WARNINGS = ["death", "suicide", "violence"]
LANGS = ["en", "sw", "hi"]
QUERIES = [
    "malaria",
    "nurse AND NOT clinic",
    "(cough fever) OR (rain AND NOT tea)",
    "explain",
    "malaria explain",
    "nurse waited",
    "cough OR fever",
    "clinic NOT money",
    '"mother walk"',
    "(rain OR tea) doctor",
    "medicine^3 pain",
    # Phrases: two words (one pair), three and four (pairs, then positions), a word repeated, stop words
    # and punctuation in the query, a phrase under NOT and next to other words.
    '"cough fever"',
    '"cough fever malaria"',
    '"malaria fever cough nurse"',
    '"cough cough"',
    '"cough cough cough"',
    '"the cough, and fever"',
    'nurse NOT "cough fever"',
    '"fever malaria" nurse',
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[SearchIndex, list[IndexedStory]]:
    rng = random.Random(868)
    warning_rng = random.Random(869)  # its own, so the rest of the corpus stays as it was
    base = datetime(2026, 1, 1)
    docs = []
    for n in range(600):
        title = " ".join(rng.choices(WORDS, k=rng.randint(2, 5)))
        body = " ".join(rng.choices(WORDS, weights=range(len(WORDS), 0, -1), k=rng.randint(20, 160)))
        docs.append(
            IndexedStory(
                id=f"story{n:04d}",
                title=title,
                body=body,
                tags=rng.sample(TAGS, rng.randint(0, 3)),
                warnings=warning_rng.sample(WARNINGS, warning_rng.choice((0, 0, 0, 1, 2))),
                language=rng.choice(LANGS),
                # Some share a date, so ties must break the same way every time.
                published=base + timedelta(days=rng.randint(0, 300)),
            )
        )
    index = SearchIndex(tmp_path_factory.mktemp("ranking") / "index")
    index.rebuild(docs[:400])
    index.add_many(docs[400:500])
    index.remove_many([d.id for d in docs[::37]])  # deletions, with the segments rewritten
    # More segments, and deletions left in place (as Whoosh leaves them when nothing merges), so
    # document numbers span readers and deleted documents sit inside posting lists.
    for part in (docs[500:550], docs[550:]):
        writer = index._writer()
        for doc in part:
            writer.add_document(**index._fields(doc))
        writer.commit(merge=False)
    writer = index._writer()
    for doc in docs[1::41]:
        writer.delete_by_term("id", doc.id)
    writer.commit(merge=False)
    assert len(index._index()._segments()) >= 3
    gone = {d.id for d in docs[::37]} | {d.id for d in docs[1::41]}
    yield index, [d for d in docs if d.id not in gone]
    index.close()


def reference(
    index: SearchIndex, text: str, tags=(), language=None, exclude=(), without=()
) -> tuple[list[str], dict]:
    """Every live document scored by Whoosh's plain matchers; totals and facets by reading them all."""
    searcher = index._searcher()
    allowed = {}
    warned = {}
    heard = {}
    for docnum in searcher.reader().all_doc_ids():
        stored = searcher.stored_fields(docnum)
        doc_tags = [t for t in stored["tags"].split(",") if t]
        doc_warnings = [w for w in stored["warnings"].split(",") if w]
        if all(t in doc_tags for t in tags) and (not language or stored["language"] == language):
            if stored["id"] not in exclude and not set(doc_warnings) & set(without):
                allowed[docnum] = (stored["id"], doc_tags, stored["language"], stored.get("published"))
                heard[docnum] = stored.get("heard") == HEARD
                warned[docnum] = doc_warnings
    if text:
        matcher = index.parse(text).matcher(searcher)
        scores = {}
        while matcher.is_active():
            if matcher.id() in allowed:
                scores[matcher.id()] = matcher.score()
            matcher.next()
        order = sorted(scores, key=lambda d: (-scores[d], d))
    else:
        order = sorted(allowed, key=lambda d: (-allowed[d][3].timestamp(), d))
    tag_counts: dict[str, int] = {}
    lang_counts: dict[str, int] = {}
    warning_counts: dict[str, int] = {}
    for docnum in order:
        _id, doc_tags, lang, _published = allowed[docnum]
        for t in doc_tags:
            tag_counts[t] = tag_counts.get(t, 0) + 1
        for w in warned[docnum]:
            warning_counts[w] = warning_counts.get(w, 0) + 1
        lang_counts[lang] = lang_counts.get(lang, 0) + 1

    def ranked(counts):
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    heard_count = sum(heard[docnum] for docnum in order)
    facets = {
        "tags": ranked(tag_counts),
        "language": ranked(lang_counts),
        "warnings": ranked(warning_counts),
        "heard": [(HEARD, heard_count)] if heard_count else [],
    }
    return [allowed[d][0] for d in order], facets


@pytest.mark.parametrize("text", ["", *QUERIES])
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"tags": ("tb",)},
        {"tags": ("tb", "cost")},
        {"language": "sw"},
        {"exclude": ("story0001", "story0002")},
        {"without": ("suicide",)},
        {"without": ("death", "violence"), "tags": ("tb",)},
    ],
    ids=["all", "one-tag", "two-tags", "language", "masked", "without-a-warning", "without-two-and-a-tag"],
)
def test_pages_totals_and_facets_match_the_reference(corpus, text, filters):
    index, _docs = corpus
    exclude = filters.get("exclude", ())
    without = filters.get("without", ())
    expected_ids, expected_facets = reference(
        index, text, filters.get("tags", ()), filters.get("language"), exclude, without
    )
    _, unfiltered = reference(index, text, filters.get("tags", ()), filters.get("language"), exclude)
    assert expected_ids or text, "the corpus should give every filter something to list"
    for page in (1, 2, 3):
        result = index.query(
            text,
            tags=filters.get("tags", ()),
            language=filters.get("language"),
            page=page,
            per_page=10,
            exclude_ids=exclude,
            without_warnings=without,
        )
        assert result.total == len(expected_ids)
        assert [h.id for h in result.hits] == expected_ids[(page - 1) * 10 : page * 10], f"page {page}"
        assert result.facets == expected_facets
        assert result.left_out == sum(n for _, n in unfiltered["language"]) - len(expected_ids)


def test_body_counts_hold_the_same_documents_and_weights_as_body(corpus):
    index, _docs = corpus
    reader = index._searcher().reader()
    words = list(reader.lexicon("body"))
    assert words and words == list(reader.lexicon(COUNTS_OF["body"]))
    for word in words:
        with_positions = reader.postings("body", word)
        without = reader.postings(COUNTS_OF["body"], word)
        assert list(with_positions.items_as("weight")) == list(without.items_as("weight")), word


def test_a_page_past_the_end_is_empty_but_keeps_the_total(corpus):
    index, _docs = corpus
    result = index.query("malaria", page=500)
    assert result.hits == [] and result.total > 0


def test_facets_follow_writes(corpus, tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.add(IndexedStory(id="a", title="one", body="cough", tags=["tb"], language="en"))
    assert index.query("cough").facets["tags"] == [("tb", 1)]
    index.add(
        IndexedStory(
            id="b", title="two", body="cough", tags=["tb", "cost"], warnings=["death"], language="sw"
        )
    )
    assert index.query("cough").facets == {
        "tags": [("tb", 2), ("cost", 1)],
        "language": [("en", 1), ("sw", 1)],
        "warnings": [("death", 1)],
        "heard": [],
    }
    assert [h.id for h in index.query("cough", without_warnings=["death"]).hits] == ["a"]
    index.remove("a")
    assert index.query("cough").facets == {
        "tags": [("cost", 1), ("tb", 1)],
        "language": [("sw", 1)],
        "warnings": [("death", 1)],
        "heard": [],
    }
    assert index.query("cough", without_warnings=["death"]).total == 0
    index.close()


# -- phrases ----------------------------------------------------------------------------------------
PHRASE_STORIES = [
    "She walked to the clinic at dawn.",
    "The clinic walked away from us, to be honest.",  # the words, the other way round
    "He had a fever. Cough came after, in the night.",  # a sentence ends between the words
    "cough cough cough, all night long",
    "cough and cough",  # a stop word between: the same phrase as "cough cough" once stop words go
    "Waiting for the nurse; the nurse was waiting too.",
    "walk",  # one word: no pair at all
    "",  # no words
]
PHRASES = [
    '"walk to the clinic"',
    '"walked clinic"',
    '"clinic walk"',
    '"fever cough"',
    '"fever. Cough came"',
    '"cough cough"',
    '"cough cough cough"',
    '"cough cough cough cough"',
    '"nurse waiting"',
    '"waiting for the nurse the nurse was waiting"',
    '"walk dawn"',
    '"walk"',
    '"of the"',  # only stop words
]


def phrase_index(path, schema=SCHEMA) -> SearchIndex:
    """A two-segment index of PHRASE_STORIES with a deletion left in place (and one story repeated)."""
    if schema is not SCHEMA:  # an index as an older release made it
        path.mkdir(parents=True)
        whoosh_index.create_in(str(path), schema)
    index = SearchIndex(path)
    docs = [IndexedStory(id=f"p{n}", title="t", body=body) for n, body in enumerate(PHRASE_STORIES)]
    index.add_many(docs[:5])
    index.add_many(docs[5:] + [IndexedStory(id="gone", title="t", body="walked to the clinic, cough cough")])
    writer = index._writer()
    writer.delete_by_term("id", "gone")
    writer.commit(merge=False)
    return index


@pytest.mark.parametrize("text", PHRASES)
def test_phrases_match_what_whoosh_matches(tmp_path, text):
    index = phrase_index(tmp_path / "index")
    expected, _facets = reference(index, text)
    assert [h.id for h in index.query(text).hits] == expected
    index.close()


def test_phrases_find_the_stories_they_should(tmp_path):
    index = phrase_index(tmp_path / "index")

    def found(text):
        return sorted(h.id for h in index.query(text).hits)

    assert found('"walk to the clinic"') == found('"walked clinic"') == ["p0"]
    assert found('"clinic walk"') == ["p1"]
    assert found('"fever cough"') == ["p2"]  # Whoosh's phrases cross punctuation
    assert found('"cough cough"') == ["p3", "p4"]
    assert found('"cough cough cough"') == ["p3"]
    assert found('"cough cough cough cough"') == []
    index.close()


def test_the_pair_field_holds_neighbouring_words_after_stop_words(tmp_path):
    index = phrase_index(tmp_path / "index")
    reader = index._searcher().reader()
    pairs = {text.decode() for text in reader.lexicon(PAIRS_OF["body"])}
    assert {"walk clinic", "clinic dawn", "fever cough", "cough cough", "wait nurs", "nurs nurs"} <= pairs
    assert not any(" " not in pair for pair in pairs), "lone words are not pairs"
    index.close()


def test_an_index_built_before_the_derived_fields_is_still_searched_and_written(tmp_path):
    derived = {*PAIRS_OF.values(), *COUNTS_OF.values()}
    old_schema = Schema(**{name: SCHEMA[name] for name in SCHEMA.names() if name not in derived})
    old = phrase_index(tmp_path / "old", schema=old_schema)
    new = phrase_index(tmp_path / "new")
    assert not derived & set(old._searcher().schema.names())
    for text in [*PHRASES, "cough", "nurse OR clinic", "cough NOT fever", '"cough cough" walk']:
        assert [h.id for h in old.query(text).hits] == [h.id for h in new.query(text).hits], text
    old.add(IndexedStory(id="more", title="t", body="walked to the clinic"))  # writes as the old schema
    assert {h.id for h in old.query('"walk clinic"').hits} == {"p0", "more"}
    old.close()
    new.close()


# -- snippets ----------------------------------------------------------------------------------------
def words_of(index: SearchIndex, text: str) -> frozenset[str]:
    from archive.search.whoosh_index import positive_terms as _positive_terms

    return _positive_terms(index.parse(text), "body")


def test_snippet_marks_inflected_forms_as_the_index_matched_them(tmp_path):
    index = SearchIndex(tmp_path / "index")
    html = snippet("She was coughing all night; the coughs woke the baby.", words_of(index, "cough"))
    assert html == "She was <mark>coughing</mark> all night; the <mark>coughs</mark> woke the baby."


def test_snippet_leaves_out_words_searched_with_not(tmp_path):
    index = SearchIndex(tmp_path / "index")
    html = snippet("The nurse took the money and the medicine.", words_of(index, "medicine NOT money"))
    assert "<mark>medicine</mark>" in html and "<mark>money</mark>" not in html


def test_snippet_escapes_everything_but_its_marks():
    html = snippet('<script>alert("x")</script> & the fever <b>broke</b>', frozenset({"fever"}))
    assert html == (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; "
        "the <mark>fever</mark> &lt;b&gt;broke&lt;/b&gt;"
    )


def test_snippet_shows_the_best_two_places_in_text_order_and_cuts_at_words():
    filler = " ".join(["the road was long"] * 40)
    body = f"{filler} fever came first. {filler} then fever and cough together. {filler} cough at the end."
    parts = snippet(body, frozenset({"fever", "cough"})).split(" … ")
    assert len(parts) == 2
    # The stretch with both words has the most distinct words; the first lone "fever" comes before it.
    assert "<mark>fever</mark> came first" in parts[0]
    assert "<mark>fever</mark> and <mark>cough</mark> together" in parts[1]
    for part in parts:
        text = part.replace("<mark>", "").replace("</mark>", "")
        assert len(text) <= 240
        assert body.count(f" {text} ") == 1 or body.startswith(text), "cut mid-word"


def test_snippet_without_a_match_is_the_opening_cut_at_a_word():
    body = "word " * 100
    html = snippet(body, frozenset({"absent"}))
    assert html.startswith("word word") and len(html) <= 240 and not html.endswith("wor")
