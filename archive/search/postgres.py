"""Search in PostgreSQL behind the search seam: ``PostgresSearch``, over the ``story_search`` table.

Each published story has one row: its redacted title and body, tags, warnings, language, and
``document``, the words of title (weight A) and body (weight B) analysed in the text search
configuration of the story's language (``config_for``: ``simple``, which only lower-cases, where
PostgreSQL has none, e.g. Kiswahili or Korean). A GIN index answers the words.

Rows are written through the app's database session, so in the caller's transaction: publication adds
the row before its commit, and withdrawal, narrowing and expiry delete it in theirs (``queue_removal``).
Every host then searches the same stories from the moment of the commit, and a story that leaves the
library leaves no entry anywhere: there is no queue of removals, no scrub and no index lock.

Queries keep the Whoosh backend's language (words, "phrases", AND/OR/NOT, grouping): the same Whoosh
parser reads them, over words that are only lower-cased, and each part becomes a ``tsquery`` in every
configuration in use (``_Compiled``). A story matches when its own configuration's query matches it:
the GIN index answers each distinct reading (``q_english``, ``q_simple``, ...) and the row's ``config``
says whose it is. Each ``document`` also holds one lexeme naming its configuration (``~english``), used
only by a query with nothing else to look up (``NOT clinic``).

A search is one statement (``query``): the matches are found once, through the GIN index alone, then
counted (total, warnings left out, facets) and the page ranked from them. Ranking reads each ranked
match's ``document`` (stored apart, in TOAST), so only the newest ``rank_limit`` matches are ranked.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import (
    REAL,
    Boolean,
    Text,
    and_,
    any_,
    bindparam,
    case,
    cast,
    column,
    delete,
    false,
    func,
    literal,
    select,
    table,
    text,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, REGCONFIG, TSQUERY, TSVECTOR
from sqlalchemy.sql.elements import ColumnElement
from whoosh import qparser
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import TEXT, Schema

from archive.errors import ValidationFailed
from archive.extensions import db

from .backend import Health, Hit, IndexedStory, SearchBackend, SearchPage
from .fragments import fragments_at
from .whoosh_index.analysis import REMOVED_PLUGINS, TOKEN_EXPRESSION, DropEmptyOperators

# ISO 639-1 code -> PostgreSQL's text search configuration (its Snowball stemmers and stop words).
# Only those the server has are used (``pg_ts_config``); any other language is read with ``simple``.
CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "nb": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
FALLBACK = "simple"

# The table as queries read it, with PostgreSQL's own types (the model's are variants for SQLite).
SEARCH = table(
    "story_search",
    column("story_id", Text),
    column("config", Text),
    column("language", Text),
    column("title", Text),
    column("body", Text),
    column("tags", ARRAY(Text)),
    column("warnings", ARRAY(Text)),
    column("published_at"),
    column("document", TSVECTOR),
    column("heard", Boolean),
    # Where the row is in the table: the newest matches are ranked by reading their rows there.
    column("ctid"),
)

# Title words count more than body words, as Whoosh's title boost of 2 does (weights of D, C, B, A).
_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"

# Marks around matched words in ts_headline's copy of a body: private-use characters no text holds.
_START, _STOP = "\ue000", "\ue001"
_HEADLINE = f"HighlightAll=true, StartSel={_START}, StopSel={_STOP}"

_UPSERT = text(
    """
    INSERT INTO story_search
        (story_id, config, language, title, body, tags, warnings, published_at, heard, document)
    VALUES (:id, :config, :language, :title, :body, :tags, :warnings, :published, :heard,
        setweight(to_tsvector(CAST(CAST(:config AS varchar) AS regconfig), CAST(:title AS text)), 'A')
        || setweight(to_tsvector(CAST(CAST(:config AS varchar) AS regconfig), CAST(:body AS text)), 'B')
        || array_to_tsvector(ARRAY['~' || CAST(:config AS varchar)]))
    ON CONFLICT (story_id) DO UPDATE SET
        config = excluded.config, language = excluded.language, title = excluded.title,
        body = excluded.body, tags = excluded.tags, warnings = excluded.warnings,
        published_at = excluded.published_at, document = excluded.document, heard = excluded.heard
    """
).bindparams(bindparam("tags", type_=ARRAY(Text)), bindparam("warnings", type_=ARRAY(Text)))

# For a search's statements: the table through its indexes (see ``query``); room in memory for the
# matches (at the default 4 MB the 46,626 matches of a common word were written to temporary files); and
# no parallel workers (a query read in a dozen ways, each configuration's stop words and stems, was
# handed to two workers to read a few hundred rows: their start cost more than the reading).
_INDEXES_ONLY = text(
    "SELECT set_config('enable_seqscan', 'off', true), set_config('work_mem', '16MB', true), "
    "set_config('max_parallel_workers_per_gather', '0', true)"
)
_SCANS_TOO = text(
    "SELECT set_config('enable_seqscan', 'on', true), "
    "set_config('work_mem', (SELECT reset_val FROM pg_settings WHERE name = 'work_mem'), true), "
    "set_config('max_parallel_workers_per_gather', "
    "(SELECT reset_val FROM pg_settings WHERE name = 'max_parallel_workers_per_gather'), true)"
)

# Words only lower-cased: each configuration stems them its own way afterwards.
_WORDS_SCHEMA = Schema(q=TEXT(analyzer=RegexTokenizer(TOKEN_EXPRESSION) | LowercaseFilter()))


@functools.cache
def _parser() -> qparser.QueryParser:
    parser = qparser.QueryParser("q", _WORDS_SCHEMA, group=qparser.AndGroup)
    for plugin_class in REMOVED_PLUGINS:
        parser.remove_plugin_class(plugin_class)
    parser.add_plugin(DropEmptyOperators())
    return parser


@functools.cache
def _words_parser() -> qparser.QueryParser:
    """Every piece of the query a plain word: the last resort, as in the Whoosh backend."""
    parser = qparser.QueryParser("q", _WORDS_SCHEMA, group=qparser.AndGroup)
    for plugin in list(parser.plugins):
        if not isinstance(plugin, qparser.WhitespacePlugin):
            parser.remove_plugin(plugin)
    return parser


def parse(text_: str) -> wq.Query:
    """Parse an educator's query as the Whoosh backend does; odd input is taken as plain words."""
    try:
        return _parser().parse(text_)
    except Exception:  # the grammar gave up on odd input: search the words themselves
        return _words_parser().parse(" ".join(re.findall(r"\w+", text_)))


