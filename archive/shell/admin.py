"""The admin dashboard: an overview of every story's state (no story content), the stories waiting for
a speech model, and the controlled vocabulary. The admin's consent pages are consent's
(``consent.views.admin``)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import SelectField, StringField

from archive import vocabulary
from archive.auth import role_required
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.forms import EmptyForm, apply_reasons, choices
from archive.models import Role, Story
from ingest.audio_jobs import waiting_for_models

bp = Blueprint("admin", __name__, url_prefix="/admin")


class TagForm(FlaskForm):
    """A new tag for the vocabulary; every limit is checked by ``vocabulary.add_controlled``."""

    kind = SelectField("Kind", choices=choices(vocabulary.KINDS.items()), validate_choice=False)
    label = StringField("Label")
    category = SelectField(
        "Category (topics only)",
        choices=choices([("", "— none (content warnings) —"), *vocabulary.CATEGORIES.items()]),
        validate_choice=False,
    )


class EditTagForm(FlaskForm):
    """A new label and, for a topic, a category; checked by ``vocabulary.update``."""

    label = StringField("Label")
    category = SelectField("Category", choices=choices(vocabulary.CATEGORIES.items()), validate_choice=False)


@bp.route("/")
@role_required(Role.ADMIN)
def index():
    counts = dict(db.session.execute(select(Story.status, func.count()).group_by(Story.status)).all())
    return render_template("admin/index.html", counts=counts, waiting=waiting_for_models())


@bp.route("/tags", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def tags():
    """The teaching vocabulary by category, the content warnings, and the form to add a tag."""
    form = TagForm()
    if form.validate_on_submit():
        try:
            tag = vocabulary.add_controlled(form.kind.data or "", form.label.data or "", form.category.data)
        except ValidationFailed as err:
            db.session.rollback()
            apply_reasons(form, err.reasons)
        else:
            flash(f"Added “{tag.label}”.")
            return redirect(url_for("admin.tags"))
    return _tags_page(form), (400 if form.is_submitted() else 200)


def _tags_page(form: TagForm | None = None, refused: dict | None = None) -> str:
    """Render the vocabulary page; ``refused`` holds an edit that was refused (the tag's id, what was
    sent, and why), shown in that tag's row."""
    return render_template(
        "admin/tags.html",
        form=form or TagForm(formdata=None),
        edit=EditTagForm(formdata=None),
        button=EmptyForm(),
        groups=vocabulary.topics_by_category(),
        categories=vocabulary.CATEGORIES,
        warnings=vocabulary.controlled("warning"),
        refused=refused,
    )


@bp.route("/tags/<int:tag_id>", methods=["POST"])
@role_required(Role.ADMIN)
def relabel(tag_id: int):
    """Relabel a tag of the vocabulary and, for a topic, change its category."""
    form = EditTagForm()
    if form.validate_on_submit():
        # A form without a category field (a content warning's) keeps the tag's category.
        category = form.category.data if "category" in request.form else None
        try:
            tag = vocabulary.update(tag_id, form.label.data or "", category)  # NotFound: a 404
        except ValidationFailed as err:
            db.session.rollback()
            refused = {
                "tag_id": tag_id,
                "label": form.label.data or "",
                "category": category,
                "messages": [m for ms in err.reasons.values() for m in ms],
            }
            return _tags_page(refused=refused), 400
        flash(f"Saved “{tag.label}”.")
    return redirect(url_for("admin.tags"))


@bp.route("/tags/<int:tag_id>/retire", methods=["POST"])
@role_required(Role.ADMIN)
def retire(tag_id: int):
    """Take a tag out of the vocabulary; its stories keep it as a free tag."""
    if EmptyForm().validate_on_submit():
        tag = vocabulary.retire(tag_id)  # NotFound: a 404
        flash(f"“{tag.label}” is no longer in the vocabulary; stories keep it as a free tag.")
    return redirect(url_for("admin.tags"))
