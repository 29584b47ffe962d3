"""Changing a consent after it was given: narrowing its uses, moving its end date, resetting its secret.

Every change takes effect in the request that makes it. The consent's row is locked the way a
withdrawal locks it, the change and its audit rows (``changed``, ``secret_reset``; the detail names
only terms of the consent, never story content) are committed together with the index removals it
calls for, and right after the commit the stories leave the index (or come back, when a later end
date makes them publishable again).

What narrowing deletes (decided here, see the README, "Changing consent"):

- **audio removed**: the published recording (the only one educators hear) is deleted at once. For a
  story already published, the listening copy and the original go too: nothing may use the recording
  any more, and the text was reviewed already. For a story still on its way (being transcribed or
  reviewed) the original and the listening copy stay, because the text is made from them and the
  reviewer listens to correct it; educators never hear either.
- **text removed**: the story leaves search, story pages and the API at once (educators read stories;
  the library needs the text). The redacted text stays, so the storyteller still sees what they shared
  and the published recording (if audio is kept) still matches its redactions.
- **a purpose removed**: if teaching goes, the story leaves the library at once; public and research
  uses have no place in the library, so nothing else changes there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select, update

from archive.crypto import hash_secret, new_consent_secret
from archive.erasure import Aftermath, erase_media
from archive.errors import NotAllowed, ValidationFailed
from archive.extensions import db
from archive.i18n import N_
from archive.jobs import JobKind
from archive.models import (
    Consent,
    ConsentEvent,
    ConsentEventKind,
    ConsentStatus,
    MediaFile,
    MediaKind,
    Modality,
    Purpose,
    Story,
    StoryStatus,
    utcnow,
)
from archive.publication import publishable
from archive.search import queue_removal, sync_story

from .events import EventDetails, PeriodEnd, record_event
from .records import guardian_limit

KEEP_ONE_PURPOSE = N_(
    "Keep at least one use. If you do not want your story used at all, take it back instead."
)
KEEP_ONE_MODALITY = N_(
    "Keep the text or the recording. If you want neither used, take your story back instead."
)
ONLY_NARROW = N_("This page can only remove uses. To add one, ask the health worker who recorded your story.")
NOT_ACTIVE = N_("Your story was taken back, so there is nothing left to change.")
GUARDIAN_LIMIT = N_(
    "A guardian gave this consent, so it can last at most until %(date)s, a little after the "
    "storyteller comes of age. After that the storyteller gives their own consent: ask the health "
    "worker who recorded the story."
)
CHECK_PERSON = (
    "Tick the box to confirm you have checked that this person is the storyteller or their guardian."
)


@dataclass(frozen=True)
class Uses:
    """What the storyteller keeps: the purposes and the modalities they leave ticked."""

    purposes: frozenset[str]
    modalities: frozenset[str]


class BeyondGuardianLimit(ValidationFailed):
    """A guardian's consent for a minor cannot be made to last past its limit (``guardian_limit``)."""

    def __init__(self, limit: datetime):
        super().__init__({"ends_on": [GUARDIAN_LIMIT]})
        self.limit = limit


@dataclass(frozen=True)
class PeriodChange:
    """The end date the storyteller chose (None: no end date), and whether it ends the consent now."""

    expires_at: datetime | None
    ends_now: bool


