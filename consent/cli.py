"""Consent commands for the operator's scheduler."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from archive.models import utcnow

from .reconsent import CAME_OF_AGE, due_for_reconsent


@click.command("reconsent-due")
@with_appcontext
def reconsent_due() -> None:
    """Mark consents due again (minors who came of age) and print how many stories are due."""
    due = due_for_reconsent(utcnow())
    came_of_age = sum(1 for d in due if d.reason == CAME_OF_AGE)
    click.echo(f"{len(due)} stories due for re-consent ({came_of_age} storytellers came of age).")
