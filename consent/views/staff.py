"""Staff pages about a storyteller's consent: the consent given again, a story taken back on the
storyteller's word, and a new secret for a lost card.

Facilitators act on the stories they brought in, admins on any story (``own_story_or_404``). A new
secret is given only after the staff member confirms they checked that the person asking is the
storyteller or their guardian; it is printed once on a new card, and the old one stops working, and
so do sign-ins made with it. The addresses under ``/ingest/reconsent`` are where facilitators have
always found the consents due again.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, url_for
from flask_login import current_user

from archive.auth import own_story_or_404, role_required
from archive.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from archive.extensions import db
from archive.forms import apply_reasons
from archive.models import Role, Story, utcnow

from ..card import consent_card
from ..changes import reset_secret
from ..forms import RenewalForm, SecretResetForm, WithdrawOnWordForm
from ..reconsent import CAME_OF_AGE, NOT_DUE, came_of_age, due_for_reconsent, is_due, renew, renewal_form
from ..withdrawal import withdraw

bp = Blueprint("consent_staff", __name__)


@bp.route("/staff/consent/stories/<story_id>/secret", methods=["POST"])
@role_required(Role.FACILITATOR)
def reset(story_id: str):
    """Issue a new secret for the story's consent and show it once on a new card."""
    story = own_story_or_404(story_id)
    form = SecretResetForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        secret = reset_secret(story, current_user.id, person_checked=bool(form.checked.data))
    except ValidationFailed as err:
        flash(err.message, "error")
        return redirect(url_for("ingest.story", story_id=story.id) + "#secret-reset")
    except NotAllowed:
        raise NotFound() from None
    story = db.session.get(Story, story.id)
    response = make_response(
        render_template("consent/staff/card.html", story=story, card=consent_card(story, secret), reset=True),
        201,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/ingest/reconsent")
@role_required(Role.FACILITATOR)
def reconsent():
    """Stories whose storyteller should be asked to consent again: own ones (admins: all), and why."""
    mine = None if current_user.role == Role.ADMIN else current_user.id
    # stamp=False: a page that anyone's browser may load never writes; the reason is computed anyway.
    due = due_for_reconsent(utcnow(), facilitator_id=mine, stamp=False)
    return render_template("consent/staff/reconsent.html", due=due, came_of_age=CAME_OF_AGE)


# Where the service's reasons are shown: these on their fields, the rest (a form version retired a
# moment ago, say) at the top of the form.
RENEWAL_FIELDS = {"given_at": "given_on", "expires_at": "expires_on"}


def _renewal_page(item: Story, form: RenewalForm, status: int = 200):
    return (
        render_template(
            "consent/staff/renew.html",
            story=item,
            form=form,
            consent_form=renewal_form(item),
            of_age=came_of_age(item.consent),
            default_version=current_app.config["CONSENT_FORM_VERSION"],
            withdraw_form=WithdrawOnWordForm(formdata=None),
        ),
        status,
    )


@bp.route("/ingest/reconsent/<story_id>", methods=["GET", "POST"])
@role_required(Role.FACILITATOR)
def renew_consent(story_id: str):
    """Record the consent a storyteller gave again (own stories; admins: all), or offer to."""
    item = own_story_or_404(story_id)
    if not is_due(item.consent):
        raise Conflict(NOT_DUE)
    form = RenewalForm()
    form.fill(item, came_of_age(item.consent))
    if not form.validate_on_submit():
        return _renewal_page(item, form, 400 if form.is_submitted() else 200)
    try:
        renewed = renew(item, form.terms(), current_user.id)
    except ValidationFailed as err:
        db.session.rollback()
        form.form_errors.append("The consent was not recorded: see the messages below.")
        apply_reasons(form, err.reasons, RENEWAL_FIELDS)
        return _renewal_page(db.session.get(Story, story_id), form, 400)
    except NotAllowed:
        raise NotFound() from None  # withdrawn a moment ago
    item = db.session.get(Story, story_id)
    if renewed.secret is not None:
        response = make_response(
            render_template(
                "consent/staff/card.html", story=item, card=consent_card(item, renewed.secret), reset=True
            ),
            201,
        )
        response.headers["Cache-Control"] = "no-store"
        return response
    flash("The consent given again is recorded; what it leaves out took effect at once.")
    return redirect(url_for("ingest.story", story_id=item.id))


@bp.route("/ingest/reconsent/<story_id>/withdraw", methods=["POST"])
@role_required(Role.FACILITATOR)
def withdraw_on_word(story_id: str):
    """Take a story back on its storyteller's word (own stories; admins: all): a withdrawal in full."""
    item = own_story_or_404(story_id)
    form = WithdrawOnWordForm()
    if not form.validate_on_submit():
        abort(400)
    if not form.asked.data:
        flash("Tick the box to confirm the storyteller asked for this and you checked it is them.", "error")
        return redirect(url_for("consent_staff.renew_consent", story_id=item.id) + "#withdraw")
    withdraw(item.consent, channel="staff_web", actor_id=current_user.id)
    flash("The story was taken back: it is gone from the library and its content is deleted.")
    return redirect(url_for("ingest.my_stories"))
