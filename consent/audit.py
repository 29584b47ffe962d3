"""The consent audit trail as CSV, for admins: who did what to which consent, when, and how.

Rows carry the consent's random id, never its printed code, secret, witness, place or any story
content; a staff actor appears as their e-mail, anyone else as the role they acted in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sqlalchemy import select

from archive.extensions import db
from archive.models import ConsentEvent, User
from archive.text import spreadsheet_cell

from .events import EventDetails

COLUMNS = ("consent_id", "event", "channel", "actor", "at", "detail")
# Who acted, when no staff account did, by the channel it came through.
CHANNEL_ACTORS = {"patient_web": "storyteller", "staff_web": "staff", "cli": "operator", "api": "api client"}
BATCH = 1000


def consent_events_csv() -> Iterator[str]:
    """Yield the CSV of every consent event, oldest first, a batch of rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield buffer.getvalue()
    rows = db.session.execute(
        select(ConsentEvent, User.email, User.role)
        .outerjoin(User, User.id == ConsentEvent.actor_id)
        .order_by(ConsentEvent.at, ConsentEvent.id)
        .execution_options(yield_per=BATCH)
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
