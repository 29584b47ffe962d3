"""Patient self-service: sign in with code and secret, see the story and consent, withdraw."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from archive import ratelimit
from archive.errors import RateLimited, ValidationFailed
from archive.extensions import db
from archive.forms import EmptyForm
from archive.media import send_private
from archive.models import StoryStatus, utcnow
from archive.publication import publishable

from . import selfservice
from .recordings import copy_for_storyteller, recordings_of
from .records import record_event
from .withdrawal import withdraw

bp = Blueprint("consent", __name__, url_prefix="/consent")


class CodeForm(FlaskForm):
    code = StringField("Code on your card", validators=[DataRequired(), Length(max=40)])
    secret = PasswordField("Secret on your card", validators=[DataRequired(), Length(max=60)])


@bp.route("/", methods=["GET", "POST"])
def start():
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            consent = selfservice.verify(form.code.data, form.secret.data, ratelimit.client_address())
        except RateLimited as err:
            form.form_errors.append(err.message)
            status = 429
        except ValidationFailed as err:
            form.form_errors.append(err.message)
            status = 400
        else:
            selfservice.sign_in(consent)
            record_event(consent, "viewed", "patient_web")
            db.session.commit()
            return redirect(url_for("consent.mine"))
    elif form.is_submitted():
        status = 400
    return render_template("consent/start.html", form=form), status


def _signed_in_or_start():
    consent = selfservice.signed_in_consent()
    if consent is None:
        return None, redirect(url_for("consent.start"))
    return consent, None


@bp.route("/mine")
def mine():
    consent, away = _signed_in_or_start()
    if away:
        return away
    if selfservice.is_withdrawn(consent):
        return render_template("consent/withdrawn.html", consent=consent, form=EmptyForm())
    # Tell the storyteller what teachers actually see: the publication rule, not the story's status.
    return render_template(
        "consent/mine.html",
        consent=consent,
        stories=[(story, publishable(story)) for story in consent.stories],
        expired=consent.expires_at is not None and consent.expires_at <= utcnow(),
        form=EmptyForm(),
        published=StoryStatus.PUBLISHED,
        recordings=recordings_of(consent),
    )


@bp.route("/recordings/<media_id>")
def recording(media_id: str):
    """The storyteller's own consent recording (tag-free copy), for the player on /consent/mine.

    Only a browser signed in with this consent's code and secret gets it; everyone else, staff
    included, gets the same 404 as for an unknown address.
    """
    return send_private(copy_for_storyteller(selfservice.signed_in_consent(), media_id))


@bp.route("/withdraw", methods=["GET", "POST"])
def withdraw_story():
    consent, away = _signed_in_or_start()
    if away:
        return away
    if selfservice.is_withdrawn(consent):
        return redirect(url_for("consent.mine"))
    form = EmptyForm()
    if form.validate_on_submit():
        withdraw(consent, channel="patient_web")
        return redirect(url_for("consent.mine"))
    return render_template("consent/withdraw.html", consent=consent, form=form)


@bp.route("/signout", methods=["POST"])
def signout():
    if EmptyForm().validate_on_submit():
        selfservice.sign_out()
    return redirect(url_for("consent.start"))
