"""A story's details: its title, topics, content warnings, free tags and the identifiers the facilitator
knows. Checked in one place, the same way when a story comes in (``ingest.stories``) and whenever
they are corrected before publication, by the facilitator who brought it or by a reviewer.

``check_details`` is the one set of checks; ``correct_details`` is the one way to change them on a
saved story. A correction of the known identifiers runs identifier detection again on the working
text, so a name added later is marked (and locked) at once, and one taken out stops being locked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import current_app
from sqlalchemy import select

from archive.errors import Conflict, ValidationFailed
from archive.extensions import db
from archive.identifier_fields import check_fields
from archive.models import IdentifierRole, KnownIdentifier, SpanSource, Story, StoryStatus, Tag
from archive.publication import change_while_consented
from archive.text import clean_line, slugify

from .redaction import cipher, known_values, log_event, refresh_detected_spans

# A story's details may be corrected until it is published: while it is transcribed, waits for a speech
# model, failed, or waits for review (a storyteller's approval included).
CORRECTABLE = (
    StoryStatus.PROCESSING,
    StoryStatus.NEEDS_MODEL,
    StoryStatus.FAILED,
    StoryStatus.NEEDS_REVIEW,
)
FREE_TAG_CHARS = 60
IDENTIFIER_CHARS = 200


@dataclass(frozen=True)
class StoryDetails:
    """What a story says about itself besides its words; ``known`` is ``((role, value), ...)``."""

    title: str
    topic_slugs: tuple[str, ...] = ()
    free_tags: tuple[str, ...] = ()
    warning_slugs: tuple[str, ...] = ()
    known: tuple[tuple[str, str], ...] = ()

    def cleaned(self) -> StoryDetails:
        """As it would be stored: control characters gone, blank tags and identifiers dropped."""
        return replace(
            self,
            title=clean_line(self.title),
            topic_slugs=tuple(dict.fromkeys(self.topic_slugs)),
            warning_slugs=tuple(dict.fromkeys(self.warning_slugs)),
            free_tags=tuple(t for t in (clean_line(t) for t in self.free_tags) if t),
            known=tuple((role, clean_line(value)) for role, value in self.known),
        )


def check_details(details: StoryDetails, language: str = "en") -> dict[str, list[str]]:
    """Return what is wrong with ``details`` (cleaned) as {field: [messages]}; empty when fine.

    Titles and free tags are shown to educators as typed, so neither may name a known identifier,
    nor a part or a form of one (``archive.identifier_fields``, with the story's ``language``).
    """
    cfg = current_app.config
    reasons: dict[str, list[str]] = {}

    def bad(name, message):
        reasons.setdefault(name, []).append(message)

    if not details.title.strip():
        bad("title", "Give the story a short title.")
    elif len(details.title) > cfg["MAX_TITLE_CHARS"]:
        bad("title", f"Keep the title to at most {cfg['MAX_TITLE_CHARS']} characters.")
    if len(details.topic_slugs) + len(details.free_tags) > cfg["MAX_TAGS"]:
        bad("tags", f"Use at most {cfg['MAX_TAGS']} tags.")
    if any(len(t) > FREE_TAG_CHARS for t in details.free_tags):
        bad("free_tags", f"Keep each tag to at most {FREE_TAG_CHARS} characters.")
    if len(details.known) > cfg["MAX_KNOWN_IDENTIFIERS"]:
        bad("known", f"List at most {cfg['MAX_KNOWN_IDENTIFIERS']} known identifiers.")
    if any(role not in {r.value for r in IdentifierRole} for role, _ in details.known):
        bad("known", "Unknown kind of identifier.")
    if any(len(v) > IDENTIFIER_CHARS for _, v in details.known):
        bad("known", f"Keep each identifier to at most {IDENTIFIER_CHARS} characters.")
    for name, messages in check_fields(
        {"title": ("title", details.title), "free_tags": ("tag", details.free_tags)},
        details.known,
        language,
    ).items():
        reasons.setdefault(name, []).extend(messages)
    return reasons


def controlled_tags(details: StoryDetails) -> tuple[list[Tag], dict[str, list[str]]]:
    """The vocabulary's topics and warnings named by ``details``, and a reason for any unknown slug."""
    reasons: dict[str, list[str]] = {}
    tags: list[Tag] = []
    for kind, slugs in (("topic", details.topic_slugs), ("warning", details.warning_slugs)):
        if not slugs:
            continue
        found = db.session.scalars(
            select(Tag).where(Tag.kind == kind, Tag.controlled.is_(True), Tag.slug.in_(slugs))
        ).all()
        if len(found) != len(set(slugs)):
            reasons.setdefault("tags" if kind == "topic" else "warnings", []).append(
                "Choose tags from the list."
            )
        tags.extend(found)
    return tags, reasons


def resolve_tags(details: StoryDetails) -> list[Tag]:
    """The story's tags: controlled ones by slug (an unknown slug is refused), free ones found or made.

    Refused before any free tag is added to the session, so a refused form leaves nothing behind.
    """
    tags, reasons = controlled_tags(details)
    if reasons:
        raise ValidationFailed(reasons)
    for label in details.free_tags:
        slug = slugify(label)
        if not slug:
            continue
        tag = db.session.scalar(select(Tag).where(Tag.kind == "topic", Tag.slug == slug))
        if tag is None:
            tag = Tag(kind="topic", slug=slug, label=label.strip()[:80], controlled=False)
            db.session.add(tag)
        if tag not in tags:
            tags.append(tag)
    return tags


def identifier_rows(known: tuple[tuple[str, str], ...]) -> list[KnownIdentifier]:
    """Known identifiers as rows, each value encrypted; blank ones are left out."""
    c = cipher()
    return [KnownIdentifier(role=role, value_encrypted=c.encrypt(value)) for role, value in known if value]


def details_of(story: Story) -> StoryDetails:
    """A saved story's details, as the correction form starts from them."""
    return StoryDetails(
        title=story.title,
        topic_slugs=tuple(t.slug for t in story.topics if t.controlled),
        free_tags=tuple(t.label for t in story.topics if not t.controlled),
        warning_slugs=tuple(t.slug for t in story.warnings),
        known=tuple(known_values(story)),
    )


def can_correct(story: Story) -> bool:
    """Whether the story's details may still be corrected (it is not published or withdrawn)."""
    return story.status in CORRECTABLE


@dataclass(frozen=True)
class Corrected:
    """What a correction changed: which parts, and how many marks detection moved or dropped."""

    changed: tuple[str, ...]  # of "title", "tags", "identifiers"
    marks_dropped: int = 0


def correct_details(story: Story, details: StoryDetails, actor_id: int) -> Corrected:
    """Correct a saved story's details before publication, checked as at upload; commit.

    Raises ValidationFailed with the form's reasons, and Conflict when the story was published,
    withdrawn or had its consent end meanwhile (the consent's lock orders this after a withdrawal,
    as every change to a story is). With the known identifiers changed, detection runs again on the
    working text: marks of identifiers no longer listed are dropped unless a person decided on them,
    and the new ones are marked and locked. The redaction log records that the details changed, never
    what they say.
    """
    details = details.cleaned()
    reasons = check_details(details, story.language or "en")
    tags, tag_reasons = controlled_tags(details)
    for name, messages in tag_reasons.items():
        reasons.setdefault(name, []).extend(messages)
    if reasons:
        raise ValidationFailed(reasons)
    before = details_of(story)
    changed = []
    if details.title != before.title:
        changed.append("title")
    if (
        set(details.topic_slugs) != set(before.topic_slugs)
        or set(details.warning_slugs) != set(before.warning_slugs)
        or {slugify(t) for t in details.free_tags} != {slugify(t) for t in before.free_tags}
    ):
        changed.append("tags")
    if sorted(details.known) != sorted((role, value) for role, value in before.known if value):
        changed.append("identifiers")
    if not changed:
        return Corrected(())
    if not change_while_consented(story.id, CORRECTABLE):
        db.session.rollback()
        raise Conflict("This story can no longer be corrected here: it was published or taken back.")
    story = db.session.get(Story, story.id, populate_existing=True)
    story.title = details.title
    if "tags" in changed:
        story.tags = resolve_tags(details)
    dropped = 0
    if "identifiers" in changed:
        story.identifiers = identifier_rows(details.known)
        dropped = _remark_identifiers(story, actor_id)
    log_event(story, "details corrected", actor_id)
    db.session.commit()
    return Corrected(tuple(changed), dropped)


def _remark_identifiers(story: Story, actor_id: int) -> int:
    """Mark the known identifiers again in the working text; return how many marks were dropped.

    Marks made from the old list that no person decided on go first (they were accepted, and the exact
    ones locked, only because they were listed); detection then marks what the new list names. A mark a
    reviewer decided on stays, as through any other change.
    """
    if not story.body:
        return 0  # a recording not yet transcribed: detection runs on its transcript with the new list
    stale = [s for s in story.spans if s.source == SpanSource.KNOWN and s.decided_by_id is None]
    for span in stale:
        story.spans.remove(span)
    db.session.flush()
    refresh_detected_spans(story, actor_id=actor_id)
    marked = {(s.start, s.end) for s in story.spans}
    gone = [s for s in stale if (s.start, s.end) not in marked]
    for span in gone:
        log_event(story, "dropped", actor_id, span)
    return len(gone)
