"""Teaching sets: an educator's ordered stories and clips for a session, each with a reflection prompt
and discussion questions.

A set is private to its owner unless shared, when every educator may open and duplicate it; admins
may open every set and change only their own. A private set of someone else answers 404, like an id
that never existed. Each item shows what its story allows now (``stories.shown``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from archive.errors import Conflict, NotAllowed, NotFound, ValidationFailed, get_or_404
from archive.extensions import db
from archive.identifier_fields import refuse_identifiers
from archive.models import Modality, Role, Story, TeachingSet, TeachingSetItem, User, utcnow
from archive.publication import publishable
from archive.text import checked_text

from .clips import MAX_NOTE_CHARS, MAX_TITLE_CHARS, get_clip
from .stories import UNAVAILABLE, WITHDRAWN, Shown, hold_story, is_withdrawn, shown

MAX_ITEMS = 100


@dataclass(frozen=True)
class SetInput:
    title: str = ""
    description: str = ""
    shared: bool = False

    @classmethod
    def from_form(cls, form) -> SetInput:
        return cls(form.get("title", ""), form.get("description", ""), form.get("shared") in ("y", "on", "1"))


def set_visible(teaching_set: TeachingSet, user) -> bool:
    return teaching_set.owner_id == user.id or teaching_set.shared or user.role == Role.ADMIN


def get_set(set_id: str, user) -> TeachingSet:
    """Return a set ``user`` may open; NotFound for unknown ids and others' private sets alike."""
    teaching_set = get_or_404(TeachingSet, set_id)
    if not set_visible(teaching_set, user):
        raise NotFound()
    return teaching_set


def own_set(set_id: str, user) -> TeachingSet:
    """Return a set ``user`` owns; NotFound if they may not open it, NotAllowed if they only may."""
    teaching_set = get_set(set_id, user)
    if teaching_set.owner_id != user.id:
        raise NotAllowed(
            "Only the educator who made this teaching set can change it. Duplicate it to adapt it."
        )
    return teaching_set


def create_set(owner: User, data: SetInput) -> TeachingSet:
    """Make a new, private (unless ``shared``) teaching set."""
    teaching_set = TeachingSet(
        owner_id=owner.id,
        title=checked_text(data.title, MAX_TITLE_CHARS, "title", "title", required=True),
        description=checked_text(data.description, MAX_NOTE_CHARS, "description", "description"),
        shared=data.shared,
    )
    db.session.add(teaching_set)
    db.session.commit()
    return teaching_set


def update_set(teaching_set: TeachingSet, data: SetInput) -> None:
    """Change a set's title, description and whether it is shared with other educators."""
    title = checked_text(data.title, MAX_TITLE_CHARS, "title", "title", required=True)
    description = checked_text(data.description, MAX_NOTE_CHARS, "description", "description")
    refuse_identifiers(
        {"title": ("title", title), "description": ("description", description)},
        (item.story for item in teaching_set.items),
    )
    teaching_set.title, teaching_set.description = title, description
    teaching_set.shared = data.shared
    db.session.commit()


def delete_set(teaching_set: TeachingSet) -> None:
    """Delete a set with its items and course links (copies made from it stay)."""
    db.session.execute(
        update(TeachingSet).where(TeachingSet.copied_from_id == teaching_set.id).values(copied_from_id=None)
    )
    db.session.delete(teaching_set)
    db.session.commit()


def add_item(teaching_set: TeachingSet, user, story_id: str = "", clip_id: str = "") -> TeachingSetItem:
    """Add a story, or a clip of one, at the end of a set. The story must be one educators may see
    now (read or heard), the clip one ``user`` may see."""
    clip = None
    if clip_id:
        clip = get_clip(clip_id, user)
        if story_id and story_id != clip.story_id:
            raise ValidationFailed("That clip is of another story.")
        story_id = clip.story_id
    story = db.session.get(Story, story_id) if story_id and len(story_id) <= 32 else None
    if not (publishable(story, Modality.TEXT) or publishable(story, Modality.AUDIO)):
        raise NotFound()
    if any(i.story_id == story.id and i.clip_id == (clip.id if clip else None) for i in teaching_set.items):
        raise Conflict("That is in this teaching set already.")
    if len(teaching_set.items) >= MAX_ITEMS:
        raise ValidationFailed(f"A teaching set holds at most {MAX_ITEMS} stories and clips.")
    item = TeachingSetItem(
        story_id=story.id, clip_id=clip.id if clip else None, position=len(teaching_set.items)
    )
    teaching_set.items.append(item)
    teaching_set.updated_at = utcnow()
    db.session.commit()
    return item


