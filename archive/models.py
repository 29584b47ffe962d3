"""Shared models: users, stories, tags, consent, redaction spans, audit and rate-limit rows.

Stories and consents are addressed by random string ids; integer keys are only used for rows that are
never named in a URL on their own.
"""

from __future__ import annotations

import enum
import hashlib
from datetime import UTC, date, datetime

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .crypto import new_id
from .extensions import Model, db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Role(enum.StrEnum):
    ADMIN = "admin"
    FACILITATOR = "facilitator"
    REVIEWER = "reviewer"
    EDUCATOR = "educator"


class StoryStatus(enum.StrEnum):
    DRAFT = "draft"
    PROCESSING = "processing"
    NEEDS_REVIEW = "needs_review"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    # Audio stories only: no speech model for the story's language yet, or transcription failed.
    NEEDS_MODEL = "needs_model"
    FAILED = "failed"


class ConsentStatus(enum.StrEnum):
    ACTIVE = "active"
    # The consent period ended: the stories are hidden at once, and treated as withdrawn after the
    # grace period (CONSENT_EXPIRY_GRACE_DAYS) unless the storyteller extends the period meanwhile.
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class ConsentMethod(enum.StrEnum):
    SIGNED = "signed"
    THUMBPRINT = "thumbprint"
    VERBAL_RECORDED = "verbal_recorded"
    # A guardian on behalf of a minor: the consent names the day the storyteller comes of age, and
    # covers new uses only until a short while after it (see consent.records.guardian_limit).
    GUARDIAN = "guardian"
    # A guardian on behalf of an adult who cannot consent themself: no coming-of-age date.
    GUARDIAN_ADULT = "guardian_adult"


class Purpose(enum.StrEnum):
    TEACHING = "teaching"
    PUBLIC = "public"
    RESEARCH = "research"


class Modality(enum.StrEnum):
    TEXT = "text"
    AUDIO = "audio"


class SpanKind(enum.StrEnum):
    NAME = "NAME"
    LOCATION = "LOCATION"
    ADDRESS = "ADDRESS"
    DATE = "DATE"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    ID = "ID"
    URL = "URL"
    IP = "IP"
    AGE = "AGE"
    OTHER = "OTHER"


class SpanSource(enum.StrEnum):
    KNOWN = "known"  # an identifier the facilitator gave at ingest
    MANUAL = "manual"  # marked by a reviewer
    PATTERN = "pattern"
    NAME_LIST = "name_list"
    MODEL = "model"
    SOUND = "sound"  # a recognised word that sounds like a known identifier (ingest.soundalike)


