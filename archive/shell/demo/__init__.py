"""Demo accounts and a dozen demo stories, so a newcomer sees a living library at once.

The stories are invented. They go through the same services as real ones: ingest with consent, then a
demo reviewer marks what a person would (first names said alone, towns), removes everything detection
proposed, and publishes ten of them,
leaving two in the review queue.
"""

from __future__ import annotations

import io
import json
import math
import re
import secrets
import wave
from array import array
from datetime import timedelta
from importlib import resources

from sqlalchemy import select

from archive.auth import NewUser, create_user
from archive.crypto import format_code
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.models import ConsentMethod, Role, SpanDecision, SpanKind, User, utcnow
from consent.records import ConsentTerms
from ingest import review
from ingest.consent_recordings import stage_consent_recording
from ingest.stories import TypedStorySubmission, ingest_typed_story

DEMO_ACCOUNTS = {
    Role.ADMIN: ("admin@example.org", "demo-admin-password"),
    Role.FACILITATOR: ("facilitator@example.org", "demo-facilitator-password"),
    Role.REVIEWER: ("reviewer@example.org", "demo-reviewer-password"),
    Role.EDUCATOR: ("educator@example.org", "demo-educator-password"),
}
# The last two stories wait in the reviewer's queue.
LEFT_FOR_REVIEW = 2


def demo_stories() -> list[dict]:
    return json.loads(resources.files(__package__).joinpath("stories.json").read_text(encoding="utf-8"))


def placeholder_consent_recording(seconds: float = 2.0, rate: int = 16_000) -> bytes:
    """Return a WAV of a soft 440 Hz tone: the demo's stand-in for a recording of consent said aloud.

    Consent said aloud is kept only with its recording, and the demo has no voices of its own; a
    tone made here, on the spot, lets the admin's and the storyteller's players be tried honestly.
    """
    frames = int(seconds * rate)
    fade = rate // 10  # 0.1 s in and out, so the tone does not click
    samples = array(
        "h",
        (
            int(6000 * min(1.0, n / fade, (frames - n) / fade) * math.sin(2 * math.pi * 440 * n / rate))
            for n in range(frames)
        ),
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return out.getvalue()


def _account(role: Role) -> User:
    email, password = DEMO_ACCOUNTS[role]
    user = db.session.scalar(select(User).where(User.email == email))
    return user or create_user(NewUser(email=email, role=role, password=password))


def load_demo() -> str:
    """Create the demo accounts and stories unless they exist; return what to tell the user."""
    accounts_text = "\n".join(
        f"  {role.value:<12} {email}  password: {password}"
        for role, (email, password) in DEMO_ACCOUNTS.items()
    )
    existed = db.session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[Role.FACILITATOR][0]))
    users = {role: _account(role) for role in DEMO_ACCOUNTS}
    if existed is not None:
        return f"The demo is loaded already. Demo accounts (for trying the site only):\n{accounts_text}"
    facilitator, reviewer = users[Role.FACILITATOR], users[Role.REVIEWER]
    cards = []
    items = demo_stories()
    for n, item in enumerate(items):
        known = item["known"]
        pairs = [("speaker", known["speaker"])] + [("relative", r) for r in known["relatives"]]
        pairs += [("village", known["village"]), ("clinic", known["clinic"])]
        said_aloud = item["method"] == ConsentMethod.VERBAL_RECORDED
        consent_recording = (
            stage_consent_recording(io.BytesIO(placeholder_consent_recording())) if said_aloud else None
        )
        result = ingest_typed_story(
            TypedStorySubmission(
                submission_key=f"demo-{n}-{secrets.token_hex(8)}",
                title=item["title"],
                text=item["text"],
                language=item["language"],
                topic_slugs=tuple(item["tags"]),
                free_tags=tuple(item["free_tags"]),
                warning_slugs=tuple(item["warnings"]),
                known=tuple(pairs),
                consent=ConsentTerms(
                    purposes=frozenset(item["purposes"]),
                    modalities=frozenset({"text"}),
                    method=item["method"],
                    witness=item["witness"],
                    form_version="demo-1",
                    # A guardian's consent: the storyteller comes of age in a few years.
                    comes_of_age_on=utcnow().date() + timedelta(days=3 * 365)
                    if item["method"] == ConsentMethod.GUARDIAN
                    else None,
                ),
            ),
            facilitator.id,
            consent_recording=consent_recording,
        )
        cards.append((item["title"], result.story.consent.code, result.secret))
        if n >= len(items) - LEFT_FOR_REVIEW:
            continue
        story = result.story
        # What the demo reviewer marks by hand: names said alone, and towns.
        for _, name in pairs[: 1 + len(known["relatives"])]:
            for part in re.findall(r"[A-Z][a-z]{2,}", name):
                _mark(story, part, SpanKind.NAME, reviewer.id)
        for mark in item.get("review_marks", []):
            _mark(story, mark["words"], mark["kind"], reviewer.id)
        # Everything detection proposed is removed: when in doubt, a reviewer removes.
        pending = {
            span.id: SpanDecision.ACCEPTED for span in story.spans if span.decision == SpanDecision.PENDING
        }
        review.decide(story, pending, reviewer.id)
        review.publish(story, reviewer.id)
    title, code, secret = cards[0]
    return (
        f"Loaded {len(items)} demo stories ({len(items) - LEFT_FOR_REVIEW} published, "
        f"{LEFT_FOR_REVIEW} waiting for review).\n"
        f"Demo accounts (for trying the site only):\n{accounts_text}\n"
        f"A demo consent card, for the patient page /consent (story “{title}”):\n"
        f"  code {format_code(code)}  secret {secret}"
    )


def _mark(story, words: str, kind: str, reviewer_id: int) -> None:
    try:
        review.add_spans_by_words(story, words, kind, reviewer_id)
    except ValidationFailed:
        pass  # the word is already marked (e.g. inside a known full name) or not said on its own
