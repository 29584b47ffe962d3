"""The teaching vocabulary: topic tags in four categories, and content warnings, curated by the admin.

Topics are controlled tags (``Tag.controlled``) of kind ``topic``, each in one category of
``CATEGORIES``; facilitators may add free tags next to them, which have no category. Content warnings
are their own kind (``warning``) and never have a category. Retiring a tag takes it out of the
vocabulary but leaves it on its stories, as a free tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from .errors import NotFound, ValidationFailed
from .extensions import db
from .models import Tag
from .text import slugify

# The four categories of the teaching vocabulary, in the order facets and pickers show them. The keys
# are stored in ``Tag.category`` (at most 20 characters): never rename one.
CATEGORIES = {
    "experience": "Experience of illness",
    "setting": "Care setting",
    "clinical": "Clinical area",
    "communication": "Communication and empathy",
}
KINDS = {"topic": "Topic", "warning": "Content warning"}
LABEL_MAX = 80

# The first release's vocabulary: stories carry these slugs, so they stay as they are (bench/search.py
# also builds its generated corpus from them).
SEED_TOPICS = {
    "diagnosis": "Being told a diagnosis",
    "breaking-bad-news": "Breaking bad news",
    "language-barrier": "Language barriers",
    "stigma": "Stigma",
    "waiting": "Waiting",
    "cost-of-care": "Cost of care",
    "trust": "Trust and mistrust",
    "dignity": "Dignity",
    "family-and-caregiving": "Family and caregiving",
    "chronic-illness": "Living with chronic illness",
    "maternal-health": "Pregnancy and childbirth",
    "child-health": "A child's illness",
    "mental-health": "Mental health",
    "infectious-disease": "Infectious disease",
    "pain": "Pain",
    "disability": "Disability",
    "end-of-life": "End of life",
    "traditional-medicine": "Traditional medicine",
    "access-to-care": "Reaching care",
}
# Added with the categories. Slugs are chosen so as not to take over facilitators' likely free tags
# ("tuberculosis" stays free; the TB topic is "tb").
MORE_TOPICS = {
    "fear-and-uncertainty": "Fear and uncertainty",
    "recovery": "Recovery and living well again",
    "care-at-home": "Care at home",
    "health-worker-visit": "A community health worker's visit",
    "clinic-visit": "At the clinic or health centre",
    "hospital-ward": "On a hospital ward",
    "emergency-care": "Emergency care",
    "tb": "Tuberculosis (TB)",
    "hiv": "HIV",
    "diabetes": "Diabetes",
    "being-listened-to": "Being listened to",
    "shared-decisions": "Shared decisions",
}
SEED_CATEGORY = {
    "diagnosis": "experience",
    "chronic-illness": "experience",
    "pain": "experience",
    "disability": "experience",
    "end-of-life": "experience",
    "family-and-caregiving": "experience",
    "fear-and-uncertainty": "experience",
    "recovery": "experience",
    "care-at-home": "setting",
    "health-worker-visit": "setting",
    "clinic-visit": "setting",
    "hospital-ward": "setting",
    "emergency-care": "setting",
    "traditional-medicine": "setting",
    "access-to-care": "setting",
    "maternal-health": "clinical",
    "child-health": "clinical",
    "mental-health": "clinical",
    "infectious-disease": "clinical",
    "tb": "clinical",
    "hiv": "clinical",
    "diabetes": "clinical",
    "breaking-bad-news": "communication",
    "language-barrier": "communication",
    "stigma": "communication",
    "dignity": "communication",
    "trust": "communication",
    "cost-of-care": "communication",
    "waiting": "communication",
    "being-listened-to": "communication",
    "shared-decisions": "communication",
}
SEED_WARNINGS = {
    "death": "Death",
    "violence": "Violence",
    "suicide": "Suicide",
    "loss-of-a-child": "Loss of a child",
    "self-harm": "Self-harm",
}
# Added later, kept apart so that the first release's list (which the bench draws from) stays as it was.
MORE_WARNINGS = {
    "sexual-violence": "Sexual violence",
}


def seed() -> int:
    """Add any missing seed tags and fill in seed categories still empty; return how many tags were
    added. Safe to run again (``story-archive init`` runs it on every start).

    A slug already present is never added again, whatever its state, so a seed tag the admin retired
    stays retired. A controlled topic whose category is empty gets its seed category; a category the
    admin chose is never changed.
    """
    added = 0
    for kind, seeds in (("topic", SEED_TOPICS | MORE_TOPICS), ("warning", SEED_WARNINGS | MORE_WARNINGS)):
        have = {tag.slug: tag for tag in db.session.scalars(select(Tag).where(Tag.kind == kind))}
        for slug, label in seeds.items():
            category = SEED_CATEGORY.get(slug) if kind == "topic" else None
            tag = have.get(slug)
            if tag is None:
                db.session.add(Tag(kind=kind, slug=slug, label=label, controlled=True, category=category))
                added += 1
            elif tag.controlled and tag.category is None and category is not None:
                tag.category = category
    db.session.commit()
    return added


def controlled(kind: str) -> list[Tag]:
    """Return the vocabulary's tags of ``kind`` ("topic" or "warning"), by label."""
    stmt = select(Tag).where(Tag.kind == kind, Tag.controlled.is_(True)).order_by(Tag.label)
    return list(db.session.scalars(stmt))


