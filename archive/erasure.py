"""Erasure: everything a story owns, and what becomes of each part when the story may no longer be kept.

Withdrawal (by the storyteller, by staff on their word, or by the expiry job after the grace period)
calls ``erase_consent``; narrowing calls ``erase_media`` for the recordings nobody may use any more.
Both work in the caller's transaction and return an ``Aftermath``: what is left to do once it commits
(the files, the index, the database's write-ahead log).

``STORY_OWNS`` and ``CONSENT_OWNS`` list every table that holds rows of a story or of its consent, with
their fate: deleted, emptied in place (the row stays, the columns that could hold content are set to
nothing), or kept because it holds no content. ``erase_stories`` works from this list, and
``tests/test_erasure.py`` fails when a table gains rows of a story (a foreign key to ``stories`` or
``consents``, or a ``story_id`` column) or a kept row gains a column, and nobody decided here what
erasure does with it.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select, update

from archive import jobs
from archive.database import checkpoint_wal
from archive.extensions import db
from archive.models import (
    Consent,
    Job,
    JobState,
    MediaFile,
    MediaKind,
    StoryStatus,
    Tag,
    story_tags,
    utcnow,
)
from archive.search import current_index, purge_pending, queue_removal, refresh_stories, run_scrub
from archive.storage import current_store

log = logging.getLogger(__name__)


class Fate(enum.StrEnum):
    DELETED = "deleted"
    EMPTIED = "emptied"  # the row stays; ``Owned.emptied`` says what each column becomes
    KEPT = "kept"  # holds no content


@dataclass(frozen=True)
class Owned:
    """A table holding rows of a story (``key`` names the story's column) and what erasure does to them.

    ``emptied``: for an emptied row, the value each erased column gets. ``kept``: every other column of
    a row that stays, with why it may stay. Together they name every column, so a new one is decided.
    """

    table: str
    fate: Fate
    why: str
    key: str = "story_id"
    emptied: Mapping[str, object] = field(default_factory=dict)
    kept: Mapping[str, str] = field(default_factory=dict)


STORY_OWNS: tuple[Owned, ...] = (
    Owned("media_files", Fate.DELETED, "the recordings and their copies; the files go after the commit"),
    Owned("transcripts", Fate.DELETED, "the recogniser's words with their timings"),
    Owned("redaction_spans", Fate.DELETED, "where the identifiers stand in the text"),
    Owned("known_identifiers", Fate.DELETED, "the names and places the facilitator gave"),
    Owned("identifier_settlements", Fate.DELETED, "how the reviewer settled each known identifier"),
    Owned("time_marks", Fate.DELETED, "stretches of the recording marked for covering"),
    Owned("identifier_searches", Fate.DELETED, "where the targeted pass heard the known identifiers"),
    Owned("clips", Fate.DELETED, "an educator's title and note about a passage may quote it"),
    Owned("story_reports", Fate.DELETED, "an educator's report of a problem, whose note may quote the story"),
    Owned("story_views", Fate.DELETED, "which educators opened the story today (to count each once a day)"),
    Owned("story_tags", Fate.DELETED, "the story's tags; free tags no other story uses go too"),
    Owned("story_search", Fate.DELETED, "the published text as search in PostgreSQL reads it"),
    Owned(
        "stories",
        Fate.EMPTIED,
        "the row stays, withdrawn, so that links, sets and the audit can say what happened",
        key="id",
        emptied={"title": "", "body": None, "published_text": None, "published_timings": None},
        kept={
            "id": "a random id",
            "language": "the language code",
            "kind": "text or audio",
            "status": "set to withdrawn",
            "submission_key": "the form's random one-time token",
            "facilitator_id": "who brought it in (an account)",
            "reviewer_id": "who reviewed it (an account)",
            "consent_id": "its consent, kept for the audit",
            "created_at": "a time",
            "updated_at": "a time",
            "published_at": "a time",
            "withdrawn_at": "set to now",
            "view_count": "a count shown to the storyteller",
            "names_changed": "whether the published text gave people made-up names",
            "approval_asked_at": "a time (the story was sent to its storyteller to read first)",
            "approval_asked_by_id": "an account",
            "approved_at": "a time (the storyteller said yes)",
        },
    ),
    Owned(
        "teaching_set_items",
        Fate.EMPTIED,
        "the place stays in its set, which then says the story was withdrawn; the educator's words "
        "about the story may quote it",
        emptied={"prompt": "", "questions": "", "clip_id": None},
        kept={
            "id": "a number",
            "set_id": "the set",
            "position": "the place in the set",
            "story_id": "the story, so the set can say it was withdrawn",
            "added_at": "a time",
        },
    ),
    Owned(
        "jobs",
        Fate.EMPTIED,
        "the rows stay for the job pages; an old error may quote what a failed step was handling, so it "
        "is replaced, and jobs that wait are cancelled (a running one cancels itself at its next heartbeat)",
        emptied={"error": jobs.WITHDRAWN},
        kept={
            "id": "a random id",
            "story_id": "the story",
            "kind": "a job kind",
            "state": "cancelled if it waited",
            "progress": "a fraction",
            "attempts": "a count",
            "claim": "a worker's random token (emptied when cancelled)",
            "created_at": "a time",
            "started_at": "a time",
            "heartbeat_at": "a time",
            "finished_at": "a time",
        },
    ),
    Owned(
        "redaction_events",
        Fate.KEPT,
        "the redaction audit: who decided what kind of span, where, and when; never the words",
        kept={
            "id": "a number",
            "story_id": "the story",
            "action": "accepted, rejected, added, ...",
            "span_start": "a character offset",
            "span_end": "a character offset",
            "kind": "NAME, PLACE, ...",
            "source": "which recogniser, or the reviewer",
            "actor_id": "an account",
            "at": "a time",
        },
    ),
    Owned(
        "index_removals",
        Fate.KEPT,
        "the story's id, queued for removal from the search index and gone once it is removed",
        kept={"story_id": "the story", "queued_at": "a time"},
    ),
)

CONSENT_OWNS: tuple[Owned, ...] = (
    Owned(
        "consents",
        Fate.EMPTIED,
        "the row stays for the audit trail; what it holds about the person goes",
        key="id",
        emptied={"witness_encrypted": None, "place_encrypted": None, "comes_of_age_on": None},
        kept={
            "id": "a random id",
            "code": "the printed code (its secret is only a hash)",
            "secret_hash": "a hash",
            "session_generation": "a count that ends the storyteller's sign-ins",
            "status": "set to withdrawn",
            "purpose_teaching": "a term",
            "purpose_public": "a term",
            "purpose_research": "a term",
            "modality_text": "a term",
            "modality_audio": "a term",
            "voice_disguise": "a term",
            "method": "how consent was given",
            "form_version": "the form's version label",
            "form_id": "the form",
            "language": "the language of the form",
            "given_at": "a time",
            "expires_at": "a time",
            "withdrawn_at": "set to now",
            "recorded_by_id": "an account",
            "reconsent_due_at": "a time",
            "expired_at": "a time",
            "storyteller_language": "the language of the storyteller's pages",
            "preview_wanted": "a term",
        },
    ),
    Owned(
        "consent_events",
        Fate.KEPT,
        "the consent's audit trail: who did what, when, how; its details name terms, never content",
        key="consent_id",
        kept={
            "id": "a number",
            "consent_id": "the consent",
            "event": "what happened",
            "channel": "how",
            "actor_id": "an account",
            "at": "a time",
            "details": "the terms that changed (consent.events.EventDetails)",
        },
    ),
)


@dataclass
class Aftermath:
    """What an erasure still has to do once its transaction has committed: delete the files, take
    the stories out of the search index (and, for ``left_index``, out of the index's files), write
    again the index entries of the stories whose published recording went (``unheard``: no longer to
    be found as heard), and, after a withdrawal, fold the database's write-ahead log so it keeps no
    earlier copy of the rows."""

    media_keys: list[str] = field(default_factory=list)
    left_index: list[str] = field(default_factory=list)
    checkpoint: bool = False
    unheard: list[str] = field(default_factory=list)

    def __add__(self, other: Aftermath) -> Aftermath:
        return Aftermath(
            self.media_keys + other.media_keys,
            sorted({*self.left_index, *other.left_index}),
            self.checkpoint or other.checkpoint,
            sorted({*self.unheard, *other.unheard}),
        )

    def finish(self) -> None:
        """Do it; call right after the commit."""
        # Recordings and their copies go once the database no longer names them.
        current_store().remove(self.media_keys)
        # The database now refuses the stories everywhere; take them out of the index. If the index
        # is locked, the queued removals mask them from every search until a later write succeeds. A
        # scrub holds the lock while it rewrites a segment (a minute under load): the request does not
        # wait for it, since the scrub job purges the queue first (bench/withdraw.py --busy-worker).
        purge_pending(timeout=REQUEST_INDEX_WAIT_S)
        # A story still in the library whose recording went is written again, now not heard. (Those
        # that left the index are done; an index too busy now is put right by the next search that
        # shows the story, or the expiry job: the library asks the rule for every hit anyway.)
        left = set(self.left_index)
        refresh_stories(story_id for story_id in self.unheard if story_id not in left)
        # The WAL still holds the pages as they were before the deletes: fold it into the file and
        # empty it (after the removal queue's commit above, so that leaves nothing in the WAL either).
        if self.checkpoint and db.engine.url.get_backend_name() == "sqlite" and not checkpoint_wal():
            log.warning(
                "WAL checkpoint after an erasure was blocked by a reader; SQLite's next one will do it"
            )
        # A removal only marks the index's documents deleted; their words stay in the segment files
        # until those are rewritten. (Search in PostgreSQL deleted its rows in the transaction.)
        if self.left_index and current_index().needs_scrub:
            schedule_scrub()


# How long a withdrawal's request waits for the index lock before leaving its removal queued (masked).
REQUEST_INDEX_WAIT_S = 2.0


def erase_consent(consent: Consent, now: datetime | None = None) -> Aftermath:
    """Erase every story of ``consent`` (locked by the caller, in its transaction) and what the consent
    holds about the person; the rows that stay are listed in ``STORY_OWNS`` and ``CONSENT_OWNS``."""
    now = now or utcnow()
    story_ids = [story.id for story in consent.stories]
    (owned,) = [o for o in CONSENT_OWNS if o.table == "consents"]
    db.session.execute(update(Consent).where(Consent.id == consent.id).values(**owned.emptied))
    return erase_stories(story_ids, now)


def erase_stories(story_ids: list[str], now: datetime | None = None) -> Aftermath:
    """Erase the stories' content everywhere in the database, in the caller's transaction; they are
    marked withdrawn and queued for removal from the index. Commit, then ``finish`` the aftermath."""
    now = now or utcnow()
    if not story_ids:
        db.session.expire_all()
        return Aftermath(checkpoint=True)
    queue_removal(story_ids)
    keys = list(db.session.scalars(select(MediaFile.path).where(MediaFile.story_id.in_(story_ids))))
    _forget_free_tags(story_ids)
    _cancel_waiting(story_ids, now)
    tables = db.metadata.tables
    # Set items first: their clip goes next, and the place must not keep pointing at it.
    for owned in sorted(STORY_OWNS, key=lambda o: o.fate != Fate.EMPTIED):
        table = tables[owned.table]
        where = table.c[owned.key].in_(story_ids)
        if owned.fate == Fate.DELETED:
            db.session.execute(delete(table).where(where).execution_options(synchronize_session=False))
        elif owned.fate == Fate.EMPTIED:
            values = dict(owned.emptied)
            if owned.table == "stories":
                values.update(status=StoryStatus.WITHDRAWN, withdrawn_at=now)
            db.session.execute(update(table).where(where).values(**values))
    db.session.expire_all()  # loaded stories and consents must not write their old values back
    return Aftermath(keys, list(story_ids), checkpoint=True)


def _forget_free_tags(story_ids: list[str]) -> None:
    """Free tags are the facilitator's own words about a story and may name people or places: those no
    other story uses go with it. The admin's controlled vocabulary stays."""
    free = list(
        db.session.scalars(
            select(Tag.id).where(
                Tag.controlled.is_(False),
                Tag.id.in_(select(story_tags.c.tag_id).where(story_tags.c.story_id.in_(story_ids))),
            )
        )
    )
    db.session.execute(delete(story_tags).where(story_tags.c.story_id.in_(story_ids)))
    if free:
        db.session.execute(delete(Tag).where(Tag.id.in_(free), Tag.id.not_in(select(story_tags.c.tag_id))))


def _cancel_waiting(story_ids: list[str], now: datetime, kind: jobs.JobKind | None = None) -> None:
    """Close the stories' jobs that wait (of ``kind``, or all), so nothing picks them up again."""
    stmt = update(Job).where(
        Job.story_id.in_(story_ids), Job.state.in_((JobState.QUEUED, JobState.WAITING_FOR_MODEL))
    )
    if kind is not None:
        stmt = stmt.where(Job.kind == kind)
    db.session.execute(stmt.values(state=JobState.CANCELLED, claim=None, finished_at=now))


def erase_media(media: Iterable[MediaFile], stop: jobs.JobKind | None = None) -> Aftermath:
    """Delete these media rows in the caller's transaction, and their files after the commit; with
    ``stop``, also cancel the waiting jobs of that kind for their stories (they would make them again).

    Narrowing uses it: a recording nobody may hear any more goes at once, with the job that would
    make it."""
    rows = list(media)
    for row in rows:
        db.session.delete(row)
    if stop is not None and rows:
        _cancel_waiting(sorted({row.story_id for row in rows}), utcnow(), stop)
    unheard = sorted({row.story_id for row in rows if row.kind == MediaKind.PUBLISHED})
    return Aftermath([row.path for row in rows], unheard=unheard)


def schedule_scrub() -> None:
    """Have the index segments that hold deleted stories rewritten: in this request with
    ``JOBS_IMMEDIATE``, else by a worker. Called after stories left the index (a withdrawal, or a
    narrowing that takes a story out of the library), once the removal is committed."""
    if jobs.immediate():
        run_scrub()
        return
    try:
        jobs.send(jobs.JobKind.SCRUB_INDEX)
    except Exception:  # the change stands: a queue that is down must not turn it into an error
        log.exception("scrub not sent to the queue; the expiry job (every quarter hour) runs it")
