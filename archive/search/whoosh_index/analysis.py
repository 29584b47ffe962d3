"""How the Whoosh index reads text: the tokenizer (every script's words, combining marks included), the
stemming analyzer, the word-pair field that answers phrases, the schema and its version, and the query
language educators may use."""

from __future__ import annotations

import unicodedata

from whoosh import formats, qparser
from whoosh.analysis import Filter, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, FieldType, Schema
from whoosh.qparser import syntax


def _combining_marks() -> str:
    """Return a regex character class body of the Basic Multilingual Plane's combining marks.

    Python's ``\\w`` leaves out vowel signs and viramas (Unicode Mn/Mc), which would cut Hindi, Bengali,
    Tamil or Amharic words into pieces; the tokenizer treats them as part of a word.
    """
    ranges, start, prev = [], None, None
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc"):
            if start is None:
                start = cp
            elif cp != prev + 1:
                ranges.append((start, prev))
                start = cp
            prev = cp
    if start is not None:
        ranges.append((start, prev))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


_WORD = rf"[\w{_combining_marks()}]+"

TOKEN_EXPRESSION = rf"{_WORD}(?:\.?{_WORD})*"

ANALYZER = StemmingAnalyzer(expression=TOKEN_EXPRESSION)

PAIR_SEPARATOR = " "  # never inside a word: the tokenizer splits on spaces


class WordPairFilter(Filter):
    """Join each word to the next one ("walk clinic"), over the words the body's analyzer keeps.

    Whoosh's ``BiWordFilter`` does the same but emits a lone word when a text has only one, and fails on
    a text with none; a story's body may be either. Stop words are gone and positions renumbered before
    this filter, exactly as in ``body``, so "walk to the clinic" gives the pair "walk clinic", the same
    two words Whoosh's phrase query "walk to the clinic" looks for side by side.
    """

    def __call__(self, tokens):
        previous = None
        for token in tokens:
            text = token.text
            if previous is not None:
                token.text = previous + PAIR_SEPARATOR + text
                yield token
            previous = text


# An index pickles its schema, naming this filter by its module: indexes written before the search
# package was split name it ``archive.search.WordPairFilter``, which ``archive.search`` still provides.
PAIR_ANALYZER = ANALYZER | WordPairFilter()

# Word pairs of `body`, to answer phrases from posting lists (see `phrase_docs`): which stories hold a
# pair, nothing else (no frequencies, positions or stored text), so scores are untouched.
PAIRS_OF = {"body": "body_pairs"}

# The words of `body` again with their counts but without positions, for everything but a phrase's
# positions: `body`'s posting blocks are mostly positions, which Whoosh stores in the same compressed
# block as the documents and counts, so a search for a word in nearly every story read them all just
# to score it (see `read_postings`). Same analyzer, so the same counts; scores take lengths and idf from
# `body` (the same numbers).
COUNTS_OF = {"body": "body_counts"}

SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    title=TEXT(analyzer=ANALYZER, stored=True, field_boost=2.0),
    body=TEXT(analyzer=ANALYZER, stored=True),
    # scorable only so that Whoosh keeps their lengths: a field without them costs a file-exists check
    # per posting written (whoosh.codec.whoosh3 looks the missing lengths file up every time). Never
    # scored: queries name `title` and `body` only.
    body_pairs=FieldType(formats.Existence(), PAIR_ANALYZER, scorable=True),
    body_counts=FieldType(formats.Frequency(), ANALYZER, scorable=True),
    tags=KEYWORD(stored=True, commas=True),
    warnings=KEYWORD(stored=True, commas=True),
    language=ID(stored=True),
    published=DATETIME(stored=True, sortable=True),
    # "yes" when an educator may hear the story's recording now (``IndexedStory.heard``), absent
    # otherwise: the "Can be heard" filter and count read its one posting list.
    heard=ID(stored=True),
)

# Only what educators need from a query language: words, "phrases", AND/OR/NOT, grouping, boosts.
# Fields, ranges and wildcards are left out: fields reach stored ids, and wildcards expand without bound.
REMOVED_PLUGINS = (qparser.FieldsPlugin, qparser.WildcardPlugin, qparser.RangePlugin, qparser.EveryPlugin)


class DropEmptyOperators(qparser.Plugin):
    """Leave out an operator that was given nothing to work on ("NOT NOT cough", "cough OR NOT").

    Whoosh turns a prefix operator with nothing after it into an empty ``NotGroup``, and building the
    query then reads its first node (``IndexError``): ``/library?q=NOT+NOT+cough`` answered 500. This
    filter runs after every other (priority 1000, after the operators are applied) and drops groups left
    empty, innermost first, so what remains always has something to search for or is empty.
    """

    def filters(self, parser):
        return [(self.drop_empty, 1000)]

    def drop_empty(self, parser, group):
        kept = group.empty_copy()
        for node in group:
            if isinstance(node, syntax.GroupNode):
                node = self.drop_empty(parser, node)
                if not node.nodes:
                    continue
            kept.append(node)
        return kept


def query_parser() -> qparser.QueryParser:
    """The parser of the query language educators use (words, "phrases", AND/OR/NOT, brackets, boosts)."""
    parser = qparser.MultifieldParser(["title", "body"], SCHEMA, group=qparser.AndGroup)
    for plugin_class in REMOVED_PLUGINS:
        parser.remove_plugin_class(plugin_class)
    parser.add_plugin(DropEmptyOperators())
    return parser


def words_parser() -> qparser.QueryParser:
    """A parser that reads every piece of the query as a plain word: no operators, quotes, brackets or
    boosts. The last resort for input the query language cannot make sense of."""
    parser = qparser.MultifieldParser(["title", "body"], SCHEMA, group=qparser.AndGroup)
    for plugin in list(parser.plugins):
        if not isinstance(plugin, (qparser.WhitespacePlugin, qparser.MultifieldPlugin)):
            parser.remove_plugin(plugin)
    return parser


# Bump when SCHEMA or ANALYZER changes: `story-archive init` (and `serve`) then rebuilds the index.
# Until then an older index is still searched (without the faster paths that need the new fields).
# 3: the `body_pairs` and `body_counts` fields. 4: `heard`.
SCHEMA_VERSION = 4

VERSION_FILE = "schema-version"
