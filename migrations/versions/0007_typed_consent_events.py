"""typed consent events: structured details (JSON) instead of English sentences

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 06:00:00

Every consent event's ``detail`` (a short English sentence: "teaching removed", "period end set to
2027-01-01", "form v2026-1") becomes ``details``, a JSON object of the terms it names
(``consent.events.EventDetails``). The sentences were written by this project's own code in a few
fixed forms; each is read back here once. A sentence of no known form (none was ever written) is kept
under ``"text"`` rather than lost.
"""

import json
import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The table as this migration sees it: the old sentence and the new details side by side.
EVENTS = sa.table(
    "consent_events",
    sa.column("id", sa.Integer),
    sa.column("detail", sa.String),
    sa.column("details", sa.JSON),
)
TERMS = {"teaching", "public", "research", "text", "audio"}
DATE = r"(\d{4}-\d{2}-\d{2})"


def details_of(detail):
    """The structured details of one old sentence (see the module's docstring)."""
    if not detail:
        return {}
    text = detail.strip()
    if match := re.fullmatch(r"form v(.*?)(, by the storyteller who came of age)?", text):
        found = {"form_version": match[1]}
        if match[2]:
            found["came_of_age"] = True
        return found
    if text.endswith(" removed") and text[: -len(" removed")] in TERMS:
        return {"removed": text[: -len(" removed")]}
    if text == "period ended now":
        return {"period": "ended_now"}
    if text == "period end removed":
        return {"period": "no_end"}
    if match := re.fullmatch(r"period end set to " + DATE, text):
        return {"period": "ends", "ends_on": match[1]}
    if match := re.fullmatch(r"period ended " + DATE, text):
        return {"ended_on": match[1]}
    if match := re.fullmatch(r"came of age on " + DATE, text):
        return {"came_of_age_on": match[1]}
    return {"text": text}


def sentence_of(details):
    """The old sentence of structured details (for a downgrade)."""
    parts = []
    if "form_version" in details:
        parts.append(f"form v{details['form_version']}")
    if details.get("came_of_age"):
        parts.append("by the storyteller who came of age")
    if "removed" in details:
        parts.append(f"{details['removed']} removed")
    period = details.get("period")
    if period == "ended_now":
        parts.append("period ended now")
    elif period == "no_end":
        parts.append("period end removed")
    elif period == "ends":
        parts.append(f"period end set to {details.get('ends_on', '')}")
    if "ended_on" in details:
        parts.append(f"period ended {details['ended_on']}")
    if "came_of_age_on" in details:
        parts.append(f"came of age on {details['came_of_age_on']}")
    if "text" in details:
        parts.append(details["text"])
    return ", ".join(parts)[:200] or None


def upgrade():
    with op.batch_alter_table("consent_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details", sa.JSON(), nullable=True))
    conn = op.get_bind()
    for event_id, detail in conn.execute(sa.select(EVENTS.c.id, EVENTS.c.detail)).all():
        conn.execute(EVENTS.update().where(EVENTS.c.id == event_id).values(details=details_of(detail)))
    with op.batch_alter_table("consent_events", schema=None) as batch_op:
        batch_op.alter_column("details", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("detail")


def downgrade():
    with op.batch_alter_table("consent_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("detail", sa.String(length=200), nullable=True))
    conn = op.get_bind()
    for event_id, details in conn.execute(sa.select(EVENTS.c.id, EVENTS.c.details)).all():
        if isinstance(details, str):
            details = json.loads(details)
        conn.execute(EVENTS.update().where(EVENTS.c.id == event_id).values(detail=sentence_of(details or {})))
    with op.batch_alter_table("consent_events", schema=None) as batch_op:
        batch_op.drop_column("details")
