"""Facilitators: bring in a typed story with its consent, see the consent card, follow own stories."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from archive import vocabulary
from archive.auth import role_required
from archive.errors import Conflict, NotAllowed, ValidationFailed
from archive.extensions import db
from archive.forms import EmptyForm, MultiCheckboxField, apply_reasons, choices, lines
from archive.languages import languages
from archive.models import ConsentMethod, Job, Role, Story, StoryStatus, utcnow
from consent.expiry import expiry_notice
from consent.form_versions import usable_forms
from consent.reconsent import (
    CAME_OF_AGE,
    NOT_DUE,
    came_of_age,
    due_for_reconsent,
    is_due,
    renew,
    renewal_form,
)
from consent.records import ConsentTerms
from consent.withdrawal import withdraw

from .audio_jobs import retry as retry_transcription
from .published_audio import published_audio
from .speech_models import model_commands
from .stories import TypedStorySubmission, ingest_typed_story, stage_uploads

bp = Blueprint("ingest", __name__, url_prefix="/ingest")

PURPOSES = [
    ("teaching", "Teaching health workers in a closed course"),
    ("public", "A public library anyone can read"),
    ("research", "Research"),
]
MODALITIES = [("text", "The written story (with identifiers removed)"), ("audio", "The voice recording")]
METHODS = [
    (ConsentMethod.SIGNED.value, "Signed the form"),
    (ConsentMethod.THUMBPRINT.value, "Thumbprint on the form"),
    (ConsentMethod.VERBAL_RECORDED.value, "Said aloud and recorded"),
    (ConsentMethod.GUARDIAN.value, "A guardian agreed on behalf of a minor"),
    (ConsentMethod.GUARDIAN_ADULT.value, "A guardian agreed on behalf of an adult who cannot consent"),
]


class ConsentFields(FlaskForm):
    """What a storyteller agrees to, asked the same way at ingest and when they consent again."""

    purposes = MultiCheckboxField(
        "The storyteller agreed the story may be used for", choices=choices(PURPOSES)
    )
    modalities = MultiCheckboxField("What may be used", choices=choices(MODALITIES))
    voice_disguise = BooleanField("The recording may be heard only with the voice disguised")
    method = RadioField("How consent was given", choices=choices(METHODS), validate_choice=False)
    witness = StringField("Witness name (needed for thumbprint or guardian)")
    place = StringField("Where consent was taken (village, clinic)")
    given_on = DateField("Consent given on", validators=[Optional()])
    expires_on = DateField("Consent ends on (leave empty for no end)", validators=[Optional()])
    comes_of_age_on = DateField(
        "The storyteller comes of age on (needed when a guardian consents for a minor)",
        validators=[Optional()],
    )


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
                given_at=_start_of(self.given_on.data),
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


def _start_of(day: date | None) -> datetime | None:
    """Consent given today starts now; on an earlier day, at that day's start."""
    if day is None:
        return None
    now = utcnow()
    return now if day == now.date() else datetime.combine(day, time.min)


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
                render_template("ingest/card.html", story=result.story, secret=result.secret), 201
            )
            response.headers["Cache-Control"] = "no-store"
            return response
    status = 400 if form.is_submitted() else 200
    return render_template("ingest/new.html", form=form), status


def own_story_or_404(story_id: str) -> Story:
    """Return a story this facilitator brought in (admins: any); 404 otherwise, withdrawn included."""
    story = db.session.get(Story, story_id)
    if story is None or story.status == StoryStatus.WITHDRAWN:
        abort(404)
    if current_user.role != Role.ADMIN and story.facilitator_id != current_user.id:
        abort(404)
    return story


@bp.route("/stories")
@role_required(Role.FACILITATOR)
def my_stories():
    stmt = select(Story).order_by(Story.created_at.desc())
    if current_user.role != Role.ADMIN:
        stmt = stmt.where(Story.facilitator_id == current_user.id)
    return render_template(
        "ingest/list.html", stories=db.session.scalars(stmt).all(), expiry_notice=expiry_notice
    )


