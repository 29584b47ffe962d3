"""Teaching: educators' clips of stories, teaching sets built from stories and clips, course links that
open a set to students without an account, and the exports made from them.

Clips and sets hold positions and the educator's own words, never a story's words: what a clip or an
item shows is read from the story at every view through the publication rule, so a story narrowed or
expired since shows its placeholder (or only what is still allowed), and a withdrawn story shows only
"Withdrawn by the storyteller". Withdrawal also deletes the story's clips and blanks the prompts and
questions of its set items (``forget_withdrawn``): an educator's words about a story may quote it.

Who may do what: educators own their clips and sets; a set is private to its owner unless shared, when
every educator may open and duplicate it; admins may open every set and clip, and change only their
own. A private set of someone else answers 404, like an id that never existed.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import func, select, update

from . import exports
from .auth import role_required
from .crypto import hash_token
from .errors import ArchiveError, Conflict, NotAllowed, NotFound, ValidationFailed
from .extensions import db
from .library import audible_recording
from .media import NOTHING_HERE, send_private
from .models import (
    Clip,
    ConsentStatus,
    CourseLink,
    MediaFile,
    Modality,
    Role,
    Story,
    StoryStatus,
    TeachingSet,
    TeachingSetItem,
    User,
    utcnow,
)
from .player import clock
from .publication import change_while_consented, publishable

bp = Blueprint("teaching", __name__)

MAX_TITLE_CHARS = 200
MAX_NOTE_CHARS = 4000
MAX_LABEL_CHARS = 120
MAX_PHRASE_CHARS = 20_000
MAX_ITEMS = 100
COURSE_DAYS_MIN, COURSE_DAYS_MAX = 1, 365

WITHDRAWN = "Withdrawn by the storyteller"
UNAVAILABLE = "No longer available for teaching"
PROMPT_PLACEHOLDER = "What does the storyteller want the listener to understand?"
QUESTIONS_PLACEHOLDER = (
    "One question a line, e.g. Where does the storyteller feel heard, and where not? "
    "What would you have said in the nurse's place?"
)
LINK_ENDED = (
    "This course link has ended: its period is over or the teacher withdrew it. "
    "Ask your teacher for a new link."
)


class LinkEnded(ArchiveError):
    """A course link whose period is over or that its owner revoked."""

    status = 410


# -- small pieces ---------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(raw: str | None, limit: int, field: str, label: str, required: bool = False) -> str:
    """Return ``raw`` trimmed, with control characters dropped and newlines unified; raise
    ValidationFailed when it is required and empty or longer than ``limit``.

    Markup is kept as typed: it is escaped wherever it is shown, so a ``<script>`` reads as text.
    """
    text = _CONTROL.sub("", (raw or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if required and not text:
        raise ValidationFailed({field: [f"Give a {label}."]})
    if len(text) > limit:
        raise ValidationFailed({field: [f"The {label} is too long (at most {limit:,} characters)."]})
    return text


_TIME = re.compile(r"^(?:(\d{1,2}):)?(?:(\d{1,3}):)?(\d{1,5}(?:[.,]\d{1,3})?)$")


def parse_time(raw: str) -> float:
    """Read a time typed as ``m:ss``, ``h:mm:ss`` or seconds (``75``, ``1:15.5``); raise ValueError."""
    text = raw.strip()
    match = _TIME.match(text)
    if not match:
        raise ValueError(text)
    first, second, seconds = match.groups()
    if first is not None and second is not None:
        hours, minutes = int(first), int(second)
    else:
        hours, minutes = 0, int(first or 0)
    value = float(seconds.replace(",", "."))
    if (first is not None and value >= 60) or (second is not None and minutes >= 60):
        raise ValueError(text)
    return hours * 3600 + minutes * 60 + value


def format_time(seconds: float | None) -> str:
    """Write seconds as ``m:ss`` (``h:mm:ss`` from an hour on); "" for none."""
    return "" if seconds is None else clock(seconds)


def _is_admin(user) -> bool:
    return user.role == Role.ADMIN


def _withdrawn(story: Story) -> bool:
    return story.status == StoryStatus.WITHDRAWN or story.consent.status == ConsentStatus.WITHDRAWN


def visible_story(story_id: str, modality: str = Modality.TEXT) -> Story:
    """Return a story the publication rule lets educators see in ``modality``; NotFound otherwise."""
    story = db.session.get(Story, story_id) if len(story_id) <= 32 else None
    if not publishable(story, modality):
        raise NotFound(NOTHING_HERE)
    return story


def hold_story(story_id: str) -> bool:
    """Order this request's writes about a story after any withdrawal of it; False if it came first.

    Clips, prompts and questions are an educator's words about a story and may quote it. Written in
    the same transaction after ``change_while_consented`` (the consent's lock, then a conditional
    write that takes SQLite's write lock), they either see the withdrawal and are refused, or commit
    first and are erased by its step (``forget_withdrawn``). A check in Python alone would leave a gap.
    """
    return change_while_consented(story_id, (StoryStatus.PUBLISHED,))


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


# -- clips ----------------------------------------------------------------------------------------
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
        start, end = parse_time(data.start), parse_time(data.end)
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
            {"start": [f"The recording is {format_time(length)} long: choose times between 0:00 and that."]}
        )
    return start, min(end, length)


def _text_for_times(story: Story, start: float, end: float) -> tuple[int, int] | None:
    inside = [t for t in story.published_timings or () if t[2] < end and start < t[3]]
    if not inside:
        return None
    return min(t[0] for t in inside), max(t[1] for t in inside)


def create_clip(story_id: str, owner: User, data: ClipInput) -> Clip:
    """Make a clip of a story the educator may see; raise ValidationFailed on a bad passage."""
    from .timings import passage_times

    story = visible_story(story_id)
    title = clean_text(data.title, MAX_TITLE_CHARS, "title", "title", required=True)
    note = clean_text(data.note, MAX_NOTE_CHARS, "note", "note")
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
        raise NotFound(NOTHING_HERE)
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
    if clip.owner_id == user.id or _is_admin(user):
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
    clip = db.session.get(Clip, clip_id) if len(clip_id) <= 32 else None
    if clip is None or not clip_visible(clip, user) or _withdrawn(clip.story):
        raise NotFound(NOTHING_HERE)
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
    _compact_all(user)
    db.session.commit()


# -- what an item shows now -----------------------------------------------------------------------
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
        return f"{format_time(self.start_s)}–{format_time(self.end_s)}"


def shown(story: Story, clip: Clip | None = None) -> Shown:
    """Decide what ``story`` (or ``clip`` of it) may show now."""
    if _withdrawn(story):
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


@dataclass
class ItemView:
    item: TeachingSetItem
    shown: Shown


def item_views(teaching_set: TeachingSet) -> list[ItemView]:
    """Return each item of a set with what it may show now."""
    return [ItemView(item, shown(item.story, item.clip)) for item in teaching_set.items]


# -- teaching sets --------------------------------------------------------------------------------
@dataclass(frozen=True)
class SetInput:
    title: str = ""
    description: str = ""
    shared: bool = False

    @classmethod
    def from_form(cls, form) -> SetInput:
        return cls(form.get("title", ""), form.get("description", ""), form.get("shared") in ("y", "on", "1"))


def set_visible(teaching_set: TeachingSet, user) -> bool:
    return teaching_set.owner_id == user.id or teaching_set.shared or _is_admin(user)


def get_set(set_id: str, user) -> TeachingSet:
    """Return a set ``user`` may open; NotFound for unknown ids and others' private sets alike."""
    teaching_set = db.session.get(TeachingSet, set_id) if len(set_id) <= 32 else None
    if teaching_set is None or not set_visible(teaching_set, user):
        raise NotFound(NOTHING_HERE)
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
        title=clean_text(data.title, MAX_TITLE_CHARS, "title", "title", required=True),
        description=clean_text(data.description, MAX_NOTE_CHARS, "description", "description"),
        shared=data.shared,
    )
    db.session.add(teaching_set)
    db.session.commit()
    return teaching_set


