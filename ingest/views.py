"""Facilitators: bring in a story (typed or recorded) with its consent, see the consent card, follow
their own stories and their transcription. The consent pages for those stories (consent given again,
a story taken back, a new secret) are consent's (``consent.views.staff``)."""

from __future__ import annotations

import secrets
from datetime import datetime, time

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import HiddenField, SelectField, StringField, TextAreaField

from archive import vocabulary
from archive.auth import own_story_or_404, role_required
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.forms import EmptyForm, MultiCheckboxField, apply_reasons, choices, lines
from archive.jobs import JobKind, latest
from archive.languages import languages
from archive.models import Job, Role, Story, StoryStatus, utcnow
from consent.expiry import expiry_notice
from consent.form_versions import usable_forms
from consent.forms import ConsentFields, start_of
from consent.reconsent import is_due
from consent.records import ConsentTerms

from .audio_jobs import retry as retry_transcription
from .published_audio import published_audio
from .speech_models import model_commands
from .stories import TypedStorySubmission, ingest_typed_story, stage_uploads

bp = Blueprint("ingest", __name__, url_prefix="/ingest")


class TypedStoryForm(ConsentFields):
    """The facilitator's form. Every limit is checked by ``ingest_typed_story``, which gives one clear
    message per field; the request size cap (MAX_CONTENT_LENGTH) bounds what reaches it."""

    submission_key = HiddenField()
    recording = FileField("Recording (wav, mp3, m4a, ogg/opus voice note, amr, flac, webm)")
    title = StringField("Title")
    text = TextAreaField("The story, in the storyteller's words")
    language = SelectField("Language of the story", validate_choice=False)
    topics = MultiCheckboxField("Topics")
    free_tags = StringField("Other tags (separated by commas)")
    warnings = MultiCheckboxField("Content warnings")
    speaker = StringField("Storyteller's name")
    relatives = TextAreaField("Relatives' and others' names (one per line)")
    village = StringField("Village or town")
    clinic = StringField("Clinic or hospital")
    other_identifiers = TextAreaField("Other identifying words: phone numbers, record numbers (one per line)")
    consent_recording = FileField("Recording of the consent (needed when it was said aloud and recorded)")
    form_id = SelectField("Consent form explained", validate_choice=False)
    form_version = StringField("Consent form version (only when no form above fits)")

    def fill_choices(self):
        self.language.choices = choices(languages().items())
        names = languages()
        self.form_id.choices = choices(
            [("", "The newest form in the story's language")]
            + [
                (str(f.id), f"{names.get(f.language, f.language)}: v{f.version}, {f.title}")
                for f in usable_forms()
            ]
        )
        # Topics are offered under the vocabulary's category headings (see templates/ingest/new.html).
        groups = vocabulary.topics_by_category()
        self.topic_groups = [(g.heading, {t.slug for t in g.tags}) for g in groups]
        self.topics.choices = choices((t.slug, t.label) for g in groups for t in g.tags)
        self.warnings.choices = choices((t.slug, t.label) for t in vocabulary.controlled("warning"))

    def submission(self) -> TypedStorySubmission:
        known = []
        if (self.speaker.data or "").strip():
            known.append(("speaker", self.speaker.data))
        known += [("relative", v) for v in lines(self.relatives.data)]
        if (self.village.data or "").strip():
            known.append(("village", self.village.data))
        if (self.clinic.data or "").strip():
            known.append(("clinic", self.clinic.data))
        known += [("other", v) for v in lines(self.other_identifiers.data)]
        return TypedStorySubmission(
            submission_key=self.submission_key.data or "",
            title=self.title.data or "",
            text=self.text.data or "",
            language=self.language.data or "",
            topic_slugs=tuple(dict.fromkeys(self.topics.data or [])),
            free_tags=tuple(t.strip() for t in (self.free_tags.data or "").split(",") if t.strip()),
            warning_slugs=tuple(dict.fromkeys(self.warnings.data or [])),
            known=tuple(known),
            consent=ConsentTerms(
                purposes=frozenset(self.purposes.data or []),
                modalities=frozenset(self.modalities.data or []),
                method=self.method.data or "",
                witness=self.witness.data or "",
                form_version=self.form_version.data or "",
                voice_disguise=bool(self.voice_disguise.data),
                form_id=_form_id(self.form_id.data),
                place=self.place.data or "",
                given_at=start_of(self.given_on.data),
                expires_at=datetime.combine(self.expires_on.data, time.min) if self.expires_on.data else None,
                comes_of_age_on=self.comes_of_age_on.data,
            ),
        )


def _form_id(raw: str | None) -> int | None:
    """The chosen form's id; None for the default; -1 (refused as not in the list) for anything else."""
    raw = (raw or "").strip()
    if not raw:
        return None
    return int(raw) if raw.isdigit() and len(raw) <= 9 else -1


REASON_FIELDS = {
    "tags": "topics",
    "known": "relatives",
    "consent_purposes": "purposes",
    "consent_modalities": "modalities",
    "consent_voice_disguise": "voice_disguise",
    "consent_method": "method",
    "consent_witness": "witness",
    "consent_form_version": "form_version",
    "consent_form_id": "form_id",
    "consent_language": "form_id",
    "consent_place": "place",
    "consent_given_at": "given_on",
    "consent_expires_at": "expires_on",
    "consent_comes_of_age_on": "comes_of_age_on",
    "audio": "recording",
}


