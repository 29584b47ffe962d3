"""Clips: a passage of a published story an educator marks for teaching, by its times in the recording,
by a phrase of its text, or both, with a title and a note.

A clip holds positions and the educator's own words, never the story's: what it shows is read from the
story through the publication rule at every view (``stories.shown``). Its owner and admins see it;
other educators once it is in a set they may open.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from archive.clock import clock, parse_clock
from archive.errors import Conflict, NotAllowed, NotFound, ValidationFailed, get_or_404
from archive.extensions import db
from archive.identifier_fields import refuse_identifiers
from archive.models import Clip, Role, Story, TeachingSet, TeachingSetItem, User
from archive.text import checked_text

from .stories import audible_recording, hold_story, is_withdrawn, recording_length, visible_story
from .timings import passage_times

MAX_TITLE_CHARS = 200
MAX_NOTE_CHARS = 4000
MAX_PHRASE_CHARS = 20_000


@dataclass(frozen=True)
class ClipInput:
    """The clip form as sent: a title and note, and the passage by times, by a phrase, or both."""

    title: str = ""
    note: str = ""
    start: str = ""
    end: str = ""
    phrase: str = ""

    @classmethod
    def from_form(cls, form) -> ClipInput:
        return cls(**{name: form.get(name, "") for name in ("title", "note", "start", "end", "phrase")})


def locate_phrase(text: str, phrase: str) -> tuple[int, int]:
    """Find ``phrase`` in ``text`` (any run of spaces and line breaks matches any other); return its
    character offsets. Raise ValidationFailed when it is not there, or there more than once."""
    words = unicodedata.normalize("NFC", phrase).split()
    if not words:
        raise ValidationFailed({"phrase": ["Copy a passage from the story's text."]})
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = [m.span() for m in pattern.finditer(text)]
    if not found:
        raise ValidationFailed(
            {"phrase": ["That passage is not in the story's text. Copy it from the text as it is shown."]}
        )
    if len(found) > 1:
        raise ValidationFailed(
            {"phrase": [f"That passage appears {len(found)} times in the story. Copy a longer passage."]}
        )
    return found[0]


def _times(data: ClipInput, story: Story) -> tuple[float, float] | None:
    """Validate the clip's start and end times against the recording; None when none were given."""
    if not data.start.strip() and not data.end.strip():
        return None
    if not data.start.strip() or not data.end.strip():
        raise ValidationFailed({"start": ["Give both a start and an end time, as m:ss."]})
    try:
        start, end = parse_clock(data.start), parse_clock(data.end)
    except ValueError:
        raise ValidationFailed({"start": ["Write the times as m:ss, for example 1:05 and 1:30."]}) from None
    length = recording_length(story, audible_recording(story))
    if length is None:
        raise ValidationFailed(
            {"start": ["This story has no recording you may hear: copy a passage from its text instead."]}
        )
    if end <= start:
        raise ValidationFailed({"start": ["The end must come after the start."]})
    if start < 0 or end > length + 0.05:
        raise ValidationFailed(
            {"start": [f"The recording is {clock(length)} long: choose times between 0:00 and that."]}
        )
    return start, min(end, length)


def _text_for_times(story: Story, start: float, end: float) -> tuple[int, int] | None:
    inside = [t for t in story.published_timings or () if t[2] < end and start < t[3]]
    if not inside:
        return None
    return min(t[0] for t in inside), max(t[1] for t in inside)


def create_clip(story_id: str, owner: User, data: ClipInput) -> Clip:
    """Make a clip of a story the educator may see; raise ValidationFailed on a bad passage."""
    story = visible_story(story_id)
    title = checked_text(data.title, MAX_TITLE_CHARS, "title", "title", required=True)
    note = checked_text(data.note, MAX_NOTE_CHARS, "note", "note")
    refuse_identifiers({"title": ("title", title), "note": ("note", note)}, [story])
    if len(data.phrase) > MAX_PHRASE_CHARS:
        raise ValidationFailed({"phrase": [f"Copy at most {MAX_PHRASE_CHARS:,} characters."]})
    times = _times(data, story)
    offsets = locate_phrase(story.published_text, data.phrase) if data.phrase.strip() else None
    if times is None and offsets is None:
        raise ValidationFailed(
            {"": ["Choose the passage: select it in the text, copy it into the form, or give its times."]}
        )
    if times is None:
        times = passage_times(story.published_timings, *offsets)
    elif offsets is None:
        offsets = _text_for_times(story, *times)
    if not hold_story(story.id):
        db.session.rollback()
        raise NotFound()
    clip = Clip(story_id=story.id, owner_id=owner.id, title=title, note=note)
    if times is not None:
        clip.start_s, clip.end_s = round(times[0], 3), round(times[1], 3)
    if offsets is not None:
        clip.text_start, clip.text_end = offsets
    db.session.add(clip)
    db.session.commit()
    return clip


def clip_visible(clip: Clip, user) -> bool:
    """Its owner and admins see a clip; other educators once it is in a set they may open."""
    if clip.owner_id == user.id or user.role == Role.ADMIN:
        return True
    return (
        db.session.scalar(
            select(func.count())
            .select_from(TeachingSetItem)
            .join(TeachingSet, TeachingSet.id == TeachingSetItem.set_id)
            .where(
                TeachingSetItem.clip_id == clip.id,
                (TeachingSet.shared.is_(True)) | (TeachingSet.owner_id == user.id),
            )
        )
        > 0
    )


def get_clip(clip_id: str, user) -> Clip:
    """Return a clip ``user`` may see; NotFound for unknown, withdrawn and others' private clips alike."""
    clip = get_or_404(Clip, clip_id)
    if not clip_visible(clip, user) or is_withdrawn(clip.story):
        raise NotFound()
    return clip


def delete_clip(clip_id: str, user) -> None:
    """Delete one's own clip; refused while another educator's set uses it (their set would change)."""
    clip = get_clip(clip_id, user)
    if clip.owner_id != user.id:
        raise NotAllowed("Only the educator who made a clip can delete it.")
    others = db.session.scalar(
        select(func.count())
        .select_from(TeachingSetItem)
        .join(TeachingSet, TeachingSet.id == TeachingSetItem.set_id)
        .where(TeachingSetItem.clip_id == clip.id, TeachingSet.owner_id != user.id)
    )
    if others:
        raise Conflict(
            f"Other educators' teaching sets use this clip ({others}), so it stays for them. "
            "Remove it from your own sets instead."
        )
    # Its places in the owner's own sets go with it (a clip's place without the clip would silently
    # become the whole story).
    for item in db.session.scalars(select(TeachingSetItem).where(TeachingSetItem.clip_id == clip.id)):
        item.teaching_set.items.remove(item)
        db.session.delete(item)
    db.session.delete(clip)
    _compact_sets(user)
    db.session.commit()


def _compact_sets(user) -> None:
    """Number the items of each of ``user``'s sets 0, 1, 2 ... again, after some were removed."""
    for teaching_set in db.session.scalars(select(TeachingSet).where(TeachingSet.owner_id == user.id)):
        for position, each in enumerate(sorted(teaching_set.items, key=lambda i: i.position)):
            each.position = position


def my_clips(user, story_id: str | None = None) -> list[Clip]:
    stmt = select(Clip).join(Story, Story.id == Clip.story_id).where(Clip.owner_id == user.id)
    if story_id:
        stmt = stmt.where(Clip.story_id == story_id)
    return list(db.session.scalars(stmt.order_by(Clip.created_at.desc())))
