"""The consent's audit events: what kind of thing happened (``archive.models.ConsentEventKind``) and
what it changed (``EventDetails``), kept as structured details, never as sentences to be read back.

Details name terms of the consent only, never story content or identifiers: a form's version label,
a purpose or modality removed, how the period moved and to which day, the day a consent ended or a
storyteller came of age. They are stored as JSON (``ConsentEvent.details``); the storyteller's page
says them in the storyteller's language (``consent.words.event_detail``) and the admin's CSV in
English (``EventDetails.text``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import date, datetime

from archive.extensions import db
from archive.models import Consent, ConsentEvent, ConsentEventKind, utcnow


class PeriodEnd(enum.StrEnum):
    """Where a change moved the consent's end."""

    ENDED_NOW = "ended_now"  # the storyteller ended it today
    NO_END = "no_end"  # the end date was removed
    ENDS = "ends"  # a new last day (``EventDetails.ends_on``)


@dataclass(frozen=True)
class EventDetails:
    """What one consent event changed; every field is optional, and empty fields are not stored."""

    form_version: str | None = None  # granted, renewed, reconsent_due: the form's version label
    came_of_age: bool = False  # renewed: given by the storyteller, who came of age
    removed: str | None = None  # changed: the purpose or modality removed
    period: PeriodEnd | None = None  # changed: how the end moved
    ends_on: date | None = None  # changed, with period ENDS: the new last day
    ended_on: date | None = None  # expired: the day the period ended
    came_of_age_on: date | None = None  # reconsent_due: the day the storyteller came of age

    def to_json(self) -> dict:
        """The details as stored: set fields only, dates as YYYY-MM-DD."""
        found = {}
        for spec in fields(self):
            value = getattr(self, spec.name)
            if value in (None, False):
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, enum.Enum):
                value = value.value
            found[spec.name] = value
        return found

    @classmethod
    def from_json(cls, data: dict | None) -> EventDetails:
        """Read stored details back; unknown keys (from a later release) are left out."""
        data = data or {}
        dates = {"ends_on", "ended_on", "came_of_age_on"}
        values = {}
        for spec in fields(cls):
            if spec.name not in data:
                continue
            value = data[spec.name]
            if spec.name in dates:
                value = date.fromisoformat(value)
            elif spec.name == "period":
                value = PeriodEnd(value)
            values[spec.name] = value
        return cls(**values)

    def text(self) -> str:
        """The details in plain English, for the admin's audit CSV ("teaching removed")."""
        parts = []
        if self.form_version is not None:
            parts.append(f"form v{self.form_version}")
        if self.came_of_age:
            parts.append("by the storyteller who came of age")
        if self.removed is not None:
            parts.append(f"{self.removed} removed")
        if self.period == PeriodEnd.ENDED_NOW:
            parts.append("period ended now")
        elif self.period == PeriodEnd.NO_END:
            parts.append("period end removed")
        elif self.period == PeriodEnd.ENDS and self.ends_on is not None:
            parts.append(f"period end set to {self.ends_on.isoformat()}")
        if self.ended_on is not None:
            parts.append(f"period ended {self.ended_on.isoformat()}")
        if self.came_of_age_on is not None:
            parts.append(f"came of age on {self.came_of_age_on.isoformat()}")
        return ", ".join(parts)


def record_event(
    consent: Consent,
    kind: ConsentEventKind,
    channel: str,
    actor_id: int | None = None,
    details: EventDetails | None = None,
    at: datetime | None = None,
) -> None:
    """Add an audit row for a consent event; ``details`` names what changed, never story content.
    ``at`` is when it happened, if not now (a periodic job's own clock)."""
    db.session.add(event_row(consent.id, kind, channel, actor_id, details, at))


def event_row(
    consent_id: str,
    kind: ConsentEventKind,
    channel: str,
    actor_id: int | None = None,
    details: EventDetails | None = None,
    at: datetime | None = None,
) -> ConsentEvent:
    """A new audit row (``record_event``; or many at once, for consents not loaded)."""
    return ConsentEvent(
        consent_id=consent_id,
        event=kind,
        channel=channel,
        actor_id=actor_id,
        details=(details or EventDetails()).to_json(),
        at=at or utcnow(),
    )
