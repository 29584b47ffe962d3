"""Admins: the controlled vocabulary, and an overview of every story's state (no story content)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from . import vocabulary
from .auth import role_required
from .errors import ValidationFailed
from .extensions import db
from .forms import EmptyForm, choices
from .media import consent_recording_copies, consent_recording_copy, send_private
from .models import Role, Story

bp = Blueprint("admin", __name__, url_prefix="/admin")


class TagForm(FlaskForm):
    kind = SelectField("Kind", choices=choices([("topic", "Topic"), ("warning", "Content warning")]))
    label = StringField("Label", validators=[DataRequired(), Length(max=80)])


class RelabelForm(FlaskForm):
    label = StringField("Label", validators=[DataRequired(), Length(max=80)])


@bp.route("/")
@role_required(Role.ADMIN)
def index():
    from ingest.audio_jobs import waiting_for_models  # the speech side lives in ingest

    counts = dict(db.session.execute(select(Story.status, func.count()).group_by(Story.status)).all())
    return render_template("admin/index.html", counts=counts, waiting=waiting_for_models())


@bp.route("/tags", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def tags():
    form = TagForm()
    if form.validate_on_submit():
        try:
            tag = vocabulary.add_controlled(form.kind.data, "", form.label.data)
        except ValidationFailed as err:
            form.form_errors.append(err.message)
        else:
            flash(f"Added “{tag.label}”.")
            return redirect(url_for("admin.tags"))
    return render_template(
        "admin/tags.html",
        form=form,
        relabel=RelabelForm(),
        button=EmptyForm(),
        topics=vocabulary.controlled("topic"),
        warnings=vocabulary.controlled("warning"),
    ), (400 if form.is_submitted() else 200)


@bp.route("/tags/<int:tag_id>", methods=["POST"])
@role_required(Role.ADMIN)
def relabel(tag_id: int):
    form = RelabelForm()
    if form.validate_on_submit():
        try:
            vocabulary.relabel(tag_id, form.label.data)
            flash("Label changed.")
        except ValidationFailed as err:
            flash(err.message, "error")
    else:
        flash("Give a label of 1 to 80 characters.", "error")
    return redirect(url_for("admin.tags"))


@bp.route("/tags/<int:tag_id>/retire", methods=["POST"])
@role_required(Role.ADMIN)
def retire(tag_id: int):
    if EmptyForm().validate_on_submit():
        try:
            vocabulary.retire(tag_id)
            flash("Taken out of the vocabulary; stories keep it as a free tag.")
        except ValidationFailed as err:
            flash(err.message, "error")
    return redirect(url_for("admin.tags"))


@bp.route("/consent-recordings")
@role_required(Role.ADMIN)
def consent_recordings():
    """Every consent said aloud and recorded, newest first, with a player for each (no story text)."""
    # Bounded so that an absurd ?page= cannot overflow the database's OFFSET.
    page = min(max(request.args.get("page", 1, type=int), 1), 100_000)
    pages, recordings = consent_recording_copies(page)
    return render_template("admin/consent_recordings.html", pages=pages, recordings=recordings)


@bp.route("/consent-recordings/<media_id>")
@role_required(Role.ADMIN, refused=404)
def consent_recording(media_id: str):
    """The tag-free copy of one consent recording; the upload as it came is never sent."""
    return send_private(consent_recording_copy(media_id))
