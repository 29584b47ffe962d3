"""The tus 1.0 endpoints for resumable uploads of recordings (core, creation, termination).

``POST /ingest/uploads`` starts one, ``HEAD /ingest/uploads/<id>`` says how much arrived,
``PATCH`` sends more at that offset, ``DELETE`` gives it up; ``OPTIONS`` says what the server takes.
A PATCH carries at most ``MAX_CONTENT_LENGTH`` bytes (2 MB; the web server refuses more before reading
it, ``archive.request_caps``): clients send a recording in pieces (the page: 64 KB).
Only signed-in facilitators (and admins), each for their own uploads, with the CSRF token of their
session in ``X-CSRFToken`` like every other change (CSRFProtect checks it before these views run).
The service is ``ingest.resumable``.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, url_for
from flask_login import current_user

from archive.errors import ArchiveError
from archive.models import Role

from . import resumable
from .audio import AudioRejected

bp = Blueprint("uploads", __name__, url_prefix="/ingest/uploads")


def _tus(response: Response) -> Response:
    response.headers["Tus-Resumable"] = resumable.TUS_VERSION
    response.headers["Cache-Control"] = "no-store"
    return response


def _answer(status: int, message: str = "") -> Response:
    """An empty answer, or the site's JSON error shape with ``message`` (``archive.errors``)."""
    response = (
        jsonify({"error": {"status": status, "message": message}}) if message else Response(status=status)
    )
    response.status_code = status
    return _tus(response)


@bp.before_request
def _facilitators_only():
    """Sign-in and role first; then the protocol version every request but OPTIONS must name."""
    if not current_user.is_authenticated:
        return _answer(401, "Please sign in.")
    if current_user.role not in (Role.FACILITATOR, Role.ADMIN):
        return _answer(403, "Uploads are not allowed for this account: only facilitators send recordings.")
    if request.method != "OPTIONS" and request.headers.get("Tus-Resumable") != resumable.TUS_VERSION:
        response = _answer(412, "This server speaks tus 1.0.0.")
        response.headers["Tus-Version"] = resumable.TUS_VERSION
        return response
    return None


@bp.errorhandler(ArchiveError)
def _refused(err: ArchiveError):
    return _answer(err.status, err.message)


@bp.errorhandler(AudioRejected)
def _not_a_recording(err: AudioRejected):
    # The whole file arrived and was refused by content, size or length: no retry can help (422).
    return _answer(422, " ".join(m for ms in err.reasons.values() for m in ms))


@bp.route("", methods=["OPTIONS", "POST"], provide_automatic_options=False)
def uploads():
    if request.method == "OPTIONS":
        response = _answer(204)
        response.headers["Tus-Version"] = resumable.TUS_VERSION
        response.headers["Tus-Extension"] = ",".join(resumable.EXTENSIONS)
        response.headers["Tus-Max-Size"] = str(resumable.limits_for("recording").max_bytes)
        return response
    if request.headers.get("Upload-Defer-Length"):
        return _answer(400, "The length of an upload must be known when it starts.")
    length = _whole_number(request.headers.get("Upload-Length"))
    if length is None:
        return _answer(400, "Upload-Length must say the recording's size in bytes.")
    upload = resumable.create(
        current_user.id, length, resumable.parse_metadata(request.headers.get("Upload-Metadata"))
    )
    response = _answer(201)
    response.headers["Location"] = url_for("uploads.upload", upload_id=upload.id)
    response.headers["Upload-Offset"] = "0"
    return response


@bp.route("/<upload_id>", methods=["HEAD", "PATCH", "DELETE"])
def upload(upload_id: str):
    item = resumable.find(upload_id, current_user.id)
    if request.method == "HEAD":
        response = _answer(200)
        response.headers["Upload-Offset"] = str(item.offset)
        response.headers["Upload-Length"] = str(item.length)
        return response
    if request.method == "DELETE":
        resumable.terminate(item)
        return _answer(204)
    if request.mimetype != "application/offset+octet-stream":
        return _answer(415, "Send the bytes as application/offset+octet-stream.")
    offset = _whole_number(request.headers.get("Upload-Offset"))
    if offset is None:
        return _answer(400, "Upload-Offset must say where these bytes start.")
    if request.content_length is None:
        return _answer(411, "Content-Length must say how many bytes are sent.")
    done = resumable.append(item, offset, request.stream, request.content_length)
    response = _answer(204)
    response.headers["Upload-Offset"] = str(done.offset)
    return response


def _whole_number(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 15 else None