@dataclass(frozen=True)
class TopicGroup:
    """One heading of topics: a category of the vocabulary, or the free tags (``category`` None)."""

    category: str | None
    heading: str
    tags: list[Tag]


def topics_by_category() -> list[TopicGroup]:
    """Return the vocabulary's topics grouped by category, in ``CATEGORIES`` order, each by label.

    A controlled topic without a known category (one added before categories existed and not seeded)
    is listed under "Other topics" so that it can still be chosen.
    """
    groups: dict[str | None, list[Tag]] = {key: [] for key in CATEGORIES}
    for tag in controlled("topic"):
        groups.setdefault(tag.category if tag.category in CATEGORIES else None, []).append(tag)
    return [
        TopicGroup(key, CATEGORIES.get(key or "", "Other topics"), tags)
        for key, tags in groups.items()
        if tags
    ]


@dataclass(frozen=True)
class TagInfo:
    """What the library shows of a tag kept in the index by its slug."""

    label: str
    category: str | None  # None for free tags, retired tags and warnings


def tag_info(kind: str) -> dict[str, TagInfo]:
    """Return {slug: TagInfo} for every tag of ``kind``; columns only, one query."""
    rows = db.session.execute(
        select(Tag.slug, Tag.label, Tag.controlled, Tag.category).where(Tag.kind == kind)
    )
    return {
        slug: TagInfo(label, category if controlled and category in CATEGORIES else None)
        for slug, label, controlled, category in rows
    }


def labels() -> dict[tuple[str, str], str]:
    """Return {(kind, slug): label} for every tag, for rendering slugs kept in the index."""
    return {
        (kind, slug): label for kind, slug, label in db.session.execute(select(Tag.kind, Tag.slug, Tag.label))
    }


# -- the admin's changes ---------------------------------------------------------------------------
def _clean_label(label: str | None) -> str:
    label = " ".join((label or "").split())  # no stray spaces or newlines in a heading
    if not label or len(label) > LABEL_MAX:
        raise ValidationFailed({"label": [f"Give a label of 1 to {LABEL_MAX} characters."]})
    return label


def _check_category(kind: str, category: str | None) -> str | None:
    category = (category or "").strip() or None
    if kind == "warning":
        if category is not None:
            raise ValidationFailed({"category": ["Content warnings have no category."]})
        return None
    if category not in CATEGORIES:
        raise ValidationFailed({"category": ["Choose one of the four categories."]})
    return category


def _check_unique_label(kind: str, label: str, tag_id: int | None = None) -> None:
    """Refuse a label another tag of the vocabulary already has (case and spacing aside)."""
    stmt = select(Tag.id).where(
        Tag.kind == kind, Tag.controlled.is_(True), func.lower(Tag.label) == label.lower()
    )
    if tag_id is not None:
        stmt = stmt.where(Tag.id != tag_id)
    if db.session.scalar(stmt.limit(1)) is not None:
        raise ValidationFailed({"label": ["Another tag in the vocabulary has that label."]})


def add_controlled(kind: str, label: str, category: str | None = None) -> Tag:
    """Add a topic (in ``category``) or a content warning to the vocabulary.

    A free tag with the same slug is promoted into the vocabulary and keeps its stories.
    """
    if kind not in KINDS:
        raise ValidationFailed({"kind": ["Choose topic or content warning."]})
    label = _clean_label(label)
    category = _check_category(kind, category)
    slug = slugify(label)
    if not slug:
        raise ValidationFailed({"label": ["Give a label with at least one letter or digit in Latin script."]})
    tag = db.session.scalar(select(Tag).where(Tag.kind == kind, Tag.slug == slug))
    if tag is not None and tag.controlled:
        raise ValidationFailed({"label": ["That tag is in the vocabulary already."]})
    _check_unique_label(kind, label)
    if tag is None:
        tag = Tag(kind=kind, slug=slug, label=label)
        db.session.add(tag)
    tag.label, tag.controlled, tag.category = label, True, category
    db.session.commit()
    return tag


def _vocabulary_tag(tag_id: int) -> Tag:
    tag = db.session.get(Tag, tag_id)
    if tag is None or not tag.controlled:
        raise NotFound("That tag is not in the vocabulary.")
    return tag


def update(tag_id: int, label: str, category: str | None = None) -> Tag:
    """Relabel a tag of the vocabulary and, for a topic, move it to ``category`` (None: keep it)."""
    tag = _vocabulary_tag(tag_id)
    label = _clean_label(label)
    _check_unique_label(tag.kind, label, tag.id)
    if tag.kind == "topic" and category is not None:
        tag.category = _check_category("topic", category)
    elif tag.kind == "warning" and category:
        _check_category("warning", category)
    tag.label = label
    db.session.commit()
    return tag


def relabel(tag_id: int, label: str) -> Tag:
    """Give a tag of the vocabulary a new label; its slug, and so its stories, stay."""
    return update(tag_id, label)


def retire(tag_id: int) -> Tag:
    """Take a tag out of the vocabulary; stories keep it as a free tag (without a category)."""
    tag = _vocabulary_tag(tag_id)
    tag.controlled, tag.category = False, None
    db.session.commit()
    return tag
