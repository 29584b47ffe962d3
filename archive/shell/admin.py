"""The admin dashboard: an overview of every story's state (no story content), the stories waiting for
a speech model, and the controlled vocabulary. The admin's consent pages are consent's
(``consent.views.admin``)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Length

from archive import request_caps, vocabulary
from archive.auth import (
    MAX_PASSWORD_CHARS,
    MIN_PASSWORD_CHARS,
    NewUser,
    change_account,
    create_user,
    new_password,
    reset_password,
    role_required,
)
from archive.errors import Conflict, ValidationFailed, get_or_404
from archive.extensions import db
from archive.forms import EmptyForm, apply_reasons, choices
from archive.jobs import JobKind, latest
from archive.languages import is_language, language_name
from archive.models import Job, JobState, Role, Story, StoryStatus, User
from ingest.audio_jobs import retry as retry_transcription
from ingest.audio_jobs import waiting_for_models
from ingest.model_installs import RUNNING, clear, install_upload, installs, start_install
from ingest.published_audio import schedule_published_audio
from ingest.speech_models import (
    CATALOGUE,
    MAX_DOWNLOAD_BYTES,
    SpeechModelError,
    describe,
    installed,
    registrations,
)

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


# -- staff accounts -------------------------------------------------------------------------------
ROLE_CHOICES = [(r.value, r.value) for r in Role]


class NewUserForm(FlaskForm):
    """A new staff account; checked by ``archive.auth.create_user``. An empty password makes one."""

    email = EmailField("E-mail", validators=[Length(max=254)])
    role = SelectField("Role", choices=choices(ROLE_CHOICES), validate_choice=False)
    password = PasswordField(
        f"Password (at least {MIN_PASSWORD_CHARS} characters; leave empty to make one)",
        validators=[Length(max=MAX_PASSWORD_CHARS)],
    )


class AccountForm(FlaskForm):
    """An account's role and whether it may sign in; checked by ``archive.auth.change_account``."""

    role = SelectField("Role", choices=choices(ROLE_CHOICES), validate_choice=False)
    active = SelectField(
        "Signs in", choices=choices([("1", "yes"), ("0", "no, turned off")]), validate_choice=False
    )


def _users_page(form: NewUserForm | None = None, shown: dict | None = None, refused: dict | None = None):
    """The accounts, the form for a new one, and a password to show once (``shown``: email, password)."""
    users = db.session.scalars(select(User).order_by(User.role, func.lower(User.email))).all()
    response = current_app.make_response(
        render_template(
            "admin/users.html",
            users=users,
            form=form or NewUserForm(formdata=None),
            edit=AccountForm(formdata=None),
            button=EmptyForm(),
            roles=[r.value for r in Role],
            shown=shown,
            refused=refused,
        )
    )
    response.headers["Cache-Control"] = "no-store"  # a password shown once must not be kept
    return response


