"""The publication rule: the one place that decides whether an educator may see a story.

A story is shown only if it is published, its consent is active and unexpired, the consent's purposes
include teaching, and the requested modality (text or audio) is consented. ``publishable`` checks one
loaded story; ``publishable_clause`` is the same rule as a SQL condition for queries. They are kept side
by side so they cannot drift apart, and the tests check that they agree.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select, update

from .extensions import db, rows_changed
from .models import Consent, ConsentStatus, Modality, Story, StoryStatus, utcnow


def publishable(story: Story | None, modality: str = Modality.TEXT, now: datetime | None = None) -> bool:
    """Return True if an educator may see ``story`` in ``modality`` now."""
    if story is None or story.status != StoryStatus.PUBLISHED:
        return False
    consent = story.consent
    now = now or utcnow()
    if consent is None or consent.status != ConsentStatus.ACTIVE:
        return False
    if consent.expires_at is not None and consent.expires_at <= now:
        return False
    if not consent.purpose_teaching:
        return False
    if modality == Modality.TEXT:
        return bool(consent.modality_text and story.published_text)
    if modality == Modality.AUDIO:
        return bool(consent.modality_audio)
    return False


def publishable_clause(modality: str = Modality.TEXT, now: datetime | None = None):
    """Return the rule as a SQL condition; the query must join ``Story.consent``."""
    now = now or utcnow()
    conditions = [
        Story.status == StoryStatus.PUBLISHED,
        Consent.status == ConsentStatus.ACTIVE,
        or_(Consent.expires_at.is_(None), Consent.expires_at > now),
        Consent.purpose_teaching.is_(True),
    ]
    if modality == Modality.TEXT:
        # Python treats an empty text as nothing to show; say the same in SQL ('' is not NULL there).
        conditions += [
            Consent.modality_text.is_(True),
            Story.published_text.is_not(None),
            Story.published_text != "",
        ]
    elif modality == Modality.AUDIO:
        conditions.append(Consent.modality_audio.is_(True))
    else:
        raise ValueError(f"unknown modality {modality!r}")
    return and_(*conditions)


def publishable_stories(modality: str = Modality.TEXT, now: datetime | None = None):
    """Return a select() of every story an educator may see in ``modality``."""
    return select(Story).join(Story.consent).where(publishable_clause(modality, now))


def change_while_consented(story_id: str, statuses: tuple[str, ...], **values) -> bool:
    """Take a story for a change that must not outlive a withdrawal; say whether it could be taken.

    In the caller's transaction, before it changes the story: the consent's row lock first (the lock
    a withdrawal takes; PostgreSQL), then a conditional UPDATE that sets ``values`` only if the story
    is still in one of ``statuses`` and its consent still active. On SQLite that UPDATE is the
    transaction's first write and takes the database's write lock, so its conditions hold until the
    caller commits. Either way a withdrawal and the change are ordered: the change fails if the
    withdrawal came first, and the withdrawal erases the change if it comes after. Checking the
    statuses in Python instead would leave a gap between the check and the write.
    """
    consent_id = db.session.scalar(select(Story.consent_id).where(Story.id == story_id))
    if consent_id is None:
        return False
    db.session.scalar(select(Consent.id).where(Consent.id == consent_id).with_for_update())
    moved = db.session.execute(
        update(Story)
        .where(
            Story.id == story_id,
            Story.status.in_(statuses),
            Story.consent_id.in_(select(Consent.id).where(Consent.status == ConsentStatus.ACTIVE)),
        )
        .values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    if rows_changed(moved) != 1:
        return False
    # The caller's session may hold the consent as it was before a change committed elsewhere (a
    # narrowing: teaching or the text removed). Read it again under the lock, so the rule checked
    # after this (``publishable``: index the story or not, make its recording or not) sees its terms
    # as they are now, not as the request first loaded them.
    db.session.get(Consent, consent_id, populate_existing=True)
    return True