def update_set(teaching_set: TeachingSet, data: SetInput) -> None:
    """Change a set's title, description and whether it is shared with other educators."""
    teaching_set.title = clean_text(data.title, MAX_TITLE_CHARS, "title", "title", required=True)
    teaching_set.description = clean_text(data.description, MAX_NOTE_CHARS, "description", "description")
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
        raise NotFound(NOTHING_HERE)
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
    raise NotFound(NOTHING_HERE)


def update_item(teaching_set: TeachingSet, item_id: int, prompt: str, questions: str) -> None:
    """Set an item's reflection prompt and discussion questions (one a line)."""
    item = _item(teaching_set, item_id)
    if _withdrawn(item.story):
        raise Conflict(f"{WITHDRAWN}: nothing can be written about it here any more.")
    prompt = clean_text(prompt, MAX_NOTE_CHARS, "prompt", "reflection prompt")
    questions = clean_text(questions, MAX_NOTE_CHARS, "questions", "list of questions")
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


def _compact_all(user) -> None:
    for teaching_set in db.session.scalars(select(TeachingSet).where(TeachingSet.owner_id == user.id)):
        for position, each in enumerate(sorted(teaching_set.items, key=lambda i: i.position)):
            each.position = position


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
    if not _is_admin(user):
        stmt = stmt.where(TeachingSet.shared.is_(True))
    return list(db.session.scalars(stmt.order_by(TeachingSet.updated_at.desc())))