# Part headers and boundaries around each field of a multipart form: a few hundred bytes per field, with
# room to spare, so files exactly at their caps are never refused for the envelope they came in.
MULTIPART_FRAMING_BYTES = 64 * 1024


def _chosen(field: FileField):
    """The uploaded file's stream, or None when no file was chosen (browsers send an empty part)."""
    upload = field.data
    return upload.stream if upload and upload.filename else None


@bp.url_value_preprocessor
def _lift_request_cap_for_recordings(endpoint: str | None, values: dict | None) -> None:
    """Let the new-story form, and it alone, carry its recordings past the site-wide request cap.

    The cap is the story recording's, the consent recording's, the text fields' and the multipart
    framing's together. It is set here because URL value preprocessors run before every
    ``before_request`` function, and CSRFProtect reads (so parses) the form in one of those: a cap
    set inside the view came too late, and every upload over MAX_CONTENT_LENGTH was refused.

    Only for those allowed to use the form (nobody else may make the server take in hundreds of
    megabytes), and only for multipart bodies, the form's own encoding: there werkzeug streams files
    to disk and holds each text field to MAX_FORM_MEMORY_SIZE, while a urlencoded body is read into
    memory whole and keeps the site-wide cap.
    """
    if endpoint != "ingest.new_story" or request.mimetype != "multipart/form-data":
        return
    if not current_user.is_authenticated or current_user.role not in (Role.FACILITATOR, Role.ADMIN):
        return
    cfg = current_app.config
    request.max_content_length = (
        cfg["MAX_AUDIO_BYTES"]
        + cfg["MAX_CONSENT_RECORDING_BYTES"]
        + cfg["MAX_FORM_MEMORY_SIZE"]
        + MULTIPART_FRAMING_BYTES
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.FACILITATOR)
def new_story():
    form = TypedStoryForm()
    form.fill_choices()
    if not form.is_submitted():
        form.submission_key.data = secrets.token_urlsafe(24)
        form.language.data = "en"
        form.form_version.data = current_app.config["CONSENT_FORM_VERSION"]
        form.given_on.data = utcnow().date()
        # Left on "the newest in the story's language", so the form follows the language chosen
        # below; a preselected English form would stay on a story switched to Swahili.
        form.form_id.data = ""
    if form.validate_on_submit():
        try:
            uploads = stage_uploads(_chosen(form.recording), _chosen(form.consent_recording))
            result = ingest_typed_story(
                form.submission(), current_user.id, uploads.recording, uploads.consent_recording
            )
        except ValidationFailed as err:
            db.session.rollback()  # nothing of a refused form may stay in the session
            apply_reasons(form, err.reasons, REASON_FIELDS)
        else:
            if result.secret is None:
                flash("This story was saved already; it was not saved twice.")
                return redirect(url_for("ingest.story", story_id=result.story.id))
            response = make_response(
                render_template("consent/staff/card.html", story=result.story, secret=result.secret), 201
            )
            response.headers["Cache-Control"] = "no-store"
            return response
    status = 400 if form.is_submitted() else 200
    return render_template("ingest/new.html", form=form), status


@bp.route("/stories")
@role_required(Role.FACILITATOR)
def my_stories():
    stmt = select(Story).order_by(Story.created_at.desc())
    if current_user.role != Role.ADMIN:
        stmt = stmt.where(Story.facilitator_id == current_user.id)
    return render_template(
        "ingest/list.html", stories=db.session.scalars(stmt).all(), expiry_notice=expiry_notice
    )


def latest_job(story: Story) -> Job | None:
    """The story's latest transcription job (the published recording's job is shown apart)."""
    return latest(story.id, JobKind.TRANSCRIBE)


@bp.route("/stories/<story_id>")
@role_required(Role.FACILITATOR)
def story(story_id: str):
    item = own_story_or_404(story_id)
    job = latest_job(item)
    response = make_response(
        render_template(
            "ingest/story.html",
            story=item,
            job=job,
            form=EmptyForm(),
            working=WORKING,
            max_attempts=current_app.config["JOB_MAX_ATTEMPTS"],
            model_commands=model_commands(item.language) if item.status == StoryStatus.NEEDS_MODEL else [],
            published_audio=published_audio(item),
            expiry_notice=expiry_notice(item.consent),
            reconsent_due=item.status != StoryStatus.WITHDRAWN and is_due(item.consent),
        )
    )
    if item.status in WORKING:
        response.headers["Refresh"] = "5"  # progress without JavaScript: the page reloads itself
    return response


WORKING = (StoryStatus.PROCESSING,)


@bp.route("/stories/<story_id>/progress")
@role_required(Role.FACILITATOR)
def progress(story_id: str):
    """The transcription's state as JSON, for the page's optional polling script."""
    item = own_story_or_404(story_id)
    job = latest_job(item)
    return {
        "status": item.status,
        "job": None
        if job is None
        else {"state": job.state, "progress": round(job.progress, 3), "error": job.error},
    }


@bp.route("/stories/<story_id>/retry", methods=["POST"])
@role_required(Role.FACILITATOR)
def retry(story_id: str):
    item = own_story_or_404(story_id)
    if EmptyForm().validate_on_submit():
        retry_transcription(item)
        flash("Transcription queued again.")
    return redirect(url_for("ingest.story", story_id=story_id))
