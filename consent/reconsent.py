"""Stories whose storyteller should be asked to consent again, why, and recording the consent given again.

Two reasons: an admin wrote a new form version that asks earlier signers to consent again (the
consent's ``reconsent_due_at`` is set then), or a guardian consented for a minor who has since come of
age. The second is computed when the list is read, so it never waits for a periodic job; the first
read after the birthday also stamps ``reconsent_due_at`` and an audit event, once.

A guardian's consent for a minor ends a grace period after the storyteller comes of age
(``records.guardian_limit``, kept as the consent's end date), so a story nobody asks again is hidden
and then treated like any expired consent. ``renew`` records the consent given again, on the current
form of the consent's language: the new terms replace the old ones, any use left out takes effect at
once as a narrowing does (``changes.apply_narrowing``), and a storyteller who has come of age gets a
card of their own (a new secret: the guardian's card stops working).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from flask import current_app
from sqlalchemy import or_, select

from archive.crypto import hash_secret, new_consent_secret
from archive.erasure import Aftermath
from archive.errors import Conflict, ValidationFailed
from archive.extensions import db
from archive.jobs import JobKind, submit
from archive.media import published_recording
from archive.models import (
    Consent,
    ConsentEventKind,
    ConsentForm,
    ConsentMethod,
    ConsentStatus,
    Job,
    JobState,
    MediaFile,
    MediaKind,
    Modality,
    Story,
    StoryStatus,
    utcnow,
)
from archive.publication import publishable
from archive.search import sync_story

from .changes import (
    Uses,
    apply_narrowing,
    drop_published_recordings,
    lock_consent,
    queue_unpublishable,
    removed_uses,
)
from .events import EventDetails, PeriodEnd, record_event
from .form_versions import current_form
from .records import ConsentTerms, capped_end, guardian_limit, validate_terms, write_terms

CAME_OF_AGE = "came_of_age"
NEW_FORM = "new_form"
DUE_STATUSES = (ConsentStatus.ACTIVE, ConsentStatus.EXPIRED)
NOT_DUE = "This story's consent is not due again: there is nothing to renew."
GUARDIAN_NO_MORE = (
    "The storyteller has come of age: a guardian can no longer consent for them. Record their own "
    "consent, or a guardian's for an adult who cannot consent."
)


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
            # An expired consent is still in its grace period: asking again can save the story.
            Consent.status.in_(DUE_STATUSES),
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
                record_event(
                    consent,
                    ConsentEventKind.RECONSENT_DUE,
                    "system",
                    details=EventDetails(came_of_age_on=consent.comes_of_age_on),
                    at=now,
                )
                _end_guardian_period(consent, now)
                stamped = True
            due.append(
                Due(story, CAME_OF_AGE, datetime.combine(consent.comes_of_age_on, datetime.min.time()))
            )
        else:
            due.append(Due(story, NEW_FORM, consent.reconsent_due_at))
    if stamped:
        db.session.commit()
    return due


def _end_guardian_period(consent: Consent, now: datetime) -> None:
    """Give a guardian's consent recorded without its limit (before limits existed) its end date."""
    end = capped_end(consent.expires_at, guardian_limit(consent.method, consent.comes_of_age_on))
    if end != consent.expires_at:
        consent.expires_at = end
        details = EventDetails(period=PeriodEnd.ENDS, ends_on=end.date())
        record_event(consent, ConsentEventKind.CHANGED, "system", details=details, at=now)


def came_of_age(consent: Consent, now: datetime | None = None) -> bool:
    """Whether a guardian consented for a minor who has since come of age."""
    today = (now or utcnow()).date()
    return bool(
        consent.method == ConsentMethod.GUARDIAN
        and consent.comes_of_age_on is not None
        and consent.comes_of_age_on <= today
    )


def is_due(consent: Consent, now: datetime | None = None) -> bool:
    """Whether the storyteller should be asked to consent again (the list's rule, for one consent)."""
    flagged = consent.reconsent_due_at is not None or came_of_age(consent, now)
    return consent.status in DUE_STATUSES and flagged


NO_RECORDING_HERE = (
    "A consent said aloud needs its recording, which this page does not take: record it signed, with a "
    "thumbprint or a guardian, or bring the story in again with the recording."
)


def renewal_form(story: Story) -> ConsentForm | None:
    """The form version a consent given again is recorded on: the newest in the consent's language."""
    return current_form(story.consent.language or story.language)