def lock_consent(consent: Consent) -> Consent:
    """Lock the consent's row (the lock a withdrawal takes) and return it, or refuse if withdrawn.

    As in ``consent.withdrawal.withdraw``: SQLite ignores FOR UPDATE, so the first write is a
    conditional UPDATE that takes the database's write lock and checks the status under it; a change
    can then never act on a consent withdrawn a moment before (and, say, put its story back in the
    index).
    """
    claimed = db.session.execute(
        update(Consent)
        .where(Consent.id == consent.id, Consent.status != ConsentStatus.WITHDRAWN)
        .values(status=Consent.status)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        raise NotAllowed(NOT_ACTIVE)
    locked = db.session.scalar(
        select(Consent)
        .where(Consent.id == consent.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if locked is None or locked.status == ConsentStatus.WITHDRAWN:
        db.session.rollback()
        raise NotAllowed(NOT_ACTIVE)
    return locked


def narrow(consent: Consent, uses: Uses, channel: str, actor_id: int | None = None) -> list[str]:
    """Keep only ``uses`` of the consent, in this request; return what was removed ("audio", ...).

    Raise ValidationFailed when nothing would be left (withdrawal is the way to stop every use) or
    when a use would be added (only staff record new consent), NotAllowed once withdrawn.
    """
    if not uses.purposes:
        raise ValidationFailed({"purposes": [KEEP_ONE_PURPOSE]})
    if not uses.modalities:
        raise ValidationFailed({"modalities": [KEEP_ONE_MODALITY]})
    locked = lock_consent(consent)
    if not uses.purposes <= set(locked.purposes) or not uses.modalities <= set(locked.modalities):
        db.session.rollback()
        raise ValidationFailed({"": [ONLY_NARROW]})
    removed = removed_uses(locked, uses)
    if not removed:
        db.session.rollback()
        return []
    aftermath = apply_narrowing(locked, removed, channel, actor_id)
    db.session.commit()
    aftermath.finish()
    return removed


def removed_uses(consent: Consent, uses: Uses) -> list[str]:
    """The purposes and modalities the consent has now that ``uses`` leaves out."""
    removed = [p for p in consent.purposes if p not in uses.purposes]
    return removed + [m for m in consent.modalities if m not in uses.modalities]


def apply_narrowing(locked: Consent, removed: list[str], channel: str, actor_id: int | None) -> Aftermath:
    """Remove uses from a locked consent in the caller's transaction: the terms, a ``changed`` event
    each, the recordings nobody may use now, and the queued index removals; commit, then ``finish``."""
    for name in removed:
        kind = "purpose" if name in set(Purpose) else "modality"
        setattr(locked, f"{kind}_{name}", False)
        record_event(locked, ConsentEventKind.CHANGED, channel, actor_id, EventDetails(removed=name))
    aftermath = _drop_recordings(locked) if Modality.AUDIO in removed else Aftermath()
    return aftermath + Aftermath(left_index=queue_unpublishable(locked))


def _drop_recordings(consent: Consent) -> Aftermath:
    """Delete the recordings nobody may use now that audio is removed (their files after the commit),
    and the waiting jobs that would make the published one again."""
    published = [s.id for s in consent.stories if s.status == StoryStatus.PUBLISHED]
    story_ids = [s.id for s in consent.stories]
    if not story_ids:
        return Aftermath()
    # The published copy, and the reviewer's preview of it (the voice too), go for every story.
    gone_everywhere = (MediaKind.PUBLISHED, MediaKind.PREVIEW)
    doomed = MediaFile.story_id.in_(story_ids) & MediaFile.kind.in_(gone_everywhere)
    if published:
        recordings = (MediaKind.LISTENING, MediaKind.ORIGINAL)
        doomed = doomed | (MediaFile.story_id.in_(published) & MediaFile.kind.in_(recordings))
    # A publish_audio job waiting to run would make a recording nobody may hear: closed. A running one
    # sees the change at its next heartbeat (the rule refuses the audio) and stops.
    return erase_media(db.session.scalars(select(MediaFile).where(doomed)), stop=JobKind.PUBLISH_AUDIO)


def drop_published_recordings(consent: Consent) -> Aftermath:
    """Delete the recordings educators hear (made under terms no longer in force), their files after
    the commit. The listening copies stay."""
    story_ids = [s.id for s in consent.stories]
    if not story_ids:
        return Aftermath()
    published = MediaFile.story_id.in_(story_ids) & (MediaFile.kind == MediaKind.PUBLISHED)
    return erase_media(db.session.scalars(select(MediaFile).where(published)))


def queue_unpublishable(consent: Consent) -> list[str]:
    """Queue, in this transaction, the index removal of every story the rule now refuses; return the
    published ones among them (those the index may hold)."""
    db.session.flush()
    refused = [s for s in consent.stories if not publishable(s)]
    queue_removal([s.id for s in refused])
    return [s.id for s in refused if s.status == StoryStatus.PUBLISHED]


def period_from(ends_on: date | None, today: date | None = None) -> PeriodChange:
    """Turn a chosen last day into the consent's end: the start of that day, or now if it has come."""
    if ends_on is None:
        return PeriodChange(None, ends_now=False)
    now = utcnow()
    if ends_on <= (today or now.date()):
        return PeriodChange(now, ends_now=True)
    return PeriodChange(datetime.combine(ends_on, time.min), ends_now=False)


def change_period(consent: Consent, change: PeriodChange, channel: str, actor_id: int | None = None) -> bool:
    """Move the consent's end to ``change.expires_at`` in this request; return False if nothing changed.

    A later end (or none) brings back to the library the stories the rule allows again, and a consent
    the expiry job marked expired (still in its grace period) becomes active again. An end that has
    come hides the stories at once; the expiry job then treats the consent like any expired one.
    """
    locked = lock_consent(consent)
    old = locked.expires_at
    ended_already = old is not None and old <= utcnow()
    if (change.ends_now and ended_already) or (not change.ends_now and old == change.expires_at):
        db.session.rollback()  # nothing to change (an ended period is not ended again)
        return False
    limit = guardian_limit(locked.method, locked.comes_of_age_on)
    if limit is not None and not change.ends_now and (change.expires_at is None or change.expires_at > limit):
        db.session.rollback()  # a guardian's word never covers the story past the limit
        raise BeyondGuardianLimit(limit)
    locked.expires_at = change.expires_at
    wider = change.expires_at is None or (old is not None and change.expires_at > old)
    if wider and locked.status == ConsentStatus.EXPIRED and not change.ends_now:
        locked.status = ConsentStatus.ACTIVE
        locked.expired_at = None
    if change.ends_now:
        details = EventDetails(period=PeriodEnd.ENDED_NOW)
    elif change.expires_at is None:
        details = EventDetails(period=PeriodEnd.NO_END)
    else:
        details = EventDetails(period=PeriodEnd.ENDS, ends_on=change.expires_at.date())
    record_event(locked, ConsentEventKind.CHANGED, channel, actor_id, details)
    aftermath = Aftermath(left_index=queue_unpublishable(locked))
    db.session.commit()
    aftermath.finish()
    if wider:
        for story in locked.stories:
            if publishable(story):
                sync_story(story)
    return True


def reset_secret(story: Story, actor_id: int, person_checked: bool) -> str:
    """Give the story's consent a new secret, invalidating the old one; return it to print once.

    The staff member must confirm they checked the person in front of them. Signed-in patient
    sessions made with the old secret end too (see ``selfservice.signed_in_consent``).
    """
    if not person_checked:
        raise ValidationFailed({"checked": [CHECK_PERSON]})
    locked = lock_consent(story.consent)
    secret = new_consent_secret()
    locked.secret_hash = hash_secret(secret)
    record_event(locked, ConsentEventKind.SECRET_RESET, "staff_web", actor_id)
    db.session.commit()
    return secret


def events_of(consent: Consent) -> list[ConsentEvent]:
    """Return the consent's audit trail, oldest first."""
    return list(
        db.session.scalars(
            select(ConsentEvent).where(ConsentEvent.consent_id == consent.id).order_by(ConsentEvent.id)
        )
    )
