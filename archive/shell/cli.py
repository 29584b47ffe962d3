"""The ``story-archive`` entry point: a FlaskGroup over the app factory (``flask --app archive`` is the
same commands)."""

from __future__ import annotations

from flask.cli import FlaskGroup

from .factory import create_app


def main() -> None:
    """Entry point of the ``story-archive`` command."""
    cli = FlaskGroup(
        create_app=create_app,
        add_default_commands=True,
        add_version_option=False,
        help="story-archive: patients' stories, with consent, for teaching.",
    )
    cli.main(prog_name="story-archive")