def _tsquery(node: wq.Query, cfg: ColumnElement) -> ColumnElement | None:
    """``node`` as a tsquery in the configuration ``cfg``; None for a part that asks for nothing."""
    if isinstance(node, wq.Phrase):
        return func.phraseto_tsquery(cfg, " ".join(node.words))
    if isinstance(node, wq.Term):  # fuzzy and variation terms too: their word itself
        return func.plainto_tsquery(cfg, str(node.text))
    if isinstance(node, wq.Not):
        inner = _tsquery(node.query, cfg)
        return None if inner is None else func.tsquery_not(inner)
    if isinstance(node, wq.AndNot):
        positive, negative = _tsquery(node.a, cfg), _tsquery(node.b, cfg)
        if negative is None or positive is None:
            return positive
        return func.tsquery_and(positive, func.tsquery_not(negative))
    if isinstance(node, wq.AndMaybe):  # the optional side only changes Whoosh's scores
        return _tsquery(node.a, cfg)
    if isinstance(node, wq.Require):
        return _joined(func.tsquery_and, [node.a, node.b], cfg)
    if isinstance(node, wq.Or | wq.DisjunctionMax):
        return _joined(func.tsquery_or, node.children(), cfg)
    if isinstance(node, wq.CompoundQuery):
        return _joined(func.tsquery_and, node.children(), cfg)
    if isinstance(node, wq.WrappingQuery):
        return _tsquery(node.child, cfg)
    return None  # NullQuery, or a kind the parser no longer makes


def _joined(join, nodes: Iterable[wq.Query], cfg: ColumnElement) -> ColumnElement | None:
    parts = [p for p in (_tsquery(n, cfg) for n in nodes) if p is not None]
    if not parts:
        return None
    return functools.reduce(join, parts)


