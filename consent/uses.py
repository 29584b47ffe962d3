"""How a story is used now, as its storyteller's page tells them: whether they can hear it there, and
how many teaching sets hold it (educators' own words about it are never shown to them)."""

from __future__ import annotations

from sqlalchemy import func, select

from archive.extensions import db
from archive.media import published_recording
from archive.models import ConsentStatus, Story, StoryStatus, TeachingSetItem


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