def _item(teaching_set: TeachingSet, item_id: int) -> TeachingSetItem:
    for item in teaching_set.items:
        if item.id == item_id:
            return item
    raise NotFound()


def update_item(teaching_set: TeachingSet, item_id: int, prompt: str, questions: str) -> None:
    """Set an item's reflection prompt and discussion questions (one a line)."""
    item = _item(teaching_set, item_id)
    if is_withdrawn(item.story):
        raise Conflict(f"{WITHDRAWN}: nothing can be written about it here any more.")
    prompt = checked_text(prompt, MAX_NOTE_CHARS, "prompt", "reflection prompt")
    questions = checked_text(questions, MAX_NOTE_CHARS, "questions", "list of questions")
    refuse_identifiers(
        {"prompt": ("reflection prompt", prompt), "questions": ("list of questions", questions)}, [item.story]
    )
    if (prompt or questions) and not hold_story(item.story_id):
        db.session.rollback()
        raise Conflict(f"{UNAVAILABLE}: nothing can be written about it now.")
    item.prompt, item.questions = prompt, questions
    teaching_set.updated_at = utcnow()
    db.session.commit()


def move_item(teaching_set: TeachingSet, item_id: int, direction: str) -> None:
    """Swap an item with the one before (``up``) or after (``down``) it; at an end nothing moves."""
    if direction not in ("up", "down"):
        raise ValidationFailed("Move an item up or down.")
    items = list(teaching_set.items)
    item = _item(teaching_set, item_id)
    i = items.index(item)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
        for position, each in enumerate(items):
            each.position = position
        teaching_set.updated_at = utcnow()
    db.session.commit()


def remove_item(teaching_set: TeachingSet, item_id: int) -> None:
    """Take an item out of a set (the story and any clip stay)."""
    item = _item(teaching_set, item_id)
    teaching_set.items.remove(item)
    db.session.delete(item)
    for position, each in enumerate(teaching_set.items):
        each.position = position
    teaching_set.updated_at = utcnow()
    db.session.commit()


def duplicate_set(source: TeachingSet, user) -> TeachingSet:
    """Copy a set ``user`` may open into a new private set of theirs: items in order, with their
    prompts, questions and clip references. Only places that show their story now are copied: a
    withdrawn story has none, and the prompts of one narrowed or expired since (which may quote it)
    are hidden from everyone but the set's owner."""
    copy = TeachingSet(
        owner_id=user.id,
        title=(f"Copy of {source.title}")[:MAX_TITLE_CHARS],
        description=source.description,
        shared=False,
        copied_from_id=source.id,
    )
    for item in list(source.items):
        if shown(item.story, item.clip).state != "ok":
            continue
        if (item.prompt or item.questions) and not hold_story(item.story_id):
            continue  # withdrawn a moment ago
        copy.items.append(
            TeachingSetItem(
                story_id=item.story_id,
                clip_id=item.clip_id,
                prompt=item.prompt,
                questions=item.questions,
                position=len(copy.items),
            )
        )
    db.session.add(copy)
    db.session.commit()
    return copy


def my_sets(user) -> list[TeachingSet]:
    return list(
        db.session.scalars(
            select(TeachingSet).where(TeachingSet.owner_id == user.id).order_by(TeachingSet.updated_at.desc())
        )
    )


def shared_sets(user) -> list[TeachingSet]:
    """Sets other educators share (an admin sees every set of others)."""
    stmt = select(TeachingSet).where(TeachingSet.owner_id.is_distinct_from(user.id))
    if not user.role == Role.ADMIN:
        stmt = stmt.where(TeachingSet.shared.is_(True))
    return list(db.session.scalars(stmt.order_by(TeachingSet.updated_at.desc())))


@dataclass
class ItemView:
    item: TeachingSetItem
    shown: Shown


def item_views(teaching_set: TeachingSet) -> list[ItemView]:
    """Return each item of a set with what it may show now."""
    return [ItemView(item, shown(item.story, item.clip)) for item in teaching_set.items]
