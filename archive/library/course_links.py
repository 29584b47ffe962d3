"""Course links: a link that opens one teaching set to students without an account, until it ends.

Only a hash of the link's token is kept: the link itself is shown once, to the educator who made it.
Every view through it checks the period and, for each story, the publication rule.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from archive.crypto import hash_token
from archive.errors import ArchiveError, NotFound, ValidationFailed
from archive.extensions import db
from archive.models import CourseLink, TeachingSet, utcnow
from archive.text import checked_text

MAX_LABEL_CHARS = 120
COURSE_DAYS_MIN, COURSE_DAYS_MAX = 1, 365
LINK_ENDED = (
    "This course link has ended: its period is over or the teacher withdrew it. "
    "Ask your teacher for a new link."
)


class LinkEnded(ArchiveError):
    """A course link whose period is over or that its owner revoked."""

    status = 410


def create_link(teaching_set: TeachingSet, user, days: str, label: str) -> tuple[CourseLink, str]:
    """Make a course link valid for ``days`` (1 to 365); return it with its token, shown only once."""
    try:
        count = int(days)
    except (TypeError, ValueError):
        count = 0
    if not COURSE_DAYS_MIN <= count <= COURSE_DAYS_MAX:
        raise ValidationFailed({"days": ["A course link lasts from 1 day to 1 year (365 days)."]})
    token = secrets.token_urlsafe(32)
    link = CourseLink(
        set_id=teaching_set.id,
        token_hash=hash_token(token),
        label=checked_text(label, MAX_LABEL_CHARS, "label", "label"),
        created_by_id=user.id,
        expires_at=utcnow() + timedelta(days=count),
    )
    db.session.add(link)
    db.session.commit()
    return link, token


def revoke_link(teaching_set: TeachingSet, link_id: int) -> None:
    """End a course link now (idempotent)."""
    link = next((each for each in teaching_set.links if each.id == link_id), None)
    if link is None:
        raise NotFound()
    if link.revoked_at is None:
        link.revoked_at = utcnow()
    db.session.commit()


def link_state(link: CourseLink, now: datetime | None = None) -> str:
    now = now or utcnow()
    if link.revoked_at is not None:
        return "revoked"
    return "ended" if link.expires_at <= now else "valid"


def course_link(token: str) -> CourseLink:
    """Return the valid course link for ``token``; NotFound for unknown, LinkEnded once over."""
    if not token or len(token) > 100:
        raise NotFound()
    link = db.session.scalar(select(CourseLink).where(CourseLink.token_hash == hash_token(token)))
    if link is None:
        raise NotFound()
    if link_state(link) != "valid":
        raise LinkEnded(LINK_ENDED)
    return link