def my_clips(user, story_id: str | None = None) -> list[Clip]:
    stmt = select(Clip).join(Story, Story.id == Clip.story_id).where(Clip.owner_id == user.id)
    if story_id:
        stmt = stmt.where(Clip.story_id == story_id)
    return list(db.session.scalars(stmt.order_by(Clip.created_at.desc())))


def set_count(story_id: str) -> int:
    """How many teaching sets include the story (as a whole or by a clip): shown to the storyteller."""
    return db.session.scalar(
        select(func.count(func.distinct(TeachingSetItem.set_id))).where(TeachingSetItem.story_id == story_id)
    )


def forget_withdrawn(story_ids: list[str]) -> None:
    """Withdrawal step: delete the stories' clips and blank the prompts and questions of their set
    items, keeping the items so each set shows "Withdrawn by the storyteller" in the story's place.

    An educator's clip titles, notes, prompts and questions about a story may quote it, so they go with
    it. ``consent.withdrawal.withdraw`` calls it in the withdrawal's transaction.
    """
    from sqlalchemy import delete

    if not story_ids:
        return
    db.session.execute(
        update(TeachingSetItem)
        .where(TeachingSetItem.story_id.in_(story_ids))
        .values(prompt="", questions="", clip_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        delete(Clip).where(Clip.story_id.in_(story_ids)).execution_options(synchronize_session=False)
    )


# -- course links ---------------------------------------------------------------------------------
def create_link(teaching_set: TeachingSet, user, days: str, label: str) -> tuple[CourseLink, str]:
    """Make a course link valid for ``days`` (1 to 365); return it with its token, shown only once."""
    try:
        count = int(days)
    except (TypeError, ValueError):
        count = 0
    if not COURSE_DAYS_MIN <= count <= COURSE_DAYS_MAX:
        raise ValidationFailed({"days": ["A course link lasts from 1 day to 1 year (365 days)."]})
    token = secrets.token_urlsafe(32)
    link = CourseLink(
        set_id=teaching_set.id,
        token_hash=hash_token(token),
        label=clean_text(label, MAX_LABEL_CHARS, "label", "label"),
        created_by_id=user.id,
        expires_at=utcnow() + timedelta(days=count),
    )
    db.session.add(link)
    db.session.commit()
    return link, token


def revoke_link(teaching_set: TeachingSet, link_id: int) -> None:
    """End a course link now (idempotent)."""
    link = next((each for each in teaching_set.links if each.id == link_id), None)
    if link is None:
        raise NotFound(NOTHING_HERE)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
    db.session.commit()


def link_state(link: CourseLink, now: datetime | None = None) -> str:
    now = now or utcnow()
    if link.revoked_at is not None:
        return "revoked"
    return "ended" if link.expires_at <= now else "valid"


def course_link(token: str) -> CourseLink:
    """Return the valid course link for ``token``; NotFound for unknown, LinkEnded once over."""
    if not token or len(token) > 100:
        raise NotFound(NOTHING_HERE)
    link = db.session.scalar(select(CourseLink).where(CourseLink.token_hash == hash_token(token)))
    if link is None:
        raise NotFound(NOTHING_HERE)
    if link_state(link) != "valid":
        raise LinkEnded(LINK_ENDED)
    return link


# -- views ----------------------------------------------------------------------------------------
def _reasons_flash(err: ValidationFailed) -> None:
    for messages in err.reasons.values():
        for message in messages:
            flash(message, "error")


def story_tools(story: Story, recording: MediaFile | None) -> dict:
    """What the story page's tools (``teaching/_story_tools.html``) show the signed-in educator;
    ``recording`` is the story's ``audible_recording``, as the story page found it."""
    if not current_user.is_authenticated or current_user.role not in (Role.EDUCATOR, Role.ADMIN):
        return {}
    length = recording_length(story, recording)
    return {
        "sets": my_sets(current_user),
        "clips": my_clips(current_user, story.id),
        "citation": exports.citation(story, date.today()),
        # Subtitles are for the recording: offered, like the player's timings, only while it may be heard.
        "timed": bool(story.published_timings) and length is not None,
        "length": length,
    }


@bp.record_once
def _template_globals(state) -> None:
    # Globals rather than a context processor: the templates' imported macros see them too.
    state.app.jinja_env.globals.update(
        story_tools=story_tools,
        format_time=format_time,
        PROMPT_PLACEHOLDER=PROMPT_PLACEHOLDER,
        QUESTIONS_PLACEHOLDER=QUESTIONS_PLACEHOLDER,
        WITHDRAWN=WITHDRAWN,
        UNAVAILABLE=UNAVAILABLE,
    )


@bp.route("/teaching/sets")
@role_required(Role.EDUCATOR)
def sets():
    return render_template(
        "teaching/sets.html",
        mine=my_sets(current_user),
        shared=shared_sets(current_user),
        clips=my_clips(current_user),
    )


@bp.route("/teaching/sets", methods=["POST"])
@role_required(Role.EDUCATOR)
def create_set_view():
    data = SetInput.from_form(request.form)
    try:
        teaching_set = create_set(current_user, data)
    except ValidationFailed as err:
        return render_template(
            "teaching/sets.html",
            mine=my_sets(current_user),
            shared=shared_sets(current_user),
            clips=my_clips(current_user),
            form=data,
            errors=err.reasons,
        ), 400
    flash("Teaching set made. Add stories and clips from their pages.")
    return redirect(url_for("teaching.set_page", set_id=teaching_set.id))


def _set_page(teaching_set: TeachingSet, status: int = 200, **extra):
    return render_template(
        "teaching/set.html",
        teaching_set=teaching_set,
        items=item_views(teaching_set),
        owner=teaching_set.owner_id == current_user.id,
        owner_email=db.session.scalar(select(User.email).where(User.id == teaching_set.owner_id)),
        link_state=link_state,
        **extra,
    ), status


@bp.route("/teaching/sets/<set_id>")
@role_required(Role.EDUCATOR)
def set_page(set_id: str):
    return _set_page(get_set(set_id, current_user))


@bp.route("/teaching/sets/<set_id>", methods=["POST"])
@role_required(Role.EDUCATOR)
def edit_set(set_id: str):
    teaching_set = own_set(set_id, current_user)
    try:
        update_set(teaching_set, SetInput.from_form(request.form))
    except ValidationFailed as err:
        db.session.rollback()
        return _set_page(teaching_set, 400, errors=err.reasons)
    flash("Saved.")
    return redirect(url_for("teaching.set_page", set_id=set_id))


@bp.route("/teaching/sets/<set_id>/delete", methods=["POST"])
@role_required(Role.EDUCATOR)
def delete_set_view(set_id: str):
    delete_set(own_set(set_id, current_user))
    flash("Teaching set deleted.")
    return redirect(url_for("teaching.sets"))


@bp.route("/teaching/sets/<set_id>/duplicate", methods=["POST"])
@role_required(Role.EDUCATOR)
def duplicate_set_view(set_id: str):
    copy = duplicate_set(get_set(set_id, current_user), current_user)
    flash("Duplicated: this copy is yours to change, and private until you share it.")
    return redirect(url_for("teaching.set_page", set_id=copy.id))


@bp.route("/teaching/items", methods=["POST"])
@role_required(Role.EDUCATOR)
def add_item_view():
    teaching_set = own_set(request.form.get("set_id", ""), current_user)
    add_item(teaching_set, current_user, request.form.get("story_id", ""), request.form.get("clip_id", ""))
    flash("Added to the teaching set.")
    return redirect(url_for("teaching.set_page", set_id=teaching_set.id))


@bp.route("/teaching/sets/<set_id>/items/<int:item_id>", methods=["POST"])
@role_required(Role.EDUCATOR)
def edit_item(set_id: str, item_id: int):
    teaching_set = own_set(set_id, current_user)
    try:
        update_item(teaching_set, item_id, request.form.get("prompt", ""), request.form.get("questions", ""))
    except ValidationFailed as err:
        db.session.rollback()
        return _set_page(teaching_set, 400, errors=err.reasons)
    flash("Saved.")
    return redirect(url_for("teaching.set_page", set_id=set_id, _anchor=f"item-{item_id}"))


@bp.route("/teaching/sets/<set_id>/items/<int:item_id>/move", methods=["POST"])
@role_required(Role.EDUCATOR)
def move_item_view(set_id: str, item_id: int):
    move_item(own_set(set_id, current_user), item_id, request.form.get("direction", ""))
    return redirect(url_for("teaching.set_page", set_id=set_id, _anchor=f"item-{item_id}"))


@bp.route("/teaching/sets/<set_id>/items/<int:item_id>/remove", methods=["POST"])
@role_required(Role.EDUCATOR)
def remove_item_view(set_id: str, item_id: int):
    remove_item(own_set(set_id, current_user), item_id)
    flash("Removed from the teaching set.")
    return redirect(url_for("teaching.set_page", set_id=set_id))


@bp.route("/teaching/sets/<set_id>/links", methods=["POST"])
@role_required(Role.EDUCATOR)
def create_link_view(set_id: str):
    teaching_set = own_set(set_id, current_user)
    try:
        link, token = create_link(
            teaching_set, current_user, request.form.get("days", ""), request.form.get("label", "")
        )
    except ValidationFailed as err:
        db.session.rollback()
        return _set_page(teaching_set, 400, errors=err.reasons)
    url = url_for("teaching.course", token=token, _external=True)
    return _set_page(teaching_set, 201, new_link=link, new_link_url=url)


@bp.route("/teaching/sets/<set_id>/links/<int:link_id>/revoke", methods=["POST"])
@role_required(Role.EDUCATOR)
def revoke_link_view(set_id: str, link_id: int):
    revoke_link(own_set(set_id, current_user), link_id)
    flash("The course link no longer opens the set.")
    return redirect(url_for("teaching.set_page", set_id=set_id))


@bp.route("/teaching/sets/<set_id>/packet")
@role_required(Role.EDUCATOR)
def packet(set_id: str):
    teaching_set = get_set(set_id, current_user)
    today = date.today()
    return render_template(
        "teaching/packet.html",
        teaching_set=teaching_set,
        items=item_views(teaching_set),
        today=today,
        cite=lambda story: exports.citation(story, today),
        terms=exports.CONSENT_TERMS,
    )


@bp.route("/stories/<story_id>/clips", methods=["POST"])
@role_required(Role.EDUCATOR)
def create_clip_view(story_id: str):
    data = ClipInput.from_form(request.form)
    try:
        clip = create_clip(story_id, current_user, data)
    except ValidationFailed as err:
        db.session.rollback()
        story = visible_story(story_id)
        return render_template(
            "teaching/clip_new.html",
            story=story,
            form=data,
            errors=err.reasons,
            timed=bool(story.published_timings),
            length=recording_length(story, audible_recording(story)),
        ), 400
    flash("Clip made.")
    return redirect(url_for("teaching.clip_page", clip_id=clip.id))


@bp.route("/clips/<clip_id>")
@role_required(Role.EDUCATOR)
def clip_page(clip_id: str):
    clip = get_clip(clip_id, current_user)
    view = shown(clip.story, clip)
    return render_template(
        "teaching/clip.html",
        clip=clip,
        view=view,
        owner=clip.owner_id == current_user.id,
        sets=my_sets(current_user),
        citation=exports.citation(clip.story, date.today()) if view.state == "ok" else "",
    )


@bp.route("/clips/<clip_id>/delete", methods=["POST"])
@role_required(Role.EDUCATOR)
def delete_clip_view(clip_id: str):
    delete_clip(clip_id, current_user)
    flash("Clip deleted.")
    return redirect(url_for("teaching.sets"))


_FORMATS = {
    "txt": "text/plain; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "srt": "application/x-subrip; charset=utf-8",
}
NO_TIMINGS = (
    "This story has no subtitles: it was typed, its transcript was typed by hand, or its recording may "
    "not be heard. Download the plain text instead."
)


@bp.route("/stories/<story_id>/transcript.<any(txt, vtt, srt):fmt>")
@role_required(Role.EDUCATOR)
def transcript(story_id: str, fmt: str):
    """The story's published transcript as a file: what the consent allows now, with date and terms."""
    story = visible_story(story_id)
    today = date.today()
    cite = exports.citation(story, today)
    if fmt == "txt":
        body = exports.plain_text(story, today, cite)
    elif not story.published_timings or audible_recording(story) is None:
        raise Conflict(NO_TIMINGS)
    elif fmt == "vtt":
        body = exports.webvtt(story, today, cite)
    else:
        body = exports.srt(story)
    response = Response(body, content_type=_FORMATS[fmt])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="story-{story.id}-{today.isoformat()}.{fmt}"'
    )
    return response


