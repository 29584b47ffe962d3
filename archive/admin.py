"""Admins: the controlled vocabulary, and an overview of every story's state (no story content)."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from . import vocabulary
from .auth import role_required
from .errors import Conflict, NotFound, ValidationFailed
from .extensions import db
from .forms import EmptyForm, apply_reasons, choices
from .languages import languages
from .media import consent_recording_copies, consent_recording_copy, send_private
from .models import Consent, Role, Story

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


class ConsentFormVersionForm(FlaskForm):
    """A new version of a language's consent form; every limit is checked by the service."""

    language = SelectField("Language of the form", validate_choice=False)
    version = StringField("Version label (e.g. 2027-1)")
    title = StringField("Title")
    text = TextAreaField("Full text, as it is read or given to the storyteller")
    requires_reconsent = BooleanField(
        "Ask everyone who signed an earlier version of this language's form to consent again"
    )


class FormCorrectionForm(FlaskForm):
    title = StringField("Title")
    text = TextAreaField("Full text")


@bp.route("/")
@role_required(Role.ADMIN)
def index():
    from ingest.audio_jobs import waiting_for_models  # the speech side lives in ingest

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
            tag = vocabulary.update(tag_id, form.label.data or "", category)
        except NotFound:
            abort(404)
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
        try:
            tag = vocabulary.retire(tag_id)
        except NotFound:
            abort(404)
        flash(f"“{tag.label}” is no longer in the vocabulary; stories keep it as a free tag.")
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


# -- consent forms, versioned ---------------------------------------------------------------------
@bp.route("/consent-forms", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def consent_forms():
    """Every version of the consent form by language, and the form to write a new version."""
    from consent import form_versions

    form = ConsentFormVersionForm()
    form.language.choices = choices(languages().items())
    if not form.is_submitted():
        form.language.data = "en"
    if form.validate_on_submit():
        draft = form_versions.FormDraft(
            language=form.language.data or "",
            version=form.version.data or "",
            title=form.title.data or "",
            text=form.text.data or "",
            requires_reconsent=bool(form.requires_reconsent.data),
        )
        try:
            written = form_versions.write_version(draft, current_user.id)
        except ValidationFailed as err:
            db.session.rollback()
            apply_reasons(form, err.reasons)
        else:
            message = f"Version {written.form.version} saved."
            if draft.requires_reconsent:
                message += f" {written.flagged} earlier consent(s) are now due for re-consent."
            flash(message)
            return redirect(url_for("admin.consent_form", form_id=written.form.id))
    return render_template(
        "admin/consent_forms.html", form=form, grouped=form_versions.forms_by_language()
    ), (400 if form.is_submitted() else 200)


@bp.route("/consent-forms/<int:form_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def consent_form(form_id: int):
    """One version's full text; while nobody has consented to it, its title and text may be corrected."""
    from consent import form_versions

    item = form_versions.get_form(form_id)
    used = form_versions.is_used(item)
    # Filled from the row only when shown: a sent form with a field left out must not keep the old value.
    correction = FormCorrectionForm() if request.method == "POST" else FormCorrectionForm(obj=item)
    status = 200
    if correction.validate_on_submit():
        try:
            form_versions.correct_unused(form_id, correction.title.data or "", correction.text.data or "")
        except Conflict as err:
            db.session.rollback()
            correction.form_errors.append(err.message)
            status = 409
        except ValidationFailed as err:
            db.session.rollback()
            apply_reasons(correction, err.reasons)
            status = 400
        else:
            flash("Corrected.")
            return redirect(url_for("admin.consent_form", form_id=form_id))
    elif correction.is_submitted():
        status = 400
    return render_template(
        "admin/consent_form.html",
        item=item,
        used=used,
        signers=form_versions.signers(item),
        correction=correction,
        button=EmptyForm(),
    ), status


@bp.route("/consent-forms/<int:form_id>/retire", methods=["POST"])
@role_required(Role.ADMIN)
def retire_consent_form(form_id: int):
    """Stop offering a version for new consents; those who signed it keep what they signed."""
    from consent import form_versions

    if EmptyForm().validate_on_submit():
        form = form_versions.retire(form_id)
        flash(f"Version {form.version} is no longer offered for new consents.")
    return redirect(url_for("admin.consent_form", form_id=form_id))


# -- audit exports --------------------------------------------------------------------------------
@bp.route("/consent-events.csv")
@role_required(Role.ADMIN)
def consent_events_csv():
    """Every consent event as CSV, streamed: ids, events, channels, actors, times; no story content."""
    from consent.audit import consent_events_csv as rows

    return Response(
        stream_with_context(rows()),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="consent-events.csv"'},
    )


@bp.route("/consents/<consent_id>/fhir")
@role_required(Role.ADMIN, refused=404)
def consent_fhir(consent_id: str):
    """One consent as an HL7 FHIR R4 Consent resource (JSON)."""
    from consent.fhir import consent_resource

    consent = db.session.get(Consent, consent_id) if len(consent_id) <= 32 else None
    if consent is None:
        abort(404)
    response = current_app.json.response(consent_resource(consent, current_app.config["ORGANIZATION_NAME"]))
    response.mimetype = "application/fhir+json"
    return response