class SpanDecision(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class IdentifierRole(enum.StrEnum):
    SPEAKER = "speaker"
    RELATIVE = "relative"
    VILLAGE = "village"
    CLINIC = "clinic"
    OTHER = "other"


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Part of every session's sign-in (``get_id``): raised by signing out or changing the password, it
    # ends every session signed in before, on every browser, copied cookies included.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    def get_id(self) -> str:
        """What a session keeps of its sign-in: the account's id, its session generation (raised by
        signing out) and a fingerprint of its password hash (so a changed or reset password ends every
        session signed in with the old one)."""
        return f"{self.id}:{self.session_generation}.{session_fingerprint(self.password_hash)}"


def session_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


story_tags = Table(
    "story_tags",
    db.metadata,
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Tag(Model):
    """A topic tag or a content warning; controlled ones come from the admin's vocabulary."""

    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("kind", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default="topic")  # "topic" or "warning"
    slug: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(80))
    controlled: Mapped[bool] = mapped_column(Boolean, default=True)
    # Where a topic sits in the teaching vocabulary (see ``archive.vocabulary.CATEGORIES``): the
    # experience of illness, the care setting, the clinical area, or a communication and empathy
    # theme. None for free tags and content warnings.
    category: Mapped[str | None] = mapped_column(String(20))


class Consent(Model):
    """What the storyteller agreed to, and the hashed secret that lets them change it."""

    __tablename__ = "consents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(12), default=ConsentStatus.ACTIVE)
    purpose_teaching: Mapped[bool] = mapped_column(Boolean, default=False)
    purpose_public: Mapped[bool] = mapped_column(Boolean, default=False)
    purpose_research: Mapped[bool] = mapped_column(Boolean, default=False)
    modality_text: Mapped[bool] = mapped_column(Boolean, default=False)
    modality_audio: Mapped[bool] = mapped_column(Boolean, default=False)
    # The storyteller allows their recording to be heard only with the voice disguised.
    voice_disguise: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    method: Mapped[str] = mapped_column(String(20))
    # The witness is a person too: encrypted like known identifiers, never shown to educators.
    witness_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    form_version: Mapped[str] = mapped_column(String(40))
    given_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The versioned form the consent was explained with (its text is kept on the form row, which is
    # never edited once used); None for consents recorded before forms were documents.
    form_id: Mapped[int | None] = mapped_column(ForeignKey("consent_forms.id", ondelete="RESTRICT"))
    # The language the form was explained in (ISO 639-1).
    language: Mapped[str | None] = mapped_column(String(3))
    # Where consent was taken (a village, a clinic): it may identify, so encrypted like the witness.
    place_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Consent given by a guardian for a minor: the day the storyteller comes of age, when their own
    # consent is due.
    comes_of_age_on: Mapped[date | None] = mapped_column(Date)
    # Set when a newer form version asks earlier signers to consent again, or a minor came of age.
    reconsent_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    expired_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The language the storyteller reads (a language of their pages): their card is printed in it and
    # their pages open in it. None for consents recorded before it was asked: the story's language.
    storyteller_language: Mapped[str | None] = mapped_column(String(8))
    # The storyteller asked to read or hear their story before it is published: the reviewer's
    # publication then waits for their yes on their page (``Story.approved_at``).
    preview_wanted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Part of every storyteller sign-in's mark (``consent.selfservice``): signing out raises it, which
    # ends every sign-in made before with this card, on any browser, copied cookies included.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    stories: Mapped[list[Story]] = relationship(back_populates="consent")
    form: Mapped[ConsentForm | None] = relationship()

    @property
    def purposes(self) -> list[str]:
        return [p for p in Purpose if getattr(self, f"purpose_{p}")]

    @property
    def modalities(self) -> list[str]:
        return [m for m in Modality if getattr(self, f"modality_{m}")]


class ConsentEventKind(enum.StrEnum):
    """What happened to a consent (``ConsentEvent.event``)."""

    GRANTED = "granted"
    VIEWED = "viewed"  # the storyteller opened their page
    CHANGED = "changed"  # a use removed, or the period moved
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    SECRET_RESET = "secret_reset"
    RECONSENT_DUE = "reconsent_due"
    RENEWED = "renewed"  # consent given again
    APPROVAL_ASKED = "approval_asked"  # the story sent to a storyteller who asked to read it first
    APPROVED = "approved"  # the storyteller said yes to its publication


class ConsentEvent(Model):
    """Audit trail of consent: who did what, when and through which channel. Never story content."""

    __tablename__ = "consent_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consent_id: Mapped[str] = mapped_column(ForeignKey("consents.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(20))  # a ConsentEventKind
    channel: Mapped[str] = mapped_column(String(20))  # patient_web, staff_web, cli, api
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # What changed, in the terms of the consent only (a form version, a use removed, the new last
    # day): never story content or identifiers. A JSON object, see consent.events.EventDetails.
    details: Mapped[dict] = mapped_column(JSON, default=dict)


class ConsentForm(Model):
    """One version of the consent form in one language, as the admin wrote it.

    A version is never edited once a consent refers to it: what a storyteller agreed to stays what
    they were told. A new version may ask earlier signers of the same form to consent again.
    """

    __tablename__ = "consent_forms"
    __table_args__ = (UniqueConstraint("language", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    language: Mapped[str] = mapped_column(String(3))
    version: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    requires_reconsent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)


class Story(Model):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(10), default="text")  # "text" or "audio"
    status: Mapped[str] = mapped_column(String(16), default=StoryStatus.DRAFT, index=True)
    # The working text: as typed (or transcribed), then as corrected by the reviewer. Never shown to
    # educators; the published text is derived from it by redaction.
    body: Mapped[str | None] = mapped_column(Text)
    published_text: Mapped[str | None] = mapped_column(Text)
    # The form's one-time token, so a double click or a resent form makes one story, not two.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    consent_id: Mapped[str] = mapped_column(ForeignKey("consents.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    # How many times educators opened the story page: shown to the storyteller, nothing else.
    view_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Where each word of ``published_text`` is heard in the published recording, for a recorded story
    # whose transcript kept its timings: ``[[char_start, char_end, seconds_start, seconds_end], ...]``
    # in text order, one entry per word and one per redaction label (timed over the words it hides).
    # Offsets are into ``published_text``; the words themselves are never stored twice. None for a
    # typed story or a transcript without timings.
    published_timings: Mapped[list | None] = mapped_column(JSON)
    # The published text gives people made-up names (REDACTION_REPLACEMENT = "pseudonym"), not [NAME]:
    # the library says "names changed".
    names_changed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A storyteller who asked to see their story first (``Consent.preview_wanted``): when a reviewer
    # asked for their yes (the text they were shown is ``published_text`` then), who asked, and when
    # they said yes. The story stays waiting for review until then.
    approval_asked_at: Mapped[datetime | None] = mapped_column(DateTime)
    # An account id without a foreign key, so that adding it never rebuilds the stories table on
    # SQLite; a deleted account simply asks no more (``ingest.review.publish_approved``).
    approval_asked_by_id: Mapped[int | None] = mapped_column(Integer)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)

    consent: Mapped[Consent] = relationship(back_populates="stories")
    tags: Mapped[list[Tag]] = relationship(secondary=story_tags, order_by="Tag.slug")
    spans: Mapped[list[RedactionSpan]] = relationship(
        back_populates="story", cascade="all, delete-orphan", order_by="RedactionSpan.start"
    )
    identifiers: Mapped[list[KnownIdentifier]] = relationship(
        back_populates="story", cascade="all, delete-orphan"
    )

    @property
    def topics(self) -> list[Tag]:
        return [t for t in self.tags if t.kind == "topic"]

    @property
    def warnings(self) -> list[Tag]:
        return [t for t in self.tags if t.kind == "warning"]