@bp.route("/users", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def users():
    """Every staff account with its role and state; a POST makes a new one."""
    form = NewUserForm()
    if not form.validate_on_submit():
        return _users_page(form), (400 if form.is_submitted() else 200)
    chosen = form.password.data or ""
    password = chosen or new_password()
    try:
        user = create_user(NewUser(email=form.email.data or "", role=form.role.data or "", password=password))
    except ValidationFailed as err:
        db.session.rollback()
        apply_reasons(form, err.reasons)
        return _users_page(form), 400
    # The password typed by the admin is theirs already; one made here is shown once, to hand over.
    return _users_page(shown={"email": user.email, "password": None if chosen else password}), 201


@bp.route("/users/<int:user_id>", methods=["POST"])
@role_required(Role.ADMIN)
def change_user(user_id: int):
    """Change an account's role, or turn it off (it is signed out at its next request) or on again."""
    user = get_or_404(User, user_id)
    form = AccountForm()
    if form.validate_on_submit():
        try:
            change_account(user, role=form.role.data, active=form.active.data == "1", by=current_user)
        except ValidationFailed as err:
            db.session.rollback()
            messages = [m for ms in err.reasons.values() for m in ms]
            return _users_page(refused={"user_id": user.id, "messages": messages}), 400
        flash(f"Saved {user.email}: {user.role}, {'signs in' if user.active else 'turned off'}.")
    return redirect(url_for("admin.users"), code=303)


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@role_required(Role.ADMIN)
def reset_user_password(user_id: int):
    """Give an account a new random password, shown once here; the old one stops working at once."""
    user = get_or_404(User, user_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("admin.users"), code=303)
    password = reset_password(user)
    return _users_page(shown={"email": user.email, "password": password})


# -- failed jobs ----------------------------------------------------------------------------------
JOB_NAMES = {
    JobKind.TRANSCRIBE: "Transcription",
    JobKind.PUBLISH_AUDIO: "Recording for educators",
    JobKind.PUBLISH_APPROVED: "Publication after the storyteller's yes",
}
# What a retry does for each kind; others are shown without a retry (the reviewer or the storyteller
# acts again instead).
RETRIED = (JobKind.TRANSCRIBE, JobKind.PUBLISH_AUDIO)


def failed_jobs(limit: int = 200) -> list[Job]:
    """The jobs whose last try failed, newest first: only a story's latest job of each kind (a retried
    one is no longer listed), and no withdrawn story's."""
    stmt = (
        select(Job)
        .join(Story, Story.id == Job.story_id)
        .where(Job.state == JobState.FAILED, Story.status != StoryStatus.WITHDRAWN)
        .order_by(Job.finished_at.desc().nulls_last(), Job.created_at.desc())
        .limit(limit)
    )
    found = []
    for job in db.session.scalars(stmt):
        newest = latest(job.story_id, JobKind(job.kind))
        if newest is not None and newest.id == job.id:
            found.append(job)
    return found


@bp.route("/jobs")
@role_required(Role.ADMIN)
def jobs():
    """Background jobs that failed for good, with why and a retry button where one helps."""
    found = failed_jobs()
    stories = {
        s.id: s for s in db.session.scalars(select(Story).where(Story.id.in_({j.story_id for j in found})))
    }
    return render_template(
        "admin/jobs.html", jobs=found, stories=stories, names=JOB_NAMES, retried=RETRIED, button=EmptyForm()
    )


@bp.route("/jobs/<job_id>/retry", methods=["POST"])
@role_required(Role.ADMIN)
def retry_job(job_id: str):
    """Run a failed job again: a transcription from the start, or the published recording anew."""
    job = get_or_404(Job, job_id)
    story = get_or_404(Story, job.story_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("admin.jobs"), code=303)
    newest = latest(story.id, JobKind(job.kind))
    if job.state != JobState.FAILED or newest is None or newest.id != job.id:
        raise Conflict("This job is no longer the story's failed one: look at the list again.")
    if job.kind == JobKind.TRANSCRIBE:
        retry_transcription(story)  # Conflict when the story no longer waits for it
    elif job.kind == JobKind.PUBLISH_AUDIO:
        if story.status != StoryStatus.PUBLISHED or schedule_published_audio(story) is None:
            raise Conflict("Educators may not hear this story now, so there is no recording to make.")
    else:
        raise Conflict("This kind of job is not retried from here.")
    flash(f"{JOB_NAMES.get(job.kind, job.kind)} of “{story.title}” queued again.")
    return redirect(url_for("admin.jobs"), code=303)


# -- speech models --------------------------------------------------------------------------------
@bp.record_once
def _register_model_upload_cap(state) -> None:
    # The web server refuses a larger body before reading it (archive.request_caps).
    request_caps.register(state.app, state.url_prefix + "/speech-models/upload", MAX_DOWNLOAD_BYTES)


@bp.url_value_preprocessor
def _lift_request_cap_for_models(endpoint: str | None, values: dict | None) -> None:
    """Let a model archive (tens of megabytes to gigabytes) through, on its own address, for admins,
    as multipart (streamed to disk by werkzeug); every other request keeps the site-wide cap."""
    if endpoint != "admin.upload_model" or request.mimetype != "multipart/form-data":
        return
    if current_user.is_authenticated and current_user.role == Role.ADMIN:
        request.max_content_length = MAX_DOWNLOAD_BYTES


def _language_or_refuse(lang: str) -> str:
    lang = (lang or "").strip().lower()
    if not is_language(lang):
        raise ValidationFailed({"lang": ["Give the language as a two-letter ISO 639-1 code, such as sw."]})
    return lang


@bp.route("/speech-models")
@role_required(Role.ADMIN)
def speech_models():
    """The models that transcribe, the catalogue's, installs under way, and the recordings waiting."""
    models = installed()
    have = {m.lang for m in models}
    progress = installs()
    return render_template(
        "admin/speech_models.html",
        models=[(m, describe(m)) for m in models],
        broken=[r for r in registrations() if r.problems],
        catalogue=[m for m in CATALOGUE.values() if m.lang not in have],
        progress=progress,
        running=any(p.state == RUNNING for p in progress),
        waiting=waiting_for_models(),
        button=EmptyForm(),
        language_name=language_name,
    )


@bp.route("/speech-models/install", methods=["POST"])
@role_required(Role.ADMIN)
def install_model():
    """Install a model from the catalogue (or a mirror's address, with its SHA-256) in the background."""
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("admin.speech_models"), code=303)
    lang = _language_or_refuse(request.form.get("lang", ""))
    url = request.form.get("url", "").strip() or None
    sha256 = request.form.get("sha256", "").strip().lower() or None
    try:
        start_install(lang, url=url, sha256=sha256)
    except SpeechModelError as err:
        raise Conflict(err.message) from err
    flash(f"Installing the model for {language_name(lang)}: this page shows how far it is.")
    return redirect(url_for("admin.speech_models") + "#installs", code=303)


@bp.route("/speech-models/upload", methods=["POST"])
@role_required(Role.ADMIN)
def upload_model():
    """Install a model archive (a Vosk model's zip) uploaded from the admin's computer."""
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("admin.speech_models"), code=303)
    lang = _language_or_refuse(request.form.get("lang", ""))
    upload = request.files.get("archive")
    if upload is None or not upload.filename:
        raise ValidationFailed({"archive": ["Choose the model's zip file."]})
    ended = install_upload(lang, upload.stream)
    flash(f"{language_name(lang)}: {ended.message}")
    return redirect(url_for("admin.speech_models") + "#installs", code=303)


@bp.route("/speech-models/<lang>/clear", methods=["POST"])
@role_required(Role.ADMIN)
def clear_install(lang: str):
    """Take an ended install's line off the page."""
    if EmptyForm().validate_on_submit() and is_language(lang):
        clear(lang)
    return redirect(url_for("admin.speech_models"), code=303)