def positive_words(node: wq.Query) -> list[str]:
    """The words a hit may contain (NOT parts left out), each marked in its snippet."""
    found: list[str] = []

    def walk(n: wq.Query) -> None:
        if isinstance(n, wq.Not):
            return
        if isinstance(n, wq.AndNot):
            walk(n.a)
        elif isinstance(n, wq.Phrase):
            found.extend(n.words)
        elif isinstance(n, wq.Term):
            found.append(str(n.text))
        else:
            for child in n.children():
                walk(child)

    walk(node)
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class _Compiled:
    """One query made ready in every configuration: ``matches`` and ``marks`` (the positive words, for
    snippets) as tsquery texts, grouped by configurations that read it the same way; ``unindexed``, the
    match texts in which the GIN index finds nothing to look up (only NOT: ``querytree`` is ``T``)."""

    matches: dict[str, tuple[str, ...]]  # tsquery text -> configurations
    marks: dict[str, tuple[str, ...]]
    unindexed: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return not any(self.matches)

    def conditions(self, config: ColumnElement) -> list[tuple[str, list[ColumnElement]]]:
        """(tsquery text, conditions on the row's ``config``) for each way the query is read: a story
        matches the one of its own configuration (no condition when every configuration reads it the
        same way; the shorter list otherwise, as each matching row is tested against it). A query with
        nothing to look up (only NOT) also names the configurations' markers (each ``document`` holds
        ``~<configuration>``), so the index has something to start from rather than reading all of
        itself. (Markers for phrases too, to check the word order only in candidates of the reading's
        own configurations, cost more than they saved: ~230 buffers of markers in each reading.)"""
        every = {cfg for cfgs in self.matches.values() for cfg in cfgs}
        parts: list[tuple[str, list[ColumnElement]]] = []
        for q, cfgs in self.matches.items():
            if not q:
                continue
            others = sorted(every - set(cfgs))
            own: list[ColumnElement] = []
            if others:
                own.append(config.in_(cfgs) if len(cfgs) <= len(others) else config.not_in(others))
            if q in self.unindexed:
                marker = " | ".join(f"'~{cfg}'" for cfg in cfgs)
                parts.append((f"( {q} ) & ( {marker} )", own))
            else:
                parts.append((q, own))
        return parts

    @property
    def ranked(self) -> str:
        """The tsquery (text) ranking reads: every configuration's query, without the markers."""
        return " | ".join(f"( {q} )" for q in self.matches if q)


def _by_config(texts: dict[str, str]) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for cfg, q in texts.items():
        groups.setdefault(q, []).append(cfg)
    return {q: tuple(cfgs) for q, cfgs in groups.items()}


def _per_config(column_: ColumnElement, compiled: dict[str, tuple[str, ...]], expr) -> ColumnElement:
    """``expr(tsquery)`` with the tsquery of each row's configuration."""
    groups = [(q, cfgs) for q, cfgs in compiled.items() if q]
    if not groups:
        return false()
    whens = [(column_.in_(cfgs), expr(cast(literal(q), TSQUERY))) for q, cfgs in groups]
    return case(*whens, else_=None)


