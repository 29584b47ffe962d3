"""Withdrawal: a withdrawn story is gone from everything at once, and only an audit row remains.

What it leaves nowhere, in order:

1. the database, in one transaction: text, title, transcript, spans, known identifiers, free tags,
   media rows, job errors, the consent's witness, place and coming-of-age date; teaching sets keep the
   story's place but lose the educators' words about it (``archive.erasure`` lists every table a
   story owns and what becomes of it); SQLite's ``secure_delete`` zeroes the freed space, and a WAL
   checkpoint (TRUNCATE) right after the commit drops the log's older copies of the pages;
2. media: originals, listening copies, published recordings, consent recordings;
3. the search index: the documents are deleted at once (no search finds them from the next query),
   then the ``SCRUB_INDEX`` job rewrites the segments that held them so no index file keeps their words. The
   scrub is a background job on the upkeep queue (about 2 s of CPU for a segment of a thousand); with
   ``JOBS_IMMEDIATE`` it runs in the request, and the expiry job and ``expire-consents`` run any
   scrub left over.
"""

from __future__ import annotations

from sqlalchemy import update

from archive.erasure import erase_consent
from archive.extensions import db
from archive.models import Consent, ConsentEventKind, ConsentStatus, utcnow

from .events import record_event


def withdraw(
    consent: Consent,
    channel: str,
    actor_id: int | None = None,
    only_if: tuple[str, ...] = (ConsentStatus.ACTIVE, ConsentStatus.EXPIRED),
) -> bool:
    """Withdraw ``consent`` and erase its stories' content; return False if it was withdrawn already.

    In one request: the stories' text, title, tags, spans and known identifiers are deleted and the
    consent is marked withdrawn, keeping only who/when/how in the audit trail; in the same transaction
    the stories are queued for removal from the index, which happens right after the commit. Free tags
    that only these stories used are deleted too. ``only_if``: the consent statuses to act on (the
    expiry job withdraws only a consent still expired, not one the storyteller renewed a moment ago).
    """
    # Two withdrawals at once must do one. PostgreSQL: the row lock orders them. SQLite has no row
    # locks, and a status read before the write lock is stale by the time the second one writes: the
    # conditional UPDATE is the transaction's first write, so it takes the database's write lock (the
    # other withdrawal waits for it) and checks the status under that lock.
    now = utcnow()
    db.session.scalar(db.select(Consent.id).where(Consent.id == consent.id).with_for_update())
    claimed = db.session.execute(
        update(Consent)
        .where(Consent.id == consent.id, Consent.status.in_(only_if))
        .values(status=ConsentStatus.WITHDRAWN, withdrawn_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        return False
    locked = db.session.get(Consent, consent.id, populate_existing=True)
    # The stories' content everywhere in the database, and what the consent row holds about the person
    # (its row stays for the audit trail): archive.erasure decides what goes and what stays.
    aftermath = erase_consent(locked, now)
    record_event(locked, ConsentEventKind.WITHDRAWN, channel, actor_id)
    db.session.commit()
    db.session.expire_all()
    # Files, the index, the index's files and the write-ahead log, once the database no longer names
    # the stories.
    aftermath.finish()
    return True
