"""Consent forms as versioned documents: written by admins per language, never edited once used.

A storyteller agreed to the text they were shown. So a version that any consent refers to is frozen:
a change is a new version, which may ask the earlier signers of that language's form to consent again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, or_, select, update

from archive.errors import Conflict, NotFound, ValidationFailed
from archive.extensions import db
from archive.languages import is_language
from archive.models import Consent, ConsentEventKind, ConsentForm, ConsentStatus, Story, utcnow
from archive.text import clean_line, clean_text

from .events import EventDetails, event_row

VERSION_CHARS = 40  # the width of ConsentForm.version and Consent.form_version
TITLE_CHARS = 200
MAX_FORM_TEXT_CHARS = 50_000


@dataclass(frozen=True)
class FormDraft:
    """What the admin typed for a new version (or a correction of an unused one)."""

    language: str
    version: str
    title: str
    text: str
    requires_reconsent: bool = False


@dataclass(frozen=True)
class NotAsked:
    """An active consent in the new version's language that was not asked to consent again, and why."""

    consent_id: str
    reason: str


# Why an earlier consent was not asked again (``NotAsked.reason``).
SAME_LABEL = (
    "recorded with the typed version label {version}, the new version's own label: taken as a consent "
    "to this version"
)


@dataclass(frozen=True)
class Written:
    form: ConsentForm
    flagged: int  # how many earlier consents were asked to consent again
    not_asked: tuple[NotAsked, ...] = ()  # active consents of the language left as they were, and why


def _cleaned(draft: FormDraft) -> FormDraft:
    return FormDraft(
        language=clean_line(draft.language).lower(),
        version=clean_line(draft.version),
        title=clean_line(draft.title),
        text=clean_text(draft.text),
        requires_reconsent=draft.requires_reconsent,
    )


def _validate(draft: FormDraft) -> dict[str, list[str]]:
    reasons: dict[str, list[str]] = {}

    def bad(name: str, message: str) -> None:
        reasons.setdefault(name, []).append(message)

    if not is_language(draft.language):
        bad("language", "Choose the language the form is written in.")
    if not draft.version:
        bad("version", "Give the version a label, such as 2027-1.")
    elif len(draft.version) > VERSION_CHARS:
        bad("version", f"Keep the version label to at most {VERSION_CHARS} characters.")
    if not draft.title:
        bad("title", "Give the form a title.")
    elif len(draft.title) > TITLE_CHARS:
        bad("title", f"Keep the title to at most {TITLE_CHARS} characters.")
    if not draft.text:
        bad("text", "Write the full text of the form, as it is read to the storyteller.")
    elif len(draft.text) > MAX_FORM_TEXT_CHARS:
        bad("text", f"Keep the form to at most {MAX_FORM_TEXT_CHARS:,} characters.")
    return reasons


def forms_by_language() -> dict[str, list[ConsentForm]]:
    """Return every form version grouped by language, newest version first within each."""
    grouped: dict[str, list[ConsentForm]] = {}
    rows = db.session.scalars(
        select(ConsentForm).order_by(
            ConsentForm.language, ConsentForm.created_at.desc(), ConsentForm.id.desc()
        )
    )
    for form in rows:
        grouped.setdefault(form.language, []).append(form)
    return grouped


def usable_forms() -> list[ConsentForm]:
    """Return the versions a facilitator may record a new consent against (not retired)."""
    return list(
        db.session.scalars(
            select(ConsentForm)
            .where(ConsentForm.retired_at.is_(None))
            .order_by(ConsentForm.language, ConsentForm.created_at.desc(), ConsentForm.id.desc())
        )
    )


def current_form(language: str) -> ConsentForm | None:
    """Return the newest version in ``language`` that is not retired, if there is one."""
    return db.session.scalar(
        select(ConsentForm)
        .where(ConsentForm.language == language, ConsentForm.retired_at.is_(None))
        .order_by(ConsentForm.created_at.desc(), ConsentForm.id.desc())
        .limit(1)
    )


def get_form(form_id: int) -> ConsentForm:
    form = db.session.get(ConsentForm, form_id)
    if form is None:
        raise NotFound("There is no such consent form version.")
    return form


def is_used(form: ConsentForm) -> bool:
    """Whether any consent was recorded against this version (then it is frozen)."""
    return bool(db.session.scalar(select(exists().where(Consent.form_id == form.id))))


