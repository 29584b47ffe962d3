"""The library's search service: an educator's query run against the search index, every hit checked
against the publication rule again, and each snippet given the moment it is heard.

A stale index can never show a story that was withdrawn or narrowed since it was indexed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import defer, joinedload

from archive.extensions import db
from archive.models import MediaFile, MediaKind, Modality, Story
from archive.publication import publishable
from archive.search import Hit, SearchPage, current_index, drop_from_index, purge_pending, refresh_stories

from .stories import audible_recording, recording_length
from .timings import time_at


@dataclass(frozen=True)
class LibraryQuery:
    """What an educator asked for: words, topic tags (all of them), a language, content warnings to
    leave out (any of them), a page. The same parameters serve the page, the API and the CSV."""

    text: str = ""
    tags: tuple[str, ...] = ()
    language: str = ""
    page: int = 1
    without: tuple[str, ...] = ()
    heard: bool = False  # only stories whose recording may be heard now

    @classmethod
    def from_args(cls, args) -> LibraryQuery:
        try:
            page = int(args.get("page", 1))
        except ValueError:
            page = 1
        return cls(
            text=_readable(args.get("q", ""))[:20_000],
            tags=_slugs(args.getlist("tag")),
            language=_readable(args.get("lang", ""))[:3],
            page=min(max(page, 1), 1000),
            without=_slugs(args.getlist("without")),
            heard=args.get("heard") == "1",
        )

    def args(self, **changes) -> dict:
        """This query as URL parameters for ``url_for`` (``changes`` replace some), empty ones left out."""
        values = {
            "q": self.text,
            "tag": list(self.tags),
            "lang": self.language,
            "without": list(self.without),
            "heard": "1" if self.heard else "",
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value not in ("", [], (), None, 1)}


def _readable(value: str) -> str:
    """``value`` without NUL characters: no query needs one, and PostgreSQL refuses any text holding
    one with an error (a 500 from every search on that backend, found by tests/test_search_any_query.py)."""
    return value.replace("\x00", "")


def _slugs(values: list[str]) -> tuple[str, ...]:
    """At most ten distinct, non-empty slugs of at most 60 characters (a tag's slug is no longer)."""
    return tuple(dict.fromkeys(v[:60] for v in map(_readable, values) if v))[:10]


def search_library(query: LibraryQuery) -> SearchPage:
    """Search the index, keeping only hits the publication rule allows now.

    Stories queued for removal from the index (a withdrawal that found the index busy) are removed
    first, or masked out of the query if the index is still busy, so totals and facet counts are
    exact. Every hit is then checked against the rule again; a hit the rule refuses is an entry
    nobody queued (a consent that expired since it was indexed): it is removed and the search runs
    again. If the index is busy, such hits are left out of this page and taken off its counts.
    The same for a hit the index says may be heard when it may not (or the reverse): it is written
    again and the search runs again, or, the index busy, the page and its "heard" count say what the
    rule says. Last, each snippet of a story that may be heard gets the moment its first marked word is said,
    and each hit what it is (``SearchPage.listening``: recorded or typed, and how long it is heard).

    ``facets["heard"]`` counts the matches whose recording may be heard now, ``[("yes", n)]`` (``[]``
    when there are none): the index's count of the stories it holds as heard (``IndexedStory.heard``).
    """
    masked = purge_pending(timeout=_READ_PATH_TIMEOUT)
    for _ in range(_STALE_ROUNDS):
        result = query_index(query, masked)
        stories = _page_stories(result)
        stale = _stale_hits(result, stories)
        misheard = _misheard_hits(result, stories)
        if not stale and not misheard:
            break
        if stale and not drop_from_index([hit.id for hit in stale]):
            result = _heard_as_the_rule_says(_without(result, stale), query, misheard)
            break
        if misheard and refresh_stories([hit.id for hit in misheard], timeout=_READ_PATH_TIMEOUT):
            result = _heard_as_the_rule_says(_without(result, stale), query, misheard)
            break
    else:
        result = _heard_as_the_rule_says(_without(result, stale), query, misheard)
    _place_in_audio(result, stories)
    result.listening = {hit.id: _listening(stories[hit.id]) for hit in result.hits if hit.id in stories}
    return result


@dataclass(frozen=True)
class Listening:
    """What a hit is, as the results say it: recorded or typed, and how long its recording is heard
    (None: it may not be heard now, or is not ready)."""

    recorded: bool
    seconds: float | None


def _listening(story: Story) -> Listening:
    seconds = None
    if story.kind == "audio":
        seconds = recording_length(story, audible_recording(story))
    return Listening(recorded=story.kind == "audio", seconds=seconds)


# Each round removes the stale hits of one page; a few rounds clear any realistic backlog.
_STALE_ROUNDS = 5
# A search waits at most this long for the index lock; queued removals are masked meanwhile.
_READ_PATH_TIMEOUT = 0.5


def query_index(query: LibraryQuery, masked: set[str], **options) -> SearchPage:
    """Run ``query`` on the index as configured (page size, query length), leaving out ``masked`` ids;
    ``options`` override the index's query arguments (the CSV asks for more hits and no snippets)."""
    cfg = current_app.config
    options.setdefault("per_page", cfg["SEARCH_PAGE_SIZE"])
    return current_index().query(
        query.text,
        tags=query.tags,
        language=query.language or None,
        page=query.page,
        max_chars=cfg["MAX_QUERY_CHARS"],
        exclude_ids=masked,
        without_warnings=query.without,
        heard=query.heard,
        **options,
    )


def _page_stories(result: SearchPage) -> dict[str, Story]:
    """Load the page's stories (with their consents) by primary key, one query for the page.

    (The rule as a SQL condition tempts SQLite into scanning the status index, every published story,
    when no statistics exist; ids first, then the rule itself in Python.)
    """
    ids = [hit.id for hit in result.hits]
    if not ids:
        return {}
    # The working text is never needed here (and is not the educators' to see): left unloaded.
    stmt = select(Story).where(Story.id.in_(ids)).options(joinedload(Story.consent), defer(Story.body))
    return {story.id: story for story in db.session.scalars(stmt)}


def _stale_hits(result: SearchPage, stories: dict[str, Story]) -> list[Hit]:
    """Return the hits of this page that the publication rule refuses (or that are no story at all)."""
    return [hit for hit in result.hits if not publishable(stories.get(hit.id))]


def _heard_now(stories: dict[str, Story]) -> set[str]:
    """Which of the page's stories may be heard now (the rule for audio, and a published recording):
    one statement for the page."""
    allowed = [sid for sid, story in stories.items() if publishable(story, Modality.AUDIO)]
    if not allowed:
        return set()
    stmt = select(MediaFile.story_id).where(
        MediaFile.story_id.in_(allowed), MediaFile.kind == MediaKind.PUBLISHED
    )
    return set(db.session.scalars(stmt))


def _misheard_hits(result: SearchPage, stories: dict[str, Story]) -> list[Hit]:
    """The hits of this page whose ``heard`` in the index is not what the rule says now (a recording
    made, replaced or taken away since the index was written, and the index busy then). Stale hits
    (``_stale_hits``) are not among them: they leave the page whole."""
    shown = {hit.id: stories[hit.id] for hit in result.hits if publishable(stories.get(hit.id))}
    heard = _heard_now(shown)
    return [hit for hit in result.hits if hit.id in shown and hit.heard != (hit.id in heard)]


def _heard_as_the_rule_says(result: SearchPage, query: LibraryQuery, misheard: list[Hit]) -> SearchPage:
    """With the index too busy to be corrected: the page's hits that were indexed heard wrongly are
    counted as the rule says, and left out of a search for what can be heard."""
    if not misheard:
        return result
    count = dict(result.facets.get("heard", [])).get("yes", 0)
    for hit in misheard:
        count += -1 if hit.heard else 1
        hit.heard = not hit.heard
    if query.heard:
        wrong = {hit.id for hit in misheard if not hit.heard}
        result.hits = [hit for hit in result.hits if hit.id not in wrong]
        result.total = max(0, result.total - len(wrong))
    result.facets["heard"] = [("yes", count)] if count > 0 else []
    return result


def _place_in_audio(result: SearchPage, stories: dict[str, Story]) -> None:
    """Give each snippet of a story whose recording may be heard the moment its first mark is said.

    The index holds the published text, the same text ``published_timings`` counts offsets in, so an
    offset from the snippet is a place in the timings. Only the page's hits are looked at.
    """
    for hit in result.hits:
        story = stories.get(hit.id)
        if story is None or not story.published_timings or not publishable(story, Modality.AUDIO):
            continue
        for fragment in hit.fragments:
            if fragment.offset is not None:
                fragment.seconds = time_at(story.published_timings, fragment.offset)


def _without(result: SearchPage, stale: list[Hit]) -> SearchPage:
    """Leave ``stale`` hits out of the page, its total and its facet counts."""
    gone = {hit.id for hit in stale}
    result.hits = [hit for hit in result.hits if hit.id not in gone]
    result.total = max(0, result.total - len(gone))
    less: dict[str, Counter] = {
        "tags": Counter(),
        "language": Counter(),
        "warnings": Counter(),
        "heard": Counter(),
    }
    for hit in stale:
        less["heard"]["yes"] += hit.heard
        less["tags"].update(set(hit.tags))
        less["warnings"].update(set(hit.warnings))
        less["language"][hit.language] += 1
    for name, counts in result.facets.items():
        minus = less.get(name, Counter())
        result.facets[name] = [(value, n - minus[value]) for value, n in counts if n - minus[value] > 0]
    return result