class StoryView(Model):
    """That an educator opened a story on a day: so a story's ``view_count`` counts each educator once
    a day, however often they (or a link checker signed in as them) load the page. Only the current
    day's rows are needed; older ones are deleted as new views come in."""

    __tablename__ = "story_views"

    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True, index=True)


class KnownIdentifier(Model):
    """An identifier the facilitator knows (speaker, relative, village, clinic), encrypted at rest."""

    __tablename__ = "known_identifiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    value_encrypted: Mapped[bytes] = mapped_column(LargeBinary)

    story: Mapped[Story] = relationship(back_populates="identifiers")


class RedactionSpan(Model):
    """A stretch of the working text proposed for redaction, and the reviewer's decision on it."""

    __tablename__ = "redaction_spans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    source: Mapped[str] = mapped_column(String(12))
    decision: Mapped[str] = mapped_column(String(10), default=SpanDecision.PENDING)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Which recogniser proposed it ("phone number", "after 'my name is'", ...), shown to the reviewer.
    rule: Mapped[str | None] = mapped_column(String(60))

    story: Mapped[Story] = relationship(back_populates="spans")


class IdentifierSettlement(Model):
    """How a reviewer settled one known identifier of a recorded story: the places found confirmed,
    the places where it is said marked by hand, or not said in this recording. Never the value; a
    correction of the identifiers replaces their rows, and with them their settlements."""

    __tablename__ = "identifier_settlements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    identifier_id: Mapped[int] = mapped_column(
        ForeignKey("known_identifiers.id", ondelete="CASCADE"), unique=True
    )
    how: Mapped[str] = mapped_column(String(16))  # confirmed, marked, not_said
    settled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    settled_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class TimeMark(Model):
    """A stretch of a recording (seconds) a reviewer marked for covering, words or not."""

    __tablename__ = "time_marks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    start_s: Mapped[float] = mapped_column(Float)
    end_s: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(12))
    # The known identifier said there, if the mark settles one (no foreign key: a correction of the
    # identifiers replaces their rows, and the stretch stays covered).
    identifier_id: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class IdentifierSearch(Model):
    """The targeted recogniser pass over a recording: whether the model could take a grammar, which
    known identifiers (by id) it could not take, and where it heard each one. No value is stored."""

    __tablename__ = "identifier_searches"

    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    model: Mapped[str | None] = mapped_column(String(120))
    supported: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(300), default="")
    refused: Mapped[list] = mapped_column(JSON, default=list)  # identifier ids
    hits: Mapped[list] = mapped_column(JSON, default=list)  # [[identifier id, start s, end s, conf]]


