"""Stories whose storyteller should be asked to consent again, and why.

Two reasons: an admin wrote a new form version that asks earlier signers to consent again (the
consent's ``reconsent_due_at`` is set then), or a guardian consented for a minor who has since come of
age. The second is computed when the list is read, so it never waits for a periodic job; the first
read after the birthday also stamps ``reconsent_due_at`` and an audit event, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from archive.extensions import db
from archive.models import Consent, ConsentEvent, ConsentMethod, ConsentStatus, Story, StoryStatus

CAME_OF_AGE = "came_of_age"
NEW_FORM = "new_form"


@dataclass(frozen=True)
class Due:
    """A story whose consent should be given again, the reason, and since when."""

    story: Story
    reason: str  # CAME_OF_AGE or NEW_FORM
    since: datetime


def due_for_reconsent(now: datetime, facilitator_id: int | None = None, stamp: bool = True) -> list[Due]:
    """Return stories whose consent is due again (one facilitator's, or all).

    With ``stamp``, a minor found to have come of age gets ``reconsent_due_at`` and a
    ``reconsent_due`` event, committed, once. Pages pass ``stamp=False``: a GET never writes, and the
    reason is computed from the date either way. Withdrawn stories and consents that are no longer
    active are left out.
    """
    stmt = (
        select(Story)
        .join(Story.consent)
        .where(
            Story.status != StoryStatus.WITHDRAWN,
            Consent.status == ConsentStatus.ACTIVE,
            or_(
                Consent.reconsent_due_at.is_not(None),
                (Consent.method == ConsentMethod.GUARDIAN) & (Consent.comes_of_age_on <= now.date()),
            ),
        )
        .order_by(Story.created_at)
    )
    if facilitator_id is not None:
        stmt = stmt.where(Story.facilitator_id == facilitator_id)
    due: list[Due] = []
    stamped = False
    for story in db.session.scalars(stmt):
        consent = story.consent
        of_age = (
            consent.method == ConsentMethod.GUARDIAN
            and consent.comes_of_age_on is not None
            and consent.comes_of_age_on <= now.date()
        )
        if of_age:
            if stamp and consent.reconsent_due_at is None:
                consent.reconsent_due_at = now
                db.session.add(
                    ConsentEvent(
                        consent_id=consent.id,
                        event="reconsent_due",
                        channel="system",
                        at=now,
                        detail=f"came of age on {consent.comes_of_age_on.isoformat()}",
                    )
                )
                stamped = True
            due.append(
                Due(story, CAME_OF_AGE, datetime.combine(consent.comes_of_age_on, datetime.min.time()))
            )
        else:
            due.append(Due(story, NEW_FORM, consent.reconsent_due_at))
    if stamped:
        db.session.commit()
    return due
