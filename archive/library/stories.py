"""A story as educators may have it now: readable, audible, or a placeholder.

Every page, clip, set item and export asks here, and each answer goes through the publication rule at
the moment it is asked: a story narrowed or expired since shows only what is still allowed (or
"No longer available for teaching"), and a withdrawn story only "Withdrawn by the storyteller".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from archive.clock import clock
from archive.errors import NotFound, get_or_404
from archive.extensions import db
from archive.media import published_recording
from archive.models import Clip, ConsentStatus, MediaFile, Modality, Story, StoryStatus, StoryView, utcnow
from archive.publication import change_while_consented, publishable

WITHDRAWN = "Withdrawn by the storyteller"
UNAVAILABLE = "No longer available for teaching"


def visible_story(story_id: str, modality: str = Modality.TEXT) -> Story:
    """Return a story the publication rule lets educators see in ``modality``; NotFound for unknown,
    unpublished, narrowed and withdrawn stories alike."""
    story = get_or_404(Story, story_id)
    if not publishable(story, modality):
        raise NotFound()
    return story


def audible_recording(story: Story | None) -> MediaFile | None:
    """The recording an educator may hear for ``story``: its published (redacted) copy, and only while
    the publication rule allows the audio; None otherwise. No other recording is ever served here."""
    if not publishable(story, Modality.AUDIO):
        return None
    return published_recording(story.id)


def recording_length(story: Story, media: MediaFile | None) -> float | None:
    """How long the recording educators may hear is: its published copy's duration, else the end of
    the last timed word; None when it may not be heard. ``media`` is ``audible_recording(story)``."""
    if media is None:
        return None
    if media.duration_s:
        return float(media.duration_s)
    if story.published_timings:
        return float(story.published_timings[-1][3])
    return None


def is_withdrawn(story: Story) -> bool:
    return story.status == StoryStatus.WITHDRAWN or story.consent.status == ConsentStatus.WITHDRAWN


def hold_story(story_id: str) -> bool:
    """Order this request's writes about a story after any withdrawal of it; False if it came first.

    Clips, prompts and questions are an educator's words about a story and may quote it. Written in
    the same transaction after ``change_while_consented`` (the consent's lock, then a conditional
    write that takes SQLite's write lock), they either see the withdrawal and are refused, or commit
    first and are erased by it (``archive.erasure``). A check in Python alone would leave a gap.
    """
    return change_while_consented(story_id, (StoryStatus.PUBLISHED,))


def count_view(story: Story, educator_id: int, today: date | None = None) -> bool:
    """Count an educator's view of the story once a day: the first view today adds one to the count the
    storyteller is told; reloading the page, or a checker signed in as that educator calling it all day,
    adds nothing more. Return whether it counted.

    The (story, educator, day) row is the key: of two requests at once, only one insert succeeds, and
    the count is raised in the same transaction (one UPDATE, so concurrent first views of different
    educators all count). Rows of earlier days are deleted as views come in: only today's are needed,
    so the database keeps no record of who read what beyond the day.
    """
    today = today or utcnow().date()
    seen = select(StoryView.story_id).where(
        StoryView.story_id == story.id, StoryView.user_id == educator_id, StoryView.day == today
    )
    if db.session.scalar(seen) is not None:
        return False
    try:
        db.session.add(StoryView(story_id=story.id, user_id=educator_id, day=today))
        db.session.flush()
        db.session.execute(update(Story).where(Story.id == story.id).values(view_count=Story.view_count + 1))
        db.session.execute(delete(StoryView).where(StoryView.day < today))
        db.session.commit()
    except IntegrityError:  # the same educator's other request counted it a moment ago
        db.session.rollback()
        return False
    return True


@dataclass
class Shown:
    """What a set item, a clip or a story shows now, after the publication rule.

    ``state`` is ``ok``, ``withdrawn`` (show WITHDRAWN and nothing else) or ``unavailable`` (show
    UNAVAILABLE and nothing else). With ``ok``, ``text`` is set only while the text may be read and
    ``audio`` only while the recording may be heard.
    """

    state: str
    story: Story | None = None
    clip: Clip | None = None
    title: str = ""
    text: str | None = None
    audio: bool = False
    start_s: float | None = None
    end_s: float | None = None

    @property
    def span(self) -> str:
        if self.start_s is None:
            return ""
        return f"{clock(self.start_s)}–{clock(self.end_s)}"


def shown(story: Story, clip: Clip | None = None) -> Shown:
    """Decide what ``story`` (or ``clip`` of it) may show now."""
    if is_withdrawn(story):
        return Shown("withdrawn")
    text_ok = publishable(story, Modality.TEXT)
    audio_ok = audible_recording(story) is not None
    if not text_ok and not audio_ok:
        return Shown("unavailable")
    view = Shown("ok", story=story, clip=clip, title=clip.title if clip else story.title)
    if clip is None:
        view.text = story.published_text if text_ok else None
        view.audio = audio_ok
        return view
    if text_ok and clip.text_start is not None:
        view.text = story.published_text[clip.text_start : clip.text_end]
    if audio_ok and clip.start_s is not None:
        view.audio, view.start_s, view.end_s = True, clip.start_s, clip.end_s
    if view.text is None and not view.audio:
        # A clip made from the text of a story now heard only (or the reverse) has nothing left.
        return Shown("unavailable")
    return view