@bp.route("/reconsent")
@role_required(Role.FACILITATOR)
def reconsent():
    """Stories whose storyteller should be asked to consent again: own ones (admins: all), and why."""
    mine = None if current_user.role == Role.ADMIN else current_user.id
    # stamp=False: a page that anyone's browser may load never writes; the reason is computed anyway.
    due = due_for_reconsent(utcnow(), facilitator_id=mine, stamp=False)
    return render_template("ingest/reconsent.html", due=due, came_of_age=CAME_OF_AGE)


class RenewalForm(ConsentFields):
    """The consent the storyteller gives again, on the current form: chosen afresh, as at ingest."""

    def fill(self, story: Story, of_age: bool) -> None:
        # A storyteller who came of age consents themself (or, unable to, through a guardian for an adult).
        # No recording is taken here, so "said aloud and recorded" is not offered (renew refuses it too).
        self.method.choices = choices(
            m
            for m in METHODS
            if m[0] != ConsentMethod.VERBAL_RECORDED and not (of_age and m[0] == ConsentMethod.GUARDIAN)
        )
        if not self.is_submitted():
            consent = story.consent
            self.purposes.data = list(consent.purposes)
            self.modalities.data = list(consent.modalities)
            self.voice_disguise.data = consent.voice_disguise
            self.given_on.data = utcnow().date()

    def terms(self) -> ConsentTerms:
        """The terms as typed; the service puts in the form version (the current one)."""
        return ConsentTerms(
            purposes=frozenset(self.purposes.data or []),
            modalities=frozenset(self.modalities.data or []),
            method=self.method.data or "",
            witness=self.witness.data or "",
            voice_disguise=bool(self.voice_disguise.data),
            place=self.place.data or "",
            given_at=_start_of(self.given_on.data),
            expires_at=datetime.combine(self.expires_on.data, time.min) if self.expires_on.data else None,
            comes_of_age_on=self.comes_of_age_on.data,
        )


class WithdrawOnWordForm(FlaskForm):
    asked = BooleanField(
        "The storyteller (or their guardian) told me they want their story taken back, and I checked "
        "it is them"
    )


# Where the service's reasons are shown: these on their fields, the rest (a form version retired a
# moment ago, say) at the top of the form.
RENEWAL_FIELDS = {"given_at": "given_on", "expires_at": "expires_on"}


def _renewal_page(item: Story, form: RenewalForm, status: int = 200):
    return (
        render_template(
            "ingest/renew.html",
            story=item,
            form=form,
            consent_form=renewal_form(item),
            of_age=came_of_age(item.consent),
            default_version=current_app.config["CONSENT_FORM_VERSION"],
            withdraw_form=WithdrawOnWordForm(formdata=None),
        ),
        status,
    )


@bp.route("/reconsent/<story_id>", methods=["GET", "POST"])
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
        abort(404)  # withdrawn a moment ago
    item = db.session.get(Story, story_id)
    if renewed.secret is not None:
        response = make_response(
            render_template("ingest/card.html", story=item, secret=renewed.secret, reset=True), 201
        )
        response.headers["Cache-Control"] = "no-store"
        return response
    flash("The consent given again is recorded; what it leaves out took effect at once.")
    return redirect(url_for("ingest.story", story_id=item.id))


@bp.route("/reconsent/<story_id>/withdraw", methods=["POST"])
@role_required(Role.FACILITATOR)
def withdraw_on_word(story_id: str):
    """Take a story back on its storyteller's word (own stories; admins: all): a withdrawal in full."""
    item = own_story_or_404(story_id)
    form = WithdrawOnWordForm()
    if not form.validate_on_submit():
        abort(400)
    if not form.asked.data:
        flash("Tick the box to confirm the storyteller asked for this and you checked it is them.", "error")
        return redirect(url_for("ingest.renew_consent", story_id=item.id) + "#withdraw")
    withdraw(item.consent, channel="staff_web", actor_id=current_user.id)
    flash("The story was taken back: it is gone from the library and its content is deleted.")
    return redirect(url_for("ingest.my_stories"))


def latest_job(story: Story) -> Job | None:
    """The story's latest transcription job (the published recording's job is shown apart)."""
    return db.session.scalar(
        select(Job).where(Job.story_id == story.id, Job.kind == "transcribe").order_by(Job.created_at.desc())
    )


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
