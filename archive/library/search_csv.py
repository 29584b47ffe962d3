"""A library search's metadata as CSV: one row per story found, with its stable URL and a citation.

The search is the page's own (``archive.library.query``), run once for up to ``MAX_ROWS`` stories; the
rows then come from the database a batch at a time, each story checked against the publication rule
again, so a story withdrawn or narrowed since it was indexed is never listed. No story text is ever
written: titles, tags, dates, what the consent allows now, and where the first match is heard.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import defer, joinedload, selectinload

from archive.clock import seconds_param
from archive.extensions import db
from archive.languages import language_name
from archive.models import Modality, Story, utcnow
from archive.publication import publishable
from archive.search import Fragment, current_index, purge_pending
from archive.text import spreadsheet_cell as cell

from .exports import citation
from .query import query_index
from .timings import time_at

# The most rows one export lists; the last line says when a search found more.
MAX_ROWS = 5000
_BATCH = 200  # stories loaded from the database at a time

COLUMNS = (
    "url",
    "title",
    "language",
    "topics",
    "content_warnings",
    "published",
    "consent_allows",
    "first_match_at",
    "first_match_url",
    "citation",
    "exported",
)
CONSENT_TERMS = (
    "Consent terms: each story is shared by its storyteller for teaching only, in the forms listed under "
    "consent_allows on the day of export. A storyteller may withdraw at any time; a withdrawn story "
    "disappears from the library, and copies of this file should then be updated."
)


def story_url(story_id: str) -> str:
    """The stable address of a story's page."""
    return url_for("library.story", story_id=story_id, _external=True)


def search_csv_rows(query) -> Iterator[str]:
    """Run ``query`` (a ``LibraryQuery``) now and return the CSV's lines, to be streamed.

    The search runs before the first line is produced, so a refused query raises ``ValidationFailed``
    here, not half-way through a response.
    """
    masked = purge_pending(timeout=0.5)
    result = query_index(replace(query, page=1), masked, per_page=MAX_ROWS, snippets=False)
    ids = [hit.id for hit in result.hits]
    words = current_index().marked_words(query.text)
    return _lines(ids, result.total, words, utcnow().date())


def _lines(ids: Sequence[str], total: int, words: frozenset[str], today: date) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out)

    def flush() -> str:
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        return text

    writer.writerow(COLUMNS)
    yield flush()
    listed = 0
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        stmt = (
            select(Story)
            .where(Story.id.in_(batch))
            # The working text is never needed here (nor shown): left in the database.
            .options(joinedload(Story.consent), selectinload(Story.tags), defer(Story.body))
        )
        stories = {story.id: story for story in db.session.scalars(stmt)}
        for story_id in batch:  # in the search's order
            story = stories.get(story_id)
            if not publishable(story):  # the index was stale: the story is not listed at all
                continue
            writer.writerow([cell(v) for v in _row(story, words, today)])
            listed += 1
        for story in stories.values():  # one batch's texts in memory at a time
            db.session.expunge(story)
        yield flush()
    writer.writerow([])
    writer.writerow([cell(f"Exported {today.isoformat()}. {CONSENT_TERMS}")])
    if total > len(ids):
        writer.writerow(
            [
                cell(
                    f"Only the first {MAX_ROWS} of {total} matching stories are listed; "
                    "narrow the search to see the rest."
                )
            ]
        )
    else:
        writer.writerow([cell(f"{listed} {'story' if listed == 1 else 'stories'} listed.")])
    yield flush()


def _row(story: Story, words: frozenset[str], today: date) -> list[str]:
    audible = publishable(story, Modality.AUDIO)
    moment = Fragment("")
    if audible and story.published_timings:
        offset = current_index().first_mark(story.published_text or "", words, story.language)
        if offset is not None:
            moment.seconds = time_at(story.published_timings, offset)
    at = None if moment.seconds is None else seconds_param(moment.seconds)
    return [
        story_url(story.id),
        story.title,
        language_name(story.language),
        "; ".join(t.label for t in story.topics),
        "; ".join(t.label for t in story.warnings),
        story.published_at.date().isoformat() if story.published_at else "",
        "; ".join(m for m, ok in (("text", True), ("audio", audible)) if ok),
        moment.clock,
        "" if at is None else url_for("library.story", story_id=story.id, t=at, _external=True) + f"#t={at}",
        citation(story, today),
        today.isoformat(),
    ]