def signers(form: ConsentForm) -> int:
    return db.session.scalar(select(db.func.count()).where(Consent.form_id == form.id)) or 0


def write_version(draft: FormDraft, admin_id: int | None) -> Written:
    """Add a new version of a language's form (committed); flag earlier signers if it asks to."""
    draft = _cleaned(draft)
    reasons = _validate(draft)
    if not reasons and db.session.scalar(
        select(ConsentForm.id).where(
            ConsentForm.language == draft.language, ConsentForm.version == draft.version
        )
    ):
        reasons["version"] = [
            f"Version {draft.version} of this language's form exists already: give the new one its own label."
        ]
    if reasons:
        raise ValidationFailed(reasons)
    form = ConsentForm(
        language=draft.language,
        version=draft.version,
        title=draft.title,
        text=draft.text,
        requires_reconsent=draft.requires_reconsent,
        created_by_id=admin_id,
    )
    db.session.add(form)
    db.session.flush()
    flagged, not_asked = _ask_earlier_signers(form, admin_id) if draft.requires_reconsent else (0, ())
    db.session.commit()
    return Written(form, flagged, tuple(not_asked))


def correct_unused(form_id: int, title: str, text: str) -> ConsentForm:
    """Correct the title or text of a version nobody has consented to yet (committed).

    Refused with Conflict once any consent refers to the version: its signers agreed to that text.
    """
    form = get_form(form_id)
    # Lock the row's use against a consent being recorded meanwhile: re-read inside the transaction.
    if is_used(form):
        raise Conflict(
            "Storytellers have consented to this version, so its text cannot change. Write a new "
            "version instead."
        )
    draft = _cleaned(FormDraft(form.language, form.version, title, text))
    reasons = {k: v for k, v in _validate(draft).items() if k in ("title", "text")}
    if reasons:
        raise ValidationFailed(reasons)
    form.title, form.text = draft.title, draft.text
    db.session.commit()
    return form


def retire(form_id: int) -> ConsentForm:
    """Stop offering a version for new consents (committed); consents already given keep it."""
    form = get_form(form_id)
    if form.retired_at is None:
        form.retired_at = utcnow()
        db.session.commit()
    return form


def _in_language(language: str):
    """The consents explained in ``language``: their own language, or for a consent recorded before
    it was kept (None), the language of its story."""
    story_language = (
        select(Story.id).where(Story.consent_id == Consent.id, Story.language == language).exists()
    )
    return or_(Consent.language == language, and_(Consent.language.is_(None), story_language))


def _ask_earlier_signers(form: ConsentForm, actor_id: int | None) -> tuple[int, list[NotAsked]]:
    """Set re-consent due on every active consent of ``form``'s language given on an earlier version:
    an older version of the written form, or a version label typed at ingest (no form had been
    written for the language then, or before forms were documents). Return how many were flagged and
    the active consents of the language left as they were, with why.

    A typed label is only a label: "2026-1" typed at ingest is an earlier version of the form now
    written, whatever its spelling, unless it is the new version's own label.
    """
    older = select(ConsentForm.id).where(ConsentForm.language == form.language, ConsentForm.id != form.id)
    earlier = or_(
        Consent.form_id.in_(older),
        and_(Consent.form_id.is_(None), _in_language(form.language), Consent.form_version != form.version),
    )
    now = utcnow()
    ids = list(
        db.session.scalars(
            select(Consent.id).where(
                earlier,
                Consent.status == ConsentStatus.ACTIVE,
                Consent.reconsent_due_at.is_(None),
            )
        )
    )
    same_label = db.session.scalars(
        select(Consent.id)
        .where(
            Consent.form_id.is_(None),
            _in_language(form.language),
            Consent.form_version == form.version,
            Consent.status == ConsentStatus.ACTIVE,
        )
        .order_by(Consent.id)
    )
    not_asked = [NotAsked(cid, SAME_LABEL.format(version=form.version)) for cid in same_label]
    if not ids:
        return 0, not_asked
    db.session.execute(
        update(Consent)
        .where(Consent.id.in_(ids))
        .values(reconsent_due_at=now)
        .execution_options(synchronize_session=False)
    )
    details = EventDetails(form_version=form.version)
    db.session.add_all(
        event_row(cid, ConsentEventKind.RECONSENT_DUE, "staff_web", actor_id, details, now) for cid in ids
    )
    return len(ids), not_asked
