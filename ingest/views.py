"""Facilitators: bring in a story (typed or recorded) with its consent, see the consent card, follow
their own stories and their transcription. The consent pages for those stories (consent given again,
a story taken back, a new secret) are consent's (``consent.views.staff``)."""

from __future__ import annotations

import secrets

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf.file import FileField
from sqlalchemy import select

from archive import request_caps
from archive.auth import own_story_or_404, role_required
from archive.errors import Conflict, NotFound, ValidationFailed
from archive.extensions import db
from archive.forms import EmptyForm, apply_reasons
from archive.jobs import JobKind, latest
from archive.models import Job, Role, Story, StoryStatus, utcnow
from archive.storage import send as send_media
from consent.card import consent_card
from consent.expiry import expiry_notice
from consent.reconsent import is_due
from consent.records import CARD_CODE_IN_USE

from . import kept_uploads, quotas, resumable
from .audio_jobs import retry as retry_transcription
from .details import CORRECTABLE, can_correct, correct_details, details_of
from .forms import DETAILS_FIELDS, OTHER, REASON_FIELDS, NewStoryForm, StoryDetailsForm
from .published_audio import published_audio
from .review import has_listening_copy, listening_copy
from .speech_models import model_commands
from .stories import check_submission, ingest_typed_story, stage_each

bp = Blueprint("ingest", __name__, url_prefix="/ingest")


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
    request.max_content_length = new_story_cap(current_app.config)


def new_story_cap(cfg) -> int:
    """The new-story form's largest body: both recordings, the text fields and the multipart framing."""
    return (
        cfg["MAX_AUDIO_BYTES"]
        + cfg["MAX_CONSENT_RECORDING_BYTES"]
        + cfg["MAX_FORM_MEMORY_SIZE"]
        + MULTIPART_FRAMING_BYTES
    )


@bp.record_once
def _register_cap(state) -> None:
    # The web server refuses a larger body before reading it (archive.request_caps).
    request_caps.register(state.app, state.url_prefix + "/new", new_story_cap(state.app.config))


@bp.url_value_preprocessor
def _upload_quota(endpoint: str | None, values: dict | None) -> None:
    """Answer 429 to a new story past the account's daily quota, before the form is parsed (CSRF
    checks parse it in a ``before_request`` function, which would first copy its files to disk)."""
    if endpoint != "ingest.new_story" or request.method != "POST" or not current_user.is_authenticated:
        return
    if current_user.role in (Role.FACILITATOR, Role.ADMIN):
        quotas.check(current_user.id, request.content_length or 0)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.FACILITATOR)