# -- course pages: no account, the link is the key ------------------------------------------------
def _course_headers(response: Response) -> Response:
    # Never indexed, never cached, and the link (the key) never sent on as a Referer.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/course/<token>")
def course(token: str):
    try:
        link = course_link(token)
    except LinkEnded as err:
        return _course_headers(
            Response(render_template("teaching/course_ended.html", message=err.message), status=410)
        )
    except NotFound:
        return _course_headers(Response(render_template("teaching/course_ended.html", message=None), 404))
    teaching_set = link.teaching_set
    page = render_template(
        "teaching/course.html",
        token=token,
        link=link,
        teaching_set=teaching_set,
        items=item_views(teaching_set),
        terms=exports.CONSENT_TERMS,
    )
    return _course_headers(Response(page))


@bp.route("/course/<token>/stories/<story_id>/audio")
def course_audio(token: str, story_id: str):
    """A story's published recording for a course link's students: the link valid, the story in its
    set, and the recording one educators may hear now."""
    try:
        link = course_link(token)
    except LinkEnded:
        abort(410)
    if not any(item.story_id == story_id for item in link.teaching_set.items):
        abort(404)
    story = db.session.get(Story, story_id)
    media = audible_recording(story)
    if media is None:
        abort(404)
    return _course_headers(send_private(media))
