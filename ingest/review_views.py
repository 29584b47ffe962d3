"""Reviewers: the queue, span decisions, text corrections, and publishing."""

from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from archive.auth import role_required
from archive.errors import ValidationFailed
from archive.forms import EmptyForm, choices
from archive.models import Role, SpanDecision, SpanKind

from . import review
from .redaction import LABELS

bp = Blueprint("review", __name__, url_prefix="/review")

KIND_CHOICES = choices((k.value, LABELS[k]) for k in SpanKind)


class AddSpanForm(FlaskForm):
    words = StringField("Words to redact (every occurrence)", validators=[Optional(), Length(max=400)])
    start = IntegerField("or from character", validators=[Optional()])
    end = IntegerField("to character", validators=[Optional()])
    kind = SelectField("Kind", choices=KIND_CHOICES, validate_choice=False)


class EditTextForm(FlaskForm):
    text = TextAreaField("Story text")
    base = HiddenField()  # fingerprint of the text the reviewer started from, to catch stale pages


def fingerprint(text: str | None) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()[:32]


def segments(story):
    """Split the working text into plain and span parts for highlighting in the template."""
    text = story.body or ""
    out, pos = [], 0
    for span in sorted(story.spans, key=lambda s: (s.start, -s.end)):
        if span.start < pos:  # nested or overlapping: listed, but highlighted once
            continue
        out.append(("text", text[pos : span.start], None))
        out.append(("span", text[span.start : span.end], span))
        pos = span.end
    out.append(("text", text[pos:], None))
    return out


def _back(story_id: str):
    return redirect(url_for("review.story", story_id=story_id))


def _flash_reasons(err: ValidationFailed) -> None:
    for messages in err.reasons.values():
        for message in messages:
            flash(message, "error")


@bp.route("/")
@role_required(Role.REVIEWER)
def queue():
    return render_template("review/queue.html", stories=review.review_queue())


@bp.route("/<story_id>")
@role_required(Role.REVIEWER)
def story(story_id: str):
    item = review.story_for_review(story_id)
    return _review_page(item, EditTextForm(text=item.body, base=fingerprint(item.body)))


def _review_page(item, edit_form: EditTextForm, status: int = 200):
    return render_template(
        "review/story.html",
        story=item,
        segments=segments(item),
        add_form=AddSpanForm(),
        edit_form=edit_form,
        form=EmptyForm(),
        pending=sum(1 for s in item.spans if s.decision == SpanDecision.PENDING),
        labels=LABELS,
    ), status


@bp.route("/<story_id>/decisions", methods=["POST"])
@role_required(Role.REVIEWER)
def decisions(story_id: str):
    item = review.story_for_review(story_id)
    form = EmptyForm()
    if not form.validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    chosen: dict[int, str] = {}
    bulk_kind, bulk_decision = request.form.get("all_kind"), request.form.get("all_decision")
    for span in item.spans:
        value = request.form.get(f"span-{span.id}")
        if bulk_kind and span.kind == bulk_kind and span.source != "known":
            value = bulk_decision
        if value in (SpanDecision.ACCEPTED, SpanDecision.REJECTED):
            chosen[span.id] = value
    try:
        review.decide(item, chosen, current_user.id)
    except ValidationFailed as err:
        _flash_reasons(err)
    return _back(story_id)


@bp.route("/<story_id>/spans", methods=["POST"])
@role_required(Role.REVIEWER)
def add_span(story_id: str):
    item = review.story_for_review(story_id)
    form = AddSpanForm()
    if not form.validate_on_submit():
        flash("Give the words to redact, or a start and end character.", "error")
        return _back(story_id)
    try:
        if (form.words.data or "").strip():
            count = review.add_spans_by_words(item, form.words.data, form.kind.data, current_user.id)
            flash(f"Marked {count} place{'s' if count != 1 else ''} for redaction.")
        elif form.start.data is not None and form.end.data is not None:
            review.add_span(item, form.start.data, form.end.data, form.kind.data, current_user.id)
            flash("Marked for redaction.")
        else:
            raise ValidationFailed({"words": ["Give the words to redact, or a start and end character."]})
    except ValidationFailed as err:
        _flash_reasons(err)
    return _back(story_id)


@bp.route("/<story_id>/text", methods=["POST"])
@role_required(Role.REVIEWER)
def edit_text(story_id: str):
    item = review.story_for_review(story_id)
    form = EditTextForm()
    if not form.validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    if form.base.data != fingerprint(item.body):
        # Someone saved a correction after this page was opened: keep both, overwrite neither.
        flash(
            "The text was changed by someone else after you opened this page, so your version was not "
            "saved. It is in the box below: compare it with the text above and save again.",
            "error",
        )
        form.base.data = fingerprint(item.body)
        return _review_page(item, form, 409)
    try:
        dropped = review.edit_text(
            item, form.text.data or "", current_user.id, current_app.config["MAX_STORY_CHARS"]
        )
    except ValidationFailed as err:
        _flash_reasons(err)
    else:
        message = "Text saved."
        if dropped:
            message += (
                f" {dropped} marked span{'s' if dropped != 1 else ''} covered edited words and were removed."
            )
        flash(message)
    return _back(story_id)


@bp.route("/<story_id>/publish", methods=["POST"])
@role_required(Role.REVIEWER)
def publish(story_id: str):
    item = review.story_for_review(story_id)
    form = EmptyForm()
    if not form.validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    try:
        review.publish(item, current_user.id)
    except ValidationFailed as err:
        _flash_reasons(err)
        return _back(story_id)
    flash("Published. Educators can now find this story.")
    return redirect(url_for("review.queue"))