class RedactionEvent(Model):
    """One entry of a story's redaction audit log: who decided what about which span, and when.

    Spans come and go as the text is edited and detection runs again, so the log keeps the span's
    place and kind rather than a link to it. It never keeps the words themselves: they may identify.
    """

    __tablename__ = "redaction_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))  # accepted, rejected, added, dropped, ...
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(12))
    source: Mapped[str | None] = mapped_column(String(12))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FailedAttempt(Model):
    """A failed sign-in or consent-code attempt, keyed by an HMAC so no address or code is stored."""

    __tablename__ = "failed_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


# PostgreSQL's own types for search in the database; on SQLite (where the Whoosh index searches) the
# table exists with plain columns and stays empty.
_WORDS = JSON().with_variant(postgresql.ARRAY(Text()), "postgresql")
_TSVECTOR = Text().with_variant(postgresql.TSVECTOR(), "postgresql")


class StorySearch(Model):
    """A published story as search in PostgreSQL reads it (``SEARCH_BACKEND=postgres``): its redacted
    text and metadata, and ``document``, the words of title and body analysed in the text search
    configuration of its language (``config``).

    A row is written in the transaction that publishes the story and deleted in the one that makes it
    unpublishable (withdrawal, narrowing, expiry), so every host searches the same stories at once.
    """

    __tablename__ = "story_search"
    __table_args__ = (
        Index("ix_story_search_document", "document", postgresql_using="gin"),
        Index("ix_story_search_tags", "tags", postgresql_using="gin"),
        Index("ix_story_search_published_at", "published_at"),
    )

    story_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    config: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    # Whether an educator may hear the story's recording now (``IndexedStory.heard``, migration 0015).
    heard: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(_WORDS)
    warnings: Mapped[list[str]] = mapped_column(_WORDS)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    document: Mapped[str] = mapped_column(_TSVECTOR)


class IndexRemoval(Model):
    """A story whose index entry must go: queued in the same transaction that made it unpublishable.

    The index is written after the database commits; if that write fails (the index is locked), the
    row stays, searches mask the story out, and the next index write or search retries the removal.
    """

    __tablename__ = "index_removals"

    story_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    queued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MediaKind(enum.StrEnum):
    ORIGINAL = "original"  # the file as uploaded, under a generated name; never served to educators
    LISTENING = "listening"  # small mono Opus/MP3 copy, metadata stripped (redacted in a later step)
    CONSENT_RECORDING = "consent_recording"  # consent given aloud, as uploaded; never served
    # The consent recording re-encoded without its container's tags (GPS, device names): the only form
    # in which it is ever served, to admins and to the storyteller. A kind of its own, so nothing that
    # looks for a story's listening copy (re-transcription replaces those) can take or drop it.
    CONSENT_LISTENING = "consent_listening"
    # The listening copy with every accepted identifier silenced or toned over (and the voice disguised
    # where the consent asks): made at publication, the only recording educators can ever hear.
    PUBLISHED = "published"
    # The redacted copy as it would be published, made on a reviewer's request before publication, so
    # the tone over each name is heard before anyone else hears the story. Served to reviewers only.
    PREVIEW = "preview"


class MediaFile(Model):
    """A stored audio file belonging to a story; ``path`` is relative to MEDIA_ROOT, never user-named."""

    __tablename__ = "media_files"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    path: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(60))
    size_bytes: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    container: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class KeptUpload(Model):
    """A recording from a new-story form that was refused for something else, kept for the form's next
    try so the facilitator need not send it again over a slow, paid link.

    The checked file waits where the store staged it, under a hidden name; the row holds a hash of the
    unguessable token the form carries, the account it belongs to, what probing found, and the file's
    name as uploaded (encrypted: a name may be a person's). It expires after
    ``KEPT_RECORDING_SECONDS``; then the row and its files are swept away.
    """

    __tablename__ = "kept_uploads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(20))  # "recording" or "consent_recording"
    # Where the store staged the files (local paths: Store.staging_path), the upload and, for a consent
    # recording, its tag-free copy.
    path: Mapped[str] = mapped_column(String(1024))
    copy_path: Mapped[str | None] = mapped_column(String(1024))
    copy_media_type: Mapped[str | None] = mapped_column(String(60))
    info: Mapped[dict] = mapped_column(JSON)  # ingest.audio.AudioInfo's fields
    name_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    WAITING_FOR_MODEL = "waiting_for_model"
    # Closed because a reviewer typed the transcript by hand: never resumed, retried or recovered.
    SUPERSEDED = "superseded"
    CANCELLED = "cancelled"  # the story was withdrawn (or changed) while the job waited or ran


