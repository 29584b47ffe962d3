"""The consent audit trail as CSV, for admins: who did what to which consent, when, and how.

Rows carry the consent's random id, never its printed code, secret, witness, place or any story
content; a staff actor appears as their e-mail, anyone else as the role they acted in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from archive.extensions import db
from archive.models import ConsentEvent, ConsentEventKind, User
from archive.text import spreadsheet_cell

from .events import EventDetails

COLUMNS = ("consent_id", "event", "channel", "actor", "at", "detail")
# Who acted, when no staff account did, by the channel it came through.
CHANNEL_ACTORS = {"patient_web": "storyteller", "staff_web": "staff", "cli": "operator", "api": "api client"}
BATCH = 1000


PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """Which consent events an admin looks at: one kind of event, one channel, one consent (its id),
    events on or after ``since`` and on or before ``until`` (days, UTC), a page of ``PAGE_SIZE``."""

    event: str = ""
    channel: str = ""
    consent_id: str = ""
    since: date | None = None
    until: date | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args) -> AuditFilter:
        """Read the page's parameters; anything unreadable is left out of the filter (the page says so
        by showing the field empty)."""
        event = args.get("event", "")
        channel = args.get("channel", "")
        try:
            page = min(max(int(args.get("page", 1)), 1), 100_000)
        except ValueError:
            page = 1
        return cls(
            event=event if event in {k.value for k in ConsentEventKind} else "",
            channel=channel if channel in CHANNEL_ACTORS else "",
            consent_id=args.get("consent", "")[:32].strip(),
            since=_day(args.get("since")),
            until=_day(args.get("until")),
            page=page,
        )

    def args(self, **changes) -> dict:
        """These filters as URL parameters (for links to other pages and to the CSV)."""
        chosen = replace(self, **changes)
        values = {
            "event": chosen.event,
            "channel": chosen.channel,
            "consent": chosen.consent_id,
            "since": chosen.since.isoformat() if chosen.since else "",
            "until": chosen.until.isoformat() if chosen.until else "",
            "page": chosen.page if chosen.page != 1 else "",
        }
        return {k: v for k, v in values.items() if v}

    def where(self, stmt):
        if self.event:
            stmt = stmt.where(ConsentEvent.event == self.event)
        if self.channel:
            stmt = stmt.where(ConsentEvent.channel == self.channel)
        if self.consent_id:
            stmt = stmt.where(ConsentEvent.consent_id == self.consent_id)
        if self.since:
            stmt = stmt.where(ConsentEvent.at >= datetime.combine(self.since, time()))
        if self.until:
            stmt = stmt.where(ConsentEvent.at < datetime.combine(self.until + timedelta(days=1), time()))
        return stmt


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class AuditRow:
    consent_id: str
    event: str
    channel: str
    actor: str
    at: datetime
    detail: str


def audit_page(chosen: AuditFilter) -> tuple[list[AuditRow], int]:
    """One page of the consent events ``chosen`` asks for, newest first, and how many there are."""
    total = db.session.scalar(chosen.where(select(func.count()).select_from(ConsentEvent)))
    stmt = chosen.where(
        select(ConsentEvent, User.email, User.role).outerjoin(User, User.id == ConsentEvent.actor_id)
    )
    stmt = stmt.order_by(ConsentEvent.at.desc(), ConsentEvent.id.desc())
    stmt = stmt.offset((chosen.page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    rows = [
        AuditRow(
            event.consent_id,
            event.event,
            event.channel,
            email or role or CHANNEL_ACTORS.get(event.channel, event.channel),
            event.at,
            EventDetails.from_json(event.details).text(),
        )
        for event, email, role in db.session.execute(stmt)
    ]
    return rows, total


def consent_events_csv(chosen: AuditFilter | None = None) -> Iterator[str]:
    """Yield the CSV of every consent event (those ``chosen`` asks for, its page aside), oldest
    first, a batch of rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield buffer.getvalue()
    stmt = select(ConsentEvent, User.email, User.role).outerjoin(User, User.id == ConsentEvent.actor_id)
    if chosen is not None:
        stmt = chosen.where(stmt)
    rows = db.session.execute(
        stmt.order_by(ConsentEvent.at, ConsentEvent.id).execution_options(yield_per=BATCH)
    )
    for batch in rows.partitions():
        buffer.seek(0)
        buffer.truncate()
        for event, email, role in batch:
            actor = email or role or CHANNEL_ACTORS.get(event.channel, event.channel)
            writer.writerow(
                spreadsheet_cell(v)
                for v in (
                    event.consent_id,
                    event.event,
                    event.channel,
                    actor,
                    event.at.isoformat(timespec="seconds") + "Z",
                    EventDetails.from_json(event.details).text(),
                )
            )
        yield buffer.getvalue()
