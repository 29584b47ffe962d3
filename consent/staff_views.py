"""Staff pages about a storyteller's consent: a new secret for a lost card.

A facilitator may reset the secret of the stories they brought in, an admin of any story, after
confirming they checked that the person asking is the storyteller or their guardian. The new secret
is printed once on a new card; the old one stops working, and so do sign-ins made with it.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField

from archive.auth import role_required
from archive.errors import NotAllowed, ValidationFailed
from archive.extensions import db
from archive.models import Role, Story, StoryStatus

from .changes import reset_secret

bp = Blueprint("consent_staff", __name__, url_prefix="/staff/consent")


class SecretResetForm(FlaskForm):
    checked = BooleanField("I have checked this person is the storyteller or their guardian")


def _own_story_or_404(story_id: str) -> Story:
    """A story this facilitator brought in (admins: any), not withdrawn; 404 otherwise."""
    story = db.session.get(Story, story_id) if len(story_id) <= 32 else None
    if story is None or story.status == StoryStatus.WITHDRAWN:
        abort(404)
    if current_user.role != Role.ADMIN and story.facilitator_id != current_user.id:
        abort(404)
    return story


@bp.route("/stories/<story_id>/secret", methods=["POST"])
@role_required(Role.FACILITATOR)
def reset(story_id: str):
    """Issue a new secret for the story's consent and show it once on a new card."""
    story = _own_story_or_404(story_id)
    form = SecretResetForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        secret = reset_secret(story, current_user.id, person_checked=bool(form.checked.data))
    except ValidationFailed as err:
        flash(err.message, "error")
        return redirect(url_for("ingest.story", story_id=story.id) + "#secret-reset")
    except NotAllowed:
        abort(404)
    response = make_response(
        render_template("ingest/card.html", story=db.session.get(Story, story.id), secret=secret, reset=True),
        201,
    )
    response.headers["Cache-Control"] = "no-store"
    return response
