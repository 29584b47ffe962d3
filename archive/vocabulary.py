"""The controlled vocabulary: topic tags and content warnings that the admin curates."""

from __future__ import annotations

from sqlalchemy import select

from .errors import ValidationFailed
from .extensions import db
from .models import Tag

# A starting vocabulary for narrative medicine teaching; the admin adds, renames and retires tags.
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
SEED_WARNINGS = {
    "death": "Death",
    "violence": "Violence",
    "suicide": "Suicide",
    "loss-of-a-child": "Loss of a child",
    "self-harm": "Self-harm",
}


def seed() -> int:
    """Add any missing seed tags; return how many were added. Safe to run again."""
    added = 0
    for kind, seeds in (("topic", SEED_TOPICS), ("warning", SEED_WARNINGS)):
        have = set(db.session.scalars(select(Tag.slug).where(Tag.kind == kind)))
        for slug, label in seeds.items():
            if slug not in have:
                db.session.add(Tag(kind=kind, slug=slug, label=label, controlled=True))
                added += 1
    db.session.commit()
    return added


def controlled(kind: str) -> list[Tag]:
    stmt = select(Tag).where(Tag.kind == kind, Tag.controlled.is_(True)).order_by(Tag.label)
    return list(db.session.scalars(stmt))


def labels() -> dict[tuple[str, str], str]:
    """Return {(kind, slug): label} for every tag, for rendering slugs kept in the index."""
    return {(t.kind, t.slug): t.label for t in db.session.scalars(select(Tag))}


def add_controlled(kind: str, slug: str, label: str) -> Tag:
    from ingest.stories import slugify

    slug = slugify(slug or label)
    label = label.strip()
    reasons: dict[str, list[str]] = {}
    if kind not in ("topic", "warning"):
        reasons["kind"] = ["Choose topic or content warning."]
    if not slug or not label or len(label) > 80:
        reasons["label"] = ["Give a label of 1 to 80 characters."]
    if reasons:
        raise ValidationFailed(reasons)
    tag = db.session.scalar(select(Tag).where(Tag.kind == kind, Tag.slug == slug))
    if tag is not None and tag.controlled:
        raise ValidationFailed({"label": ["That tag is in the vocabulary already."]})
    if tag is None:
        tag = Tag(kind=kind, slug=slug, label=label)
        db.session.add(tag)
    tag.label, tag.controlled = label, True  # a free tag promoted into the vocabulary keeps its stories
    db.session.commit()
    return tag


def relabel(tag_id: int, label: str) -> Tag:
    tag = db.session.get(Tag, tag_id)
    label = label.strip()
    if tag is None:
        raise ValidationFailed({"label": ["That tag no longer exists."]})
    if not label or len(label) > 80:
        raise ValidationFailed({"label": ["Give a label of 1 to 80 characters."]})
    tag.label = label
    db.session.commit()
    return tag


def retire(tag_id: int) -> None:
    """Take a tag out of the vocabulary; stories keep it as a free tag."""
    tag = db.session.get(Tag, tag_id)
    if tag is None:
        raise ValidationFailed({"label": ["That tag no longer exists."]})
    tag.controlled = False
    db.session.commit()