def new_story():
    """The new-story form: a typed story or a recording, with its consent, saved together.

    A refused form comes back with everything typed, every problem listed at its top (cheap checks
    first, then the recordings' own), and the recordings that passed their checks kept on the server
    for the next try (``ingest.kept_uploads``).
    """
    form = NewStoryForm()
    form.fill_choices()
    if not form.is_submitted():
        form.submission_key.data = secrets.token_urlsafe(24)
        form.language.data = "en"
        form.form_version.data = current_app.config["CONSENT_FORM_VERSION"]
        form.given_on.data = utcnow().date()
        # Left on "the newest in the story's language", so the form follows the language chosen
        # below; a preselected English form would stay on a story switched to Swahili.
        form.form_id.data = ""
        return _new_story_page(form, {})
    if not form.validate_on_submit():
        return _new_story_page(form, {}, 400)
    kept_uploads.sweep_kept()
    kept = {
        name: kept_uploads.find(getattr(form, f"{name}_kept").data, name, current_user.id)
        for name in kept_uploads.FIELDS
    }
    for name in set(form.forget.data or ()) & set(kept_uploads.FIELDS):
        # "Remove this recording" ticked beside a kept one: it goes, and the form is read without it.
        kept_uploads.forget(getattr(form, f"{name}_kept").data, name, current_user.id)
        kept[name] = None
    chosen = {name: _chosen(getattr(form, name)) for name in kept_uploads.FIELDS}
    # A recording the page sent ahead, resumably: read from its upload like a file sent with the form.
    sent_ahead, missing = _sent_ahead(form, chosen)
    chosen.update({name: resumable.open_data(upload) for name, upload in sent_ahead.items()})
    sub = form.submission()
    reasons = check_submission(
        sub,
        has_recording=bool(chosen["recording"] or kept["recording"]),
        has_consent_recording=bool(chosen["consent_recording"] or kept["consent_recording"]),
    )
    for name in kept_uploads.FIELDS:
        lost = getattr(form, f"{name}_kept").data and name not in (form.forget.data or ())
        if lost and kept[name] is None and chosen[name] is None:
            reasons.setdefault(name, []).append(kept_uploads.EXPIRED)
    for name, message in missing.items():
        reasons.setdefault(name, []).append(message)
    # The recordings are checked whatever the rest says, so every problem comes back in one round.
    try:
        staged, file_reasons = stage_each(chosen["recording"], chosen["consent_recording"])
    finally:
        for name in sent_ahead:
            chosen[name].close()
    for name, messages in file_reasons.items():
        reasons.setdefault(name, []).extend(messages)
    # A recording that passed is kept from now on, whatever happens to the rest of the form.
    for name in kept_uploads.FIELDS:
        new = getattr(staged, name)
        if new is not None:
            if kept[name] is not None:
                kept_uploads.forget(kept[name].token, name, current_user.id)
            upload = getattr(form, name).data
            # A file sent with the form, or ahead (its name then came with the upload).
            filename = upload.filename if upload and upload.filename else ""
            if name in sent_ahead:
                filename = sent_ahead[name].name
            kept[name] = kept_uploads.keep_for_retry(new, name, filename, current_user.id)
    db.session.commit()
    for used in sent_ahead.values():
        # Checked and staged (and kept for the next try, as a file sent with the form), or refused:
        # either way the upload itself is done. Not before: a server error above leaves it to resume.
        resumable.terminate(used)
    if reasons:
        db.session.rollback()
        _show_reasons(form, reasons)
        return _refused_page(form, kept, reasons)
    taken = {name: kept_uploads.take(k, current_user.id) if k else None for name, k in kept.items()}
    try:
        result = ingest_typed_story(sub, current_user.id, taken["recording"], taken["consent_recording"])
    except ValidationFailed as err:
        db.session.rollback()  # nothing of a refused form may stay in the session; the kept rows come back
        _show_reasons(form, err.reasons)
        return _refused_page(form, kept, err.reasons)
    if result.secret is None:
        # The same form sent again: the story was saved the first time, with its own recordings.
        db.session.commit()
        for staged in taken.values():
            kept_uploads.drop_taken(staged)
        flash("This story was saved already; it was not saved twice.")
        return redirect(url_for("ingest.story", story_id=result.story.id))
    response = make_response(
        render_template(
            "consent/staff/card.html",
            story=result.story,
            card=consent_card(result.story, result.secret),
        ),
        201,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _sent_ahead(form: NewStoryForm, chosen: dict) -> tuple[dict[str, resumable.Upload], dict[str, str]]:
    """The finished resumable uploads the form names for fields without a file, and a message for
    each one named that is not (or no longer) there."""
    found, missing = {}, {}
    for name in kept_uploads.FIELDS:
        upload_id = (getattr(form, f"{name}_upload").data or "").strip()
        if not upload_id or chosen[name] is not None:
            continue
        upload = resumable.completed(upload_id, current_user.id, name)
        if upload is None:
            missing[name] = UPLOAD_GONE
        else:
            found[name] = upload
    return found, missing


UPLOAD_GONE = (
    "The recording sent ahead was not found on the server (unfinished, or cleared): choose it again."
)


def _refused_page(form: NewStoryForm, kept: dict, reasons: dict[str, list[str]]):
    """The form again with its problems; a header tells the page's offline queue when only a new
    consent card will do (the phone's card has a code in use)."""
    response = _new_story_page(form, kept, 400)
    if CARD_CODE_IN_USE in reasons.get("card", ()):
        response.headers["X-Card-Code-In-Use"] = "1"
    return response


def _show_reasons(form: NewStoryForm, reasons: dict[str, list[str]]) -> None:
    aliases = dict(REASON_FIELDS)
    if form.language.data == OTHER:
        aliases["language"] = "language_other"
    apply_reasons(form, reasons, aliases)


def _new_story_page(form: NewStoryForm, kept: dict, status: int = 200):
    for name in kept_uploads.FIELDS:
        getattr(form, f"{name}_kept").data = kept[name].token if kept.get(name) else ""
        # An upload sent ahead is used up by the try that named it (kept, if it passed, like a file).
        getattr(form, f"{name}_upload").data = ""
    form.forget.data = []
    response = make_response(
        render_template("ingest/new.html", form=form, kept=kept, order=NewStoryForm.ORDER), status
    )
    # The site's policy, and the recorder's listen-back: a recording made in the page plays from a
    # blob: address, which 'self' does not cover.
    response.headers["Content-Security-Policy"] = NEW_STORY_POLICY
    return response


NEW_STORY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "media-src 'self' blob:; worker-src 'self'; manifest-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


@bp.route("/sw.js")
@role_required(Role.FACILITATOR)
def service_worker():
    """The new-story page's service worker, served from /ingest/ so its scope covers the page."""
    response = current_app.send_static_file("service-worker.js")
    response.headers["Content-Type"] = "text/javascript; charset=utf-8"
    # Like every page of a signed-in user, ``no-store`` (archive.shell.factory): the browser checks
    # for a newer worker on every visit.
    return response


@bp.route("/manifest.webmanifest")
@role_required(Role.FACILITATOR)
def manifest():
    """The web app manifest: the new-story page added to a phone's home screen opens offline."""
    response = jsonify(
        {
            "name": "story-archive: new story",
            "short_name": "New story",
            "start_url": url_for("ingest.new_story"),
            "scope": url_for("ingest.new_story").rsplit("/", 1)[0] + "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#1d5f8a",
            "description": "Record a story with its consent, with or without a connection.",
        }
    )
    response.headers["Content-Type"] = "application/manifest+json"
    return response


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
            listening=_hearable_upload(item),
            correctable=can_correct(item),
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


def _hearable_upload(story: Story) -> bool:
    """Whether the facilitator can hear what they uploaded here: a recording with its listening copy,
    until it is published (then the library's redacted recording is what counts)."""
    return story.kind == "audio" and story.status in CORRECTABLE and has_listening_copy(story)


@bp.route("/stories/<story_id>/listen")
@role_required(Role.FACILITATOR)
def listen(story_id: str):
    """The facilitator's own upload, as its small listening copy (never the original), until publication.

    Reviewers hear the same copy on the review page; nobody else gets it here (a 404, as for nothing).
    """
    item = own_story_or_404(story_id)
    if item.status not in CORRECTABLE:
        raise NotFound()
    return send_media(listening_copy(item.id))


@bp.route("/stories/<story_id>/details", methods=["GET", "POST"])
@role_required(Role.FACILITATOR, Role.REVIEWER)
def details(story_id: str):
    """Correct a story's title, topics, warnings and known identifiers until it is published.

    The facilitator who brought the story in (admins: any) and reviewers may; the checks are those of
    the new-story form (``ingest.details``).
    """
    item = _story_to_correct(story_id)
    form = StoryDetailsForm()
    form.fill_tags()
    if not form.is_submitted():
        form.show(details_of(item))
        return render_template("ingest/details.html", story=item, form=form)
    if not form.validate_on_submit():
        return render_template("ingest/details.html", story=item, form=form), 400
    try:
        done = correct_details(item, form.details(), current_user.id)
    except ValidationFailed as err:
        db.session.rollback()
        apply_reasons(form, err.reasons, DETAILS_FIELDS)
        return render_template("ingest/details.html", story=item, form=form), 400
    except Conflict as err:
        flash(err.message, "error")
        return redirect(url_for("ingest.story", story_id=story_id))
    if not done.changed:
        flash("Nothing was changed.")
    else:
        message = "Saved: " + ", ".join(done.changed) + "."
        if "identifiers" in done.changed:
            message += " The marked identifiers in the text were brought up to date."
        flash(message)
    if current_user.role == Role.REVIEWER:
        return redirect(url_for("review.story", story_id=story_id))
    return redirect(url_for("ingest.story", story_id=story_id))


def _story_to_correct(story_id: str) -> Story:
    """A story the signed-in user may correct: a facilitator's own (admins: any), any for a reviewer;
    only until it is published. Anything else is a 404, like a story that does not exist."""
    if current_user.role == Role.REVIEWER:
        item = db.session.get(Story, story_id)
        if item is None:
            raise NotFound()
    else:
        item = own_story_or_404(story_id)
    if not can_correct(item):
        raise NotFound("This story can no longer be corrected here: it was published or taken back.")
    return item
