"""Admins' consent pages: the consent form's versions, the recordings of consent said aloud, the audit
trail as CSV, and one consent as a FHIR resource. Under ``/admin``, beside the admin dashboard.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user

from archive.auth import role_required
from archive.errors import Conflict, ValidationFailed, get_or_404
from archive.extensions import db
from archive.forms import EmptyForm, apply_reasons, choices
from archive.languages import languages
from archive.models import Consent, ConsentEventKind, Role
from archive.storage import send as send_media

from .. import form_versions
from ..audit import CHANNEL_ACTORS, AuditFilter, audit_page
from ..audit import PAGE_SIZE as AUDIT_PAGE_SIZE
from ..audit import consent_events_csv as event_rows
from ..fhir import consent_resource
from ..forms import ConsentFormVersionForm, FormCorrectionForm
from ..recordings import consent_recording_copies, consent_recording_copy

bp = Blueprint("consent_admin", __name__, url_prefix="/admin")


@bp.route("/consent-recordings")
@role_required(Role.ADMIN)
def consent_recordings():
    """Every consent said aloud and recorded, newest first, with a player for each (no story text)."""
    # Bounded so that an absurd ?page= cannot overflow the database's OFFSET.
    page = min(max(request.args.get("page", 1, type=int), 1), 100_000)
    pages, recordings = consent_recording_copies(page)
    return render_template("consent/admin/recordings.html", pages=pages, recordings=recordings)


@bp.route("/consent-recordings/<media_id>")
@role_required(Role.ADMIN, refused=404)
def consent_recording(media_id: str):
    """The tag-free copy of one consent recording; the upload as it came is never sent."""
    return send_media(consent_recording_copy(media_id))


@bp.route("/consent-forms", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def consent_forms():
    """Every version of the consent form by language, and the form to write a new version."""
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
            for left in written.not_asked:
                # Exactly which active consents of the language were not asked, and why.
                flash(f"Not asked to consent again: consent {left.consent_id}, {left.reason}.", "error")
            return redirect(url_for("consent_admin.consent_form", form_id=written.form.id))
    return render_template(
        "consent/admin/forms.html", form=form, grouped=form_versions.forms_by_language()
    ), (400 if form.is_submitted() else 200)


@bp.route("/consent-forms/<int:form_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def consent_form(form_id: int):
    """One version's full text; while nobody has consented to it, its title and text may be corrected."""
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
            return redirect(url_for("consent_admin.consent_form", form_id=form_id))
    elif correction.is_submitted():
        status = 400
    return render_template(
        "consent/admin/form.html",
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
    if EmptyForm().validate_on_submit():
        form = form_versions.retire(form_id)
        flash(f"Version {form.version} is no longer offered for new consents.")
    return redirect(url_for("consent_admin.consent_form", form_id=form_id))


@bp.route("/consent-events.csv")
@role_required(Role.ADMIN)
def consent_events_csv():
    """Every consent event as CSV (or those the audit page's filters choose), streamed: ids, events,
    channels, actors, times; no story content."""
    return Response(
        stream_with_context(event_rows(AuditFilter.from_args(request.args))),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="consent-events.csv"'},
    )


@bp.route("/consent-events")
@role_required(Role.ADMIN)
def consent_events():
    """The consent audit trail as a page, newest first, filtered by event, channel, consent and days."""
    chosen = AuditFilter.from_args(request.args)
    rows, total = audit_page(chosen)
    return render_template(
        "consent/admin/events.html",
        rows=rows,
        total=total,
        chosen=chosen,
        pages=max(1, -(-total // AUDIT_PAGE_SIZE)),
        kinds=[k.value for k in ConsentEventKind],
        channels=list(CHANNEL_ACTORS),
    )


@bp.route("/consents/<consent_id>/fhir")
@role_required(Role.ADMIN, refused=404)
def consent_fhir(consent_id: str):
    """One consent as an HL7 FHIR R4 Consent resource (JSON)."""
    consent = get_or_404(Consent, consent_id)
    response = current_app.json.response(consent_resource(consent, current_app.config["ORGANIZATION_NAME"]))
    response.mimetype = "application/fhir+json"
    return response
