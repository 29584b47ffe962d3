"""Problems educators report in published stories (a misheard transcript, an identifier left in), and
the reviewers' queue of them.

The library takes a report from the story page (``report_problem``), the reviewers' reports page lists
and closes them (``open_reports``, ``resolve``). A note may quote the story, a name left in it
included: it is stored encrypted (``IDENTIFIER_KEY``, like known identifiers), shown to reviewers and
admins only, never logged, and deleted with the story (``archive.erasure``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from .crypto import IdentifierCipher
from .errors import NotFound, ValidationFailed, get_or_404
from .extensions import db
from .models import ReportKind, Story, StoryReport, StoryStatus, utcnow

KINDS = {
    ReportKind.TRANSCRIPT: "The transcript is wrong (words misheard, missing or out of place)",
    ReportKind.REDACTION: "A name, place or other identifier is still there, or words covered for nothing",
    ReportKind.OTHER: "Something else",
}
MAX_NOTE_CHARS = 2000
# One educator's reports in a day: enough for a careful reader, too few to flood the reviewers.
MAX_REPORTS_PER_DAY = 30
_LABELS: dict[str, str] = {kind.value: label for kind, label in KINDS.items()}


def _cipher() -> IdentifierCipher:
    return IdentifierCipher(current_app.config["IDENTIFIER_KEY"])


def report_problem(
    story: Story, reporter_id: int, kind: str, note: str, at_seconds: float | None = None
) -> StoryReport:
    """Record an educator's report on a story they may see (the caller asked the publication rule)."""
    note = (note or "").strip()
    reasons: dict[str, list[str]] = {}
    if kind not in KINDS:
        reasons["kind"] = ["Choose what kind of problem it is."]
    if len(note) > MAX_NOTE_CHARS:
        reasons["note"] = [f"Write at most {MAX_NOTE_CHARS} characters."]
    if kind == ReportKind.OTHER and not note:
        reasons["note"] = ["Say what the problem is."]
    since = utcnow() - timedelta(days=1)
    sent = (
        db.session.scalar(
            select(func.count())
            .select_from(StoryReport)
            .where(StoryReport.reporter_id == reporter_id, StoryReport.created_at >= since)
        )
        or 0
    )
    if sent >= MAX_REPORTS_PER_DAY:
        reasons[""] = [f"You have sent {sent} reports today; please wait until tomorrow."]
    if reasons:
        raise ValidationFailed(reasons)
    report = StoryReport(
        story_id=story.id,
        reporter_id=reporter_id,
        kind=kind,
        note_encrypted=_cipher().encrypt(note) if note else None,
        at_seconds=at_seconds,
    )
    db.session.add(report)
    db.session.commit()
    return report


@dataclass(frozen=True)
class OpenReport:
    report: StoryReport
    note: str
    kind_label: str


def open_reports(limit: int = 200) -> list[OpenReport]:
    """The reports no reviewer has closed, oldest first, with their notes decrypted (for the page)."""
    stmt = (
        select(StoryReport)
        .join(StoryReport.story)
        .where(StoryReport.resolved_at.is_(None), Story.status != StoryStatus.WITHDRAWN)
        .options(joinedload(StoryReport.story))
        .order_by(StoryReport.created_at)
        .limit(limit)
    )
    cipher = _cipher()
    return [
        OpenReport(
            r, cipher.decrypt(r.note_encrypted) if r.note_encrypted else "", _LABELS.get(r.kind, r.kind)
        )
        for r in db.session.scalars(stmt)
    ]


def open_report(report_id: str) -> OpenReport:
    """One open report of a story not withdrawn, its note decrypted; NotFound otherwise (an unknown id
    and a closed report answer alike)."""
    report = get_or_404(StoryReport, report_id)
    if report.resolved_at is not None or report.story.status == StoryStatus.WITHDRAWN:
        raise NotFound()
    note = _cipher().decrypt(report.note_encrypted) if report.note_encrypted else ""
    return OpenReport(report, note, _LABELS.get(report.kind, report.kind))


def open_count() -> int:
    """How many reports wait for a reviewer (for the review queue's link)."""
    return (
        db.session.scalar(
            select(func.count()).select_from(StoryReport).where(StoryReport.resolved_at.is_(None))
        )
        or 0
    )


def resolve(report_id: str, reviewer_id: int) -> StoryReport:
    """Close a report (a reviewer dealt with it or found nothing wrong); NotFound if it is closed."""
    report = get_or_404(StoryReport, report_id)
    if report.resolved_at is not None:
        raise NotFound("This report was closed already.")
    report.resolved_at = utcnow()
    report.resolved_by_id = reviewer_id
    db.session.commit()
    return report
