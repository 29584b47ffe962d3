"""Per-account upload quotas: how many stories, and how many bytes of recordings, one account may bring
in over the last day.

One facilitator's account (or a stolen session) must not fill the disk or keep the job workers busy
for everyone: past either limit the new-story form answers 429 with a message saying which limit was
reached and when the next upload fits. The day is the last 24 hours, not a calendar day, so there is
no midnight at which a burst doubles. Stories count when saved (a refused form costs nothing), and
count even if later withdrawn, since their work was done. Each limit is a setting; 0 switches it off.

Any way of bringing a story in (the form today, resumable uploads later) asks ``check`` before it takes
the bytes, with the size it was told to expect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from archive.errors import RateLimited
from archive.extensions import db
from archive.models import MediaFile, Story, utcnow

WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class Usage:
    """What an account brought in over the window: stories, bytes of recordings, and when the oldest
    counted story was saved (the window frees room from then on)."""

    stories: int
    bytes: int
    oldest: datetime | None


def usage(user_id: int, now: datetime | None = None) -> Usage:
    """The account's stories and recording bytes saved in the last 24 hours."""
    since = (now or utcnow()) - WINDOW
    stories, oldest = db.session.execute(
        select(func.count(Story.id), func.min(Story.created_at)).where(
            Story.facilitator_id == user_id, Story.created_at >= since
        )
    ).one()
    size = db.session.scalar(
        select(func.coalesce(func.sum(MediaFile.size_bytes), 0))
        .join(Story, Story.id == MediaFile.story_id)
        .where(Story.facilitator_id == user_id, Story.created_at >= since)
    )
    return Usage(int(stories or 0), int(size or 0), oldest)


def check(user_id: int, incoming_bytes: int = 0, now: datetime | None = None) -> None:
    """Raise RateLimited (429) when one more story, or ``incoming_bytes`` more, would go past the
    account's daily limits (``UPLOAD_STORIES_PER_DAY``, ``UPLOAD_BYTES_PER_DAY``)."""
    cfg = current_app.config
    max_stories = int(cfg.get("UPLOAD_STORIES_PER_DAY") or 0)
    max_bytes = int(cfg.get("UPLOAD_BYTES_PER_DAY") or 0)
    if not max_stories and not max_bytes:
        return
    now = now or utcnow()
    used = usage(user_id, now)
    when = (used.oldest + WINDOW).strftime("%Y-%m-%d %H:%M UTC") if used.oldest else None
    if max_stories and used.stories >= max_stories:
        raise RateLimited(
            f"This account has brought in {used.stories} stories in the last 24 hours, its daily limit "
            f"({max_stories}). The next one can be added after {when}; an administrator can raise the "
            "limit (UPLOAD_STORIES_PER_DAY)."
        )
    if max_bytes and used.bytes + max(0, incoming_bytes) > max_bytes:
        later = f", or try again after {when}" if when else ""
        raise RateLimited(
            f"This upload would take this account past its daily limit of {_megabytes(max_bytes)} of "
            f"recordings ({_megabytes(used.bytes)} used in the last 24 hours). Send a smaller file{later}; "
            "an administrator can raise the limit (UPLOAD_BYTES_PER_DAY)."
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"