def renewal_terms(story: Story, terms: ConsentTerms) -> ConsentTerms:
    """Put the current form version of the consent's language into ``terms``.

    With no form written for that language, the version label is ``CONSENT_FORM_VERSION``, the one
    a new consent would be recorded with.
    """
    language = story.consent.language or story.language
    form = renewal_form(story)
    if form is None:
        return replace(
            terms, form_id=None, form_version=current_app.config["CONSENT_FORM_VERSION"], language=language
        )
    return replace(terms, form_id=form.id, form_version=form.version, language=form.language)


@dataclass(frozen=True)
class Renewed:
    """A consent given again: what was left out (taking effect now), and a new card's secret if any."""

    consent: Consent
    removed: list[str]
    secret: str | None  # a storyteller who came of age gets their own card


def renew(story: Story, terms: ConsentTerms, actor_id: int) -> Renewed:
    """Record that the storyteller consented again, on the current form; committed, effective at once.

    Raise ValidationFailed for bad terms (a guardian for a minor who has come of age included),
    Conflict if the consent is not due again, NotAllowed once it is withdrawn.
    """
    now = utcnow()
    terms = renewal_terms(story, terms)
    reasons = validate_terms(terms)
    if came_of_age(story.consent, now) and terms.method == ConsentMethod.GUARDIAN:
        reasons.setdefault("method", []).append(GUARDIAN_NO_MORE)
    if terms.method == ConsentMethod.VERBAL_RECORDED:
        # The renewal takes no recording, and the story's consent recording is the earlier consent's:
        # it cannot stand for this one.
        reasons.setdefault("method", []).append(NO_RECORDING_HERE)
    if reasons:
        raise ValidationFailed(reasons)
    locked = lock_consent(story.consent)  # as a narrowing or a withdrawal locks it; NotAllowed if withdrawn
    if not is_due(locked, now):  # checked again under the lock: renewed a moment ago, or no longer due
        db.session.rollback()
        raise Conflict(NOT_DUE)
    of_age = came_of_age(locked, now)
    removed = removed_uses(locked, Uses(terms.purposes, terms.modalities))
    aftermath = apply_narrowing(locked, removed, "staff_web", actor_id) if removed else Aftermath()
    disguise_added = terms.voice_disguise and not locked.voice_disguise and Modality.AUDIO in terms.modalities
    write_terms(locked, terms, actor_id)
    if disguise_added:
        # The recording educators hear has the storyteller's own voice: it goes now, and is made
        # again with the voice disguised (below).
        aftermath += drop_published_recordings(locked)
    locked.status = ConsentStatus.ACTIVE
    locked.expired_at = None
    locked.reconsent_due_at = None
    details = EventDetails(form_version=locked.form_version, came_of_age=of_age)
    record_event(locked, ConsentEventKind.RENEWED, "staff_web", actor_id, details)
    secret = None
    if of_age:
        # The guardian holds the old card; from now on the storyteller alone controls their consent.
        secret = new_consent_secret()
        locked.secret_hash = hash_secret(secret)
        record_event(locked, ConsentEventKind.SECRET_RESET, "staff_web", actor_id)
    aftermath += Aftermath(left_index=queue_unpublishable(locked))
    db.session.commit()
    aftermath.finish()
    for item in locked.stories:
        if publishable(item):
            sync_story(item)  # back in the library: a use given again, or a period that had ended
    _remake_recordings(locked)
    return Renewed(locked, removed, secret)


def _remake_recordings(consent: Consent) -> None:
    """Make the recording educators hear for published recorded stories that may be heard now and
    have none (audio given again, or the voice to be disguised), when the listening copy is still kept."""
    for item in consent.stories:
        if item.kind != "audio" or not publishable(item, Modality.AUDIO) or published_recording(item.id):
            continue
        listening = db.session.scalar(
            select(MediaFile.id).where(MediaFile.story_id == item.id, MediaFile.kind == MediaKind.LISTENING)
        )
        waiting = db.session.scalar(
            select(Job.id).where(
                Job.story_id == item.id,
                Job.kind == JobKind.PUBLISH_AUDIO,
                Job.state.in_((JobState.QUEUED, JobState.RUNNING, JobState.WAITING_FOR_MODEL)),
            )
        )
        if listening is not None and waiting is None:
            submit(item.id, JobKind.PUBLISH_AUDIO)