class PostgresSearch(SearchBackend):
    """Search in the app's PostgreSQL database (``story_search``); see the module's docstring."""

    # Nothing of a story taken out stays anywhere but in the table's dead row versions, which are
    # PostgreSQL's (README "Withdrawal: what is left nowhere"): no scrub job to send.
    needs_scrub = False

    def __init__(self, rank_limit: int = 1000):
        # Past this many matches the newest ``rank_limit`` are ranked and the rest follow, newest first:
        # ranking reads every match's words, and a word in most stories would be read in full.
        self.rank_limit = rank_limit
        self._configs: dict[str, str] | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_config(cls, app: Flask) -> PostgresSearch:
        if app.config.get("DATABASE_URL") and not str(app.config["DATABASE_URL"]).startswith("postgresql"):
            raise ValueError("SEARCH_BACKEND=postgres needs the database in PostgreSQL (DATABASE_URL)")
        return cls(rank_limit=int(app.config.get("SEARCH_RANK_LIMIT") or 1000))

    # -- configurations --------------------------------------------------------------------------
    def configs(self) -> dict[str, str]:
        """{language code: configuration} for every language PostgreSQL has a configuration of."""
        if self._configs is None:
            with self._lock:
                if self._configs is None:
                    have = set(db.session.scalars(text("SELECT cfgname FROM pg_ts_config")))
                    self._configs = {code: cfg for code, cfg in CONFIGS.items() if cfg in have}
        return self._configs

    def config_for(self, language: str) -> str:
        """The text search configuration that reads a story in ``language``."""
        return self.configs().get(language, FALLBACK)

    def _all_configs(self) -> list[str]:
        return sorted({*self.configs().values(), FALLBACK})

    @functools.lru_cache(maxsize=512)  # noqa: B019 (one backend per app, for the app's life)
    def _compile(self, text_: str) -> _Compiled:
        """Turn the query into tsquery texts for every configuration, in one round trip."""
        node = parse(text_)
        cfgs = self._all_configs()
        words = positive_words(node)
        columns = []
        for i, cfg in enumerate(cfgs):
            c = cast(literal(cfg), REGCONFIG)
            match = _tsquery(node, c)
            marks = (
                functools.reduce(func.tsquery_or, [func.plainto_tsquery(c, w) for w in words])
                if words
                else None
            )
            columns.append(
                cast(match, Text).label(f"m{i}") if match is not None else literal("").label(f"m{i}")
            )
            columns.append(
                cast(marks, Text).label(f"h{i}") if marks is not None else literal("").label(f"h{i}")
            )
            columns.append(
                cast(func.querytree(match), Text).label(f"t{i}")
                if match is not None
                else literal("").label(f"t{i}")
            )
        row = db.session.execute(select(*columns)).one()
        return _Compiled(
            _by_config({cfg: row[3 * i] or "" for i, cfg in enumerate(cfgs)}),
            _by_config({cfg: row[3 * i + 1] or "" for i, cfg in enumerate(cfgs)}),
            frozenset(row[3 * i] for i in range(len(cfgs)) if row[3 * i] and row[3 * i + 2] == "T"),
        )

    # -- writing ---------------------------------------------------------------------------------
    def _rows(self, docs: Iterable[IndexedStory]) -> Iterator[dict]:
        for doc in docs:
            yield {
                "id": doc.id,
                "config": self.config_for(doc.language),
                "language": doc.language,
                "title": doc.title,
                "body": doc.body,
                "tags": list(doc.tags),
                "warnings": list(doc.warnings),
                "published": doc.published,
                "heard": bool(doc.heard),
            }

    def add(self, docs: Iterable[IndexedStory], timeout: float | None = None) -> int:
        """Write the stories in the session's transaction and commit it: a caller that publishes adds
        before its own commit, so story and search row are committed together."""
        rows = list(self._rows(docs))
        if rows:
            db.session.execute(_UPSERT, rows)
        db.session.commit()
        return len(rows)

    def remove(self, story_ids: Iterable[str]) -> None:
        self.queue_removal(story_ids)
        db.session.commit()

    def queue_removal(self, story_ids: Iterable[str]) -> None:
        ids = list(story_ids)
        if ids:
            db.session.execute(delete(SEARCH).where(SEARCH.c.story_id.in_(ids)))

    def purge_pending(self, timeout: float | None = None) -> set[str]:
        return set()  # removals are done in their own transaction: none ever waits

    def rebuild(
        self, docs: Iterator[IndexedStory], procs: int = 1, fresh: bool = False, batch: int = 500
    ) -> int:
        """Replace every row in one transaction: searches see the old rows until it commits. (Every
        rebuild here starts from an empty table, so ``fresh`` asks nothing more.)"""
        db.session.execute(delete(SEARCH))
        count = 0
        rows: list[dict] = []
        for row in self._rows(docs):
            rows.append(row)
            if len(rows) >= batch:
                db.session.execute(_UPSERT, rows)
                count += len(rows)
                rows = []
        if rows:
            db.session.execute(_UPSERT, rows)
            count += len(rows)
        db.session.commit()
        db.session.execute(text("ANALYZE story_search"))
        db.session.commit()
        return count

    # -- reading ---------------------------------------------------------------------------------
    def query(
        self,
        text: str,
        tags: Sequence[str] = (),
        language: str | None = None,
        page: int = 1,
        per_page: int = 10,
        max_chars: int = 500,
        exclude_ids: Iterable[str] = (),
        without_warnings: Sequence[str] = (),
        snippets: bool = True,
        only_ids: Iterable[str] | None = None,
        count_ids: Iterable[str] | None = None,
        heard: bool = False,
    ) -> SearchPage:
        query_text = (text or "").strip()
        if len(query_text) > max_chars:
            raise ValidationFailed({"q": [f"Search for at most {max_chars} characters."]})
        page = max(1, page)
        compiled = self._compile(query_text) if query_text else None
        s = SEARCH.c
        matched: Any = SEARCH
        if compiled is not None:
            # The words alone first, answered by the GIN index, one reading of the query for each group
            # of configurations that reads it the same way; a story's own configuration is checked in
            # the table's own pages (``config``). The other conditions are applied to what this finds
            # (OFFSET 0 keeps them out of it), reading those pages too, never a ``document``: it is
            # stored apart (TOAST) and read in full for each row tested. Left together, a topic with a
            # word in a tenth of its stories had the planner take the topic's index and test the word
            # on each of its 7,000 stories (31,592 buffers, 125 ms) for 1,819 matches. (Markers of the
            # configurations in the query, as the documents hold them, tripled the index scan: 13 ms to
            # 45 ms for a word in 46,626 of 50,000 stories.)
            columns = (s.ctid, s.story_id, s.published_at, s.tags, s.warnings, s.language, s.heard)
            branches = [
                select(*columns).where(s.document.op("@@")(cast(literal(q), TSQUERY)), *own)
                for q, own in compiled.conditions(s.config)
            ] or [select(*columns).where(false())]
            union = branches[0] if len(branches) == 1 else union_all(*branches)
            matched = select(union.subquery("read")).offset(0).subquery("matched")
        c = matched.c
        where: list[ColumnElement] = []
        tags = [t for t in tags if t]
        if tags:
            where.append(c.tags.contains(cast(literal(list(tags), ARRAY(Text)), ARRAY(Text))))
        if language:
            where.append(c.language == language)
        excluded = list(exclude_ids)
        if excluded:
            where.append(c.story_id.not_in(excluded))
        if only_ids is not None:
            where.append(c.story_id == any_(_ids(only_ids)))
        if heard:
            where.append(c.heard)
        counted = false() if count_ids is None else c.story_id == any_(_ids(count_ids))
        without = [w for w in without_warnings if w]
        left = c.warnings.overlap(cast(literal(without), ARRAY(Text))) if without else false()
        m = (
            select(
                c.ctid,
                c.story_id,
                c.published_at,
                c.tags,
                c.warnings,
                c.language,
                left.label("left_out"),
                counted.label("counted"),
                c.heard,
            )
            .where(and_(true(), *where))
            .cte("m")
            .prefix_with("MATERIALIZED")
        )
        first = (page - 1) * per_page

        # The planner prices a row's ``document`` as if it were in the table's pages, but it is stored
        # apart (TOAST) and read in full for each row a scan tests: with a word in a fifth of 10,000
        # stories it chose to read every document (186 ms) over the GIN index (7 ms). So for this
        # transaction's searches the table is read through its indexes.
        db.session.execute(_INDEXES_ONLY)
        try:
            # One statement: the matches are found once, then counted and the page taken from them.
            total, left_out, facets, ids = self._counts_and_page(
                m, compiled, first, per_page, count_ids is not None
            )
            ranked_all = compiled is None or total <= self.rank_limit
            if len(ids) < per_page and not ranked_all and first + len(ids) < total:
                # Past the ranked ones: the rest of the matches follow, newest first.
                after = max(0, first + len(ids) - self.rank_limit)
                rest = (
                    select(m.c.story_id)
                    .where(~m.c.left_out)
                    .order_by(*_newest(m.c))
                    .offset(self.rank_limit + after)
                    .limit(per_page - len(ids))
                )
                ids += list(db.session.scalars(rest))
            hits = self._hits(ids, compiled, snippets)
        finally:
            db.session.execute(_SCANS_TOO)
        return SearchPage(
            query=query_text,
            hits=hits,
            total=total,
            page=page,
            per_page=per_page,
            facets=facets,
            left_out=left_out,
        )

    def _counts_and_page(
        self, m, compiled: _Compiled | None, first: int, per_page: int, counted: bool
    ) -> tuple[int, int, dict[str, list[tuple[str, int]]], list[str]]:
        """From the matches ``m``: the total, what the warnings left out, the facet counts (with
        ``counted``, how many matches are among the ids counted: ``facets["ids"]``), and the ids of the
        page, ranked: past ``rank_limit`` matches, the newest ``rank_limit`` are ranked (the rest
        follow them by date, see ``query``)."""
        kept = ~m.c.left_out
        if compiled is None:
            order = _newest(m.c)
            page = select(m.c.story_id.label("story_id"), func.row_number().over(order_by=order).label("n"))
            page = page.where(kept).order_by(*order)
        else:
            # Only the newest ``rank_limit`` matches read their ``document`` (from TOAST) to be ranked.
            recent = (
                select(m.c.ctid, m.c.story_id, m.c.published_at)
                .where(kept)
                .order_by(*_newest(m.c))
                .limit(self.rank_limit)
            ).subquery("recent")
            ranked = SEARCH.alias("ranked")
            rank = func.ts_rank(
                cast(literal(_WEIGHTS), ARRAY(REAL)),
                ranked.c.document,
                cast(literal(compiled.ranked), TSQUERY),
            )
            # Each row fetched where it is (a TID scan per match, lateral so it stays one per match:
            # joined by id the planner read the whole primary key index, 50,000 entries, to merge).
            score = select(rank.label("rank")).where(ranked.c.ctid == recent.c.ctid).lateral("score")
            order = (score.c.rank.desc(), *_newest(recent.c))
            page = (
                select(recent.c.story_id.label("story_id"), func.row_number().over(order_by=order).label("n"))
                .select_from(recent.join(score, true()))
                .order_by(*order)
            )
        page_sub = page.offset(first).limit(per_page).subquery("page")
        # unnest in the select list (one ProjectSet), not joined per row (a function scan per match:
        # 32 ms against 2 ms for 3,000 matches).
        tag = select(func.unnest(m.c.tags).label("value")).where(kept).subquery("tag")
        warning = select(func.unnest(m.c.warnings).label("value")).where(kept).subquery("warning")
        parts = [
            # Each language, and with ROLLUP the total (language NULL) from the same pass.
            select(literal("language"), m.c.language, func.count())
            .where(kept)
            .group_by(func.rollup(m.c.language)),
            select(literal("left_out"), literal(""), func.count()).select_from(m).where(m.c.left_out),
            select(literal("tags"), tag.c.value, func.count()).group_by(tag.c.value),
            select(literal("warnings"), warning.c.value, func.count()).group_by(warning.c.value),
            select(literal("hit"), page_sub.c.story_id, page_sub.c.n),
            select(literal("heard"), literal("yes"), func.count()).select_from(m).where(kept, m.c.heard),
        ]
        if counted:
            among = select(literal("ids"), literal("counted"), func.count()).select_from(m)
            parts.append(among.where(kept, m.c.counted))
        total = left_out = 0
        facets: dict[str, list[tuple[str, int]]] = {"tags": [], "language": [], "warnings": [], "heard": []}
        hits: list[tuple[int, str]] = []
        for kind, value, count in db.session.execute(union_all(*parts)):
            if kind == "language" and value is None:
                total = count
            elif kind == "left_out":
                left_out = count
            elif kind == "ids":
                facets["ids"] = [("counted", count)]
            elif kind == "hit":
                hits.append((count, value))
            elif value and count:
                facets[kind].append((value, count))
        for values in facets.values():
            values.sort(key=lambda kv: (-kv[1], kv[0]))
        return total, left_out, facets, [story_id for _n, story_id in sorted(hits)]

    def _hits(self, ids: list[str], compiled: _Compiled | None, snippets: bool) -> list[Hit]:
        """The hits of ``ids`` in that order, with their snippets marked by each story's configuration."""
        if not ids:
            return []
        s = SEARCH.c
        marked = compiled is not None and snippets and any(compiled.marks)
        headline = (
            func.ts_headline(
                cast(s.config, REGCONFIG),
                s.body,
                _per_config(s.config, compiled.marks, lambda q: q),
                literal(_HEADLINE),
            )
            if marked and compiled is not None
            else literal(None)
        )
        stmt = select(s.story_id, s.title, s.body, s.tags, s.warnings, s.language, headline, s.heard).where(
            s.story_id.in_(ids)
        )
        rows = {row[0]: row for row in db.session.execute(stmt)}
        hits = []
        for story_id in ids:
            row = rows.get(story_id)
            if row is None:  # taken out between the two statements
                continue
            _id, title, body, tags, warnings, lang, marked_body, heard = row
            fragments = fragments_at(body, _marks(body, marked_body)) if snippets else []
            hits.append(
                Hit(
                    id=story_id,
                    title=title,
                    snippet=" … ".join(f.html for f in fragments),
                    tags=list(tags or []),
                    warnings=list(warnings or []),
                    language=lang,
                    fragments=fragments,
                    heard=bool(heard),
                )
            )
        return hits

    def marked_words(self, text: str) -> frozenset[str]:
        text = (text or "").strip()
        return frozenset(positive_words(parse(text))) if text else frozenset()

    def first_mark(self, body: str, words: frozenset[str], language: str = "") -> int | None:
        if not words or not body:
            return None
        c = cast(literal(self.config_for(language)), REGCONFIG)
        q = functools.reduce(func.tsquery_or, [func.plainto_tsquery(c, w) for w in sorted(words)])
        marked_body = db.session.scalar(select(func.ts_headline(c, literal(body), q, literal(_HEADLINE))))
        marks = _marks(body, marked_body)
        return marks[0][0] if marks else None

    # -- upkeep ----------------------------------------------------------------------------------
    def purge_residue(self, timeout: float | None = None) -> bool:
        return False  # deleted rows are the database's (see ``needs_scrub``)

    def snapshot(self, dest: Path) -> None:
        """Nothing to copy: the rows are in the database, and its backup (pg_dump) holds them."""

    def health(self) -> Health:
        try:
            return Health(ok=True, stories=self.doc_count())
        except Exception as err:  # a missing table or a lost connection: say so
            db.session.rollback()
            return Health(ok=False, problem=f"{type(err).__name__}: {err}")

    def heard_ids(self) -> set[str]:
        return set(db.session.scalars(select(SEARCH.c.story_id).where(SEARCH.c.heard)))

    def contains(self, story_id: str) -> bool:
        stmt = select(SEARCH.c.story_id).where(SEARCH.c.story_id == story_id)
        return db.session.scalar(stmt) is not None

    def doc_count(self) -> int:
        return db.session.scalar(select(func.count()).select_from(SEARCH)) or 0

    def prepare(self) -> bool:
        self.configs()
        return True  # the table is the migrations' (0013): there is no older layout to rebuild

    def close(self) -> None:
        self._compile.cache_clear()


def _newest(c) -> tuple[Any, ...]:
    """Newest first, then by id (stories published at the same moment keep one order)."""
    return (c.published_at.desc().nulls_last(), c.story_id)


def _ids(ids: Iterable[str]) -> ColumnElement:
    """Story ids as one array parameter (thousands of them stay one value, not thousands)."""
    return cast(literal(list(ids), ARRAY(Text)), ARRAY(Text))


def _marks(body: str, marked_body: str | None) -> list[tuple[int, int]]:
    """Where ts_headline marked words in its copy of ``body``, as spans of ``body`` itself (none if the
    copy differs from the body in anything but the marks, as it would if the body held a mark)."""
    if not marked_body or _START in body or _STOP in body:
        return []
    marks: list[tuple[int, int]] = []
    plain: list[str] = []
    at = 0
    start = None
    for piece in re.split(f"([{_START}{_STOP}])", marked_body):
        if piece == _START:
            start = at
        elif piece == _STOP:
            if start is not None and at > start:
                marks.append((start, at))
            start = None
        else:
            plain.append(piece)
            at += len(piece)
    return marks if "".join(plain) == body else []
