"""Consent expiry: a story whose consent period ended is hidden at once, and withdrawn after a grace period.

``expire_consents`` does both steps and is idempotent; it runs as the periodic ``EXPIRE_CONSENTS`` job
(every quarter hour, in ``serve``'s embedded workers and in ``story-archive worker``) and
as ``story-archive expire-consents`` for cron. The publication rule already refuses a story the moment
its period ends (it compares ``expires_at`` with the clock on every request); this job makes that
visible and final:

1. an active consent whose ``expires_at`` has passed becomes EXPIRED (``expired_at`` set, a
   ConsentEvent "expired" with channel "expiry"), its stories leave the search index, and the
   facilitator's story list and page say so and when the grace period ends (no e-mail exists here);
2. an expired consent whose grace period (``CONSENT_EXPIRY_GRACE_DAYS`` after it was marked expired)
   has passed is withdrawn (``withdraw(..., channel="expiry")``): its content is deleted everywhere.

The grace period counts from ``expired_at`` rather than ``expires_at``, so the facilitator always has
the whole period after the notice appears, even if the job did not run for a while.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from archive.extensions import db
from archive.models import Consent, ConsentEventKind, ConsentStatus, Story, utcnow
from archive.search import purge_pending, queue_removal, reconcile_heard, run_scrub

from .changes import N_
from .events import EventDetails, record_event
from .reconsent import due_for_reconsent
from .records import guardian_limit
from .withdrawal import withdraw

log = logging.getLogger(__name__)


@dataclass
class ExpiryReport:
    """What one run did: consent ids marked expired, and consent ids withdrawn after the grace period."""

    expired: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)


def grace_period() -> timedelta:
    return timedelta(days=float(current_app.config["CONSENT_EXPIRY_GRACE_DAYS"]))


def withdrawal_due(consent: Consent) -> datetime | None:
    """When an expired consent will be treated as withdrawn; None if it is not expired."""
    if consent.status != ConsentStatus.EXPIRED or consent.expired_at is None:
        return None
    return consent.expired_at + grace_period()


def expiry_notice(consent: Consent, now: datetime | None = None) -> str | None:
    """What the facilitator is told about a consent whose period ended; None while it runs."""
    now = now or utcnow()
    if consent.status == ConsentStatus.WITHDRAWN or consent.expires_at is None or consent.expires_at > now:
        return None
    ended = f"{consent.expires_at:%Y-%m-%d}"
    notice = f"The consent period ended on {ended}: the story is hidden from the library."
    due = withdrawal_due(consent)
    if due is not None:
        notice += (
            f" Unless the storyteller extends the period, it will be treated as withdrawn and its content"
            f" deleted on {due:%Y-%m-%d}."
        )
    return notice


# What the storyteller (or their guardian) reads about a period that ended or is about to end because
# a guardian consented; translated where shown, with the dates filled in there.
ENDED_DELETION_DUE = N_(
    "Unless you choose a later last day before %(date)s, your story will then be taken back and its "
    "words deleted."
)
GUARDIAN_ENDED_DELETION_DUE = N_(
    "A guardian's consent cannot be made longer. Unless the storyteller gives their own consent to "
    "the health worker before %(date)s, the story will then be taken back and its words deleted."
)
GUARDIAN_ENDS = N_(
    "A guardian gave this consent, so it lasts until %(date)s, a little after the storyteller comes of "
    "age. To keep the story used after that, the storyteller gives their own consent to the health "
    "worker."
)


@dataclass(frozen=True)
class StorytellerNotice:
    """A message for the storyteller's page (an English msgid, see above) and the date it names."""

    message: str
    date: datetime


def storyteller_notice(consent: Consent, now: datetime | None = None) -> StorytellerNotice | None:
    """What the storyteller's page says about the end of the consent, beyond its dates; or None."""
    now = now or utcnow()
    guardian = guardian_limit(consent.method, consent.comes_of_age_on) is not None
    due = withdrawal_due(consent)
    if due is not None:
        return StorytellerNotice(GUARDIAN_ENDED_DELETION_DUE if guardian else ENDED_DELETION_DUE, due)
    if guardian and consent.status == ConsentStatus.ACTIVE and consent.expires_at is not None:
        return StorytellerNotice(GUARDIAN_ENDS, consent.expires_at)
    return None


def expire_consents(now: datetime | None = None) -> ExpiryReport:
    """Mark consents whose period ended as expired, and withdraw those past the grace period."""
    now = now or utcnow()
    report = ExpiryReport()
    # Minors who came of age: re-consent is due, and a guardian's consent recorded before limits
    # existed gets its end date (then it expires below like any other once that day has passed).
    due_for_reconsent(now)
    ended = db.session.scalars(
        select(Consent.id).where(
            Consent.status == ConsentStatus.ACTIVE,
            Consent.expires_at.is_not(None),
            Consent.expires_at <= now,
        )
    ).all()
    db.session.rollback()
    for consent_id in ended:
        if mark_expired(consent_id, now):
            report.expired.append(consent_id)
    cutoff = now - grace_period()
    overdue = db.session.scalars(
        select(Consent.id).where(Consent.status == ConsentStatus.EXPIRED, Consent.expired_at <= cutoff)
    ).all()
    db.session.rollback()
    for consent_id in overdue:
        consent = db.session.get(Consent, consent_id)
        # withdraw() checks the status under the write lock: a consent the storyteller renewed (active
        # again) or withdrew a moment ago is left as it is.
        if consent is not None and withdraw(consent, "expiry", only_if=(ConsentStatus.EXPIRED,)):
            report.withdrawn.append(consent_id)
    if report.expired or report.withdrawn:
        log.info("consent expiry: %d expired, %d withdrawn", len(report.expired), len(report.withdrawn))
    # A scrub lost with a worker (or refused by a busy index) is done here: the index says what is left.
    run_scrub()
    # So is an index entry a busy index kept as heard (or not) when the recording came or went.
    if reconcile_heard():
        log.info("consent expiry: search entries written again to say whether they may be heard")
    return report


def mark_expired(consent_id: str, now: datetime) -> bool:
    """Mark one consent expired if it still is active and past its end; say whether this call did."""
    db.session.scalar(select(Consent.id).where(Consent.id == consent_id).with_for_update())
    moved = db.session.execute(
        update(Consent)
        .where(
            Consent.id == consent_id,
            Consent.status == ConsentStatus.ACTIVE,
            Consent.expires_at.is_not(None),
            Consent.expires_at <= now,
        )
        .values(status=ConsentStatus.EXPIRED, expired_at=now)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # renewed, withdrawn or expired by another run meanwhile
        db.session.rollback()
        return False
    consent = db.session.get(Consent, consent_id)
    queue_removal(db.session.scalars(select(Story.id).where(Story.consent_id == consent_id)))
    details = EventDetails(ended_on=consent.expires_at.date())
    record_event(consent, ConsentEventKind.EXPIRED, "expiry", details=details)
    db.session.commit()
    purge_pending()
    return True
