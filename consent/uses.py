"""How a story is used now, as its storyteller's page tells them: whether they can hear it there, and
which teaching sets and course links hold it, by their label and dates. Never an educator's name, nor
their notes, prompts or questions about the story."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from archive.extensions import db
from archive.media import published_recording
from archive.models import ConsentStatus, CourseLink, Story, StoryStatus, TeachingSet, TeachingSetItem, utcnow


def hearable(story: Story) -> bool:
    """Whether the storyteller may hear the story's published recording on their page: it exists and
    the consent (active) still covers the audio. Teaching is not needed: it is their own story."""
    consent = story.consent
    return bool(
        story.status == StoryStatus.PUBLISHED
        and consent.status == ConsentStatus.ACTIVE
        and consent.modality_audio
        and published_recording(story.id) is not None
    )


def set_count(story_id: str) -> int:
    """How many teaching sets include the story (as a whole or by a clip)."""
    return db.session.scalar(
        select(func.count(func.distinct(TeachingSetItem.set_id))).where(TeachingSetItem.story_id == story_id)
    )


@dataclass(frozen=True)
class SetUse:
    """A teaching set that holds the story: its title and when the story was first put in it."""

    title: str
    since: datetime


@dataclass(frozen=True)
class LinkUse:
    """A course link that opens a set holding the story to students: its label and period."""

    label: str
    set_title: str
    opened: datetime
    until: datetime
    open_now: bool


@dataclass(frozen=True)
class TeachingUses:
    sets: list[SetUse]
    links: list[LinkUse]


def teaching_uses(story_ids: list[str]) -> TeachingUses:
    """The teaching sets holding any of the stories (as a whole or by a clip), and their course links."""
    if not story_ids:
        return TeachingUses([], [])
    rows = db.session.execute(
        select(TeachingSet.id, TeachingSet.title, func.min(TeachingSetItem.added_at))
        .join(TeachingSetItem, TeachingSetItem.set_id == TeachingSet.id)
        .where(TeachingSetItem.story_id.in_(story_ids))
        .group_by(TeachingSet.id, TeachingSet.title)
        .order_by(func.min(TeachingSetItem.added_at))
    ).all()
    sets = [SetUse(title, since) for _, title, since in rows]
    titles = {set_id: title for set_id, title, _ in rows}
    now = utcnow()
    links = (
        [
            LinkUse(
                link.label,
                titles[link.set_id],
                link.created_at,
                link.revoked_at or link.expires_at,
                link.revoked_at is None and link.expires_at > now,
            )
            for link in db.session.scalars(
                select(CourseLink).where(CourseLink.set_id.in_(list(titles))).order_by(CourseLink.created_at)
            )
        ]
        if titles
        else []
    )
    return TeachingUses(sets, links)