class Job(Model):
    """A background job, as the web pages see it: the queue's messages are never read by a page.

    A worker claims a job by moving it from queued to running with a fresh ``claim`` token in one
    conditional UPDATE, so a job enqueued twice still runs once; a running job whose ``heartbeat_at``
    is old belongs to a dead process and is queued again at the next start.
    """

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # an archive.jobs.JobKind
    state: Mapped[str] = mapped_column(String(20), default=JobState.QUEUED, index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    claim: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)


class Transcript(Model):
    """The recogniser's words with their timings and confidences, as corrected by the reviewer.

    ``words`` is a list of ``[word, start, end, conf]``; the story's working text is built from it.
    """

    __tablename__ = "transcripts"

    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(3))
    words: Mapped[list] = mapped_column(JSON, default=list)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    model: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Clip(Model):
    """A passage of a published story an educator marked for teaching: a stretch of the recording
    (seconds), of the published text (character offsets), or both, with a title and a note.

    A clip holds positions, never the story's words: what it shows is read from the story through
    the publication rule at every view, so a narrowed or withdrawn story takes its clips with it.
    """

    __tablename__ = "clips"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    start_s: Mapped[float | None] = mapped_column(Float)
    end_s: Mapped[float | None] = mapped_column(Float)
    text_start: Mapped[int | None] = mapped_column(Integer)
    text_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    story: Mapped[Story] = relationship()


class TeachingSet(Model):
    """An educator's ordered set of stories and clips for a teaching session.

    Private to its owner unless ``shared`` (then every educator can open and duplicate it); students
    without an account reach it only through a ``CourseLink`` while that link's period lasts.
    """

    __tablename__ = "teaching_sets"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    # The set this one was duplicated from, if any (kept for the record; the copy is independent).
    copied_from_id: Mapped[str | None] = mapped_column(ForeignKey("teaching_sets.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    items: Mapped[list[TeachingSetItem]] = relationship(
        back_populates="teaching_set", cascade="all, delete-orphan", order_by="TeachingSetItem.position"
    )
    links: Mapped[list[CourseLink]] = relationship(
        back_populates="teaching_set", cascade="all, delete-orphan", order_by="CourseLink.created_at"
    )


class TeachingSetItem(Model):
    """One place in a teaching set: a story, or a clip of it, with the educator's reflection prompt
    and discussion questions for it. The story is named even for a clip, so a withdrawn story's place
    can still say what happened to it."""

    __tablename__ = "teaching_set_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[str] = mapped_column(ForeignKey("teaching_sets.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    clip_id: Mapped[str | None] = mapped_column(ForeignKey("clips.id", ondelete="SET NULL"), index=True)
    prompt: Mapped[str] = mapped_column(Text, default="")
    questions: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    teaching_set: Mapped[TeachingSet] = relationship(back_populates="items")
    story: Mapped[Story] = relationship()
    clip: Mapped[Clip | None] = relationship()


class CourseLink(Model):
    """A link that lets students without an account open one teaching set until ``expires_at``.

    Only a hash of the link's token is kept: the link itself is shown once, to the educator who made
    it. Every view through it checks the period and, for each story, the publication rule.
    """

    __tablename__ = "course_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[str] = mapped_column(ForeignKey("teaching_sets.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    teaching_set: Mapped[TeachingSet] = relationship(back_populates="links")


class ReportKind(enum.StrEnum):
    TRANSCRIPT = "transcript"  # words misheard, missing or out of place
    REDACTION = "redaction"  # an identifier left visible or audible, or a word covered for nothing
    OTHER = "other"


class StoryReport(Model):
    """A problem an educator found in a published story, waiting in the reviewers' queue.

    The educator's note may quote the story, even a name left in it: it is encrypted like a known
    identifier, shown only to reviewers and admins, and deleted with the story's other rows.
    """

    __tablename__ = "story_reports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(12))  # a ReportKind
    note_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Where in the recording the educator was when they reported it (seconds), if they were listening.
    at_seconds: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    story: Mapped[Story] = relationship()
