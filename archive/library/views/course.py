"""Course pages: a teaching set opened to students without an account; the link is the key."""

from __future__ import annotations

from flask import Blueprint, Response, render_template

from archive.errors import NotFound
from archive.extensions import db
from archive.models import Story
from archive.storage import send as send_media

from .. import exports
from ..course_links import LinkEnded, course_link
from ..sets import item_views
from ..stories import audible_recording

bp = Blueprint("course", __name__)


def _course_headers(response: Response) -> Response:
    # Never indexed, never cached, and the link (the key) never sent on as a Referer.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/course/<token>")
def page(token: str):
    """The set a course link opens, as its students see it: each item as its story allows now."""
    try:
        link = course_link(token)
    except LinkEnded as err:
        return _course_headers(
            Response(render_template("teaching/course_ended.html", message=err.message), status=410)
        )
    except NotFound:
        return _course_headers(Response(render_template("teaching/course_ended.html", message=None), 404))
    teaching_set = link.teaching_set
    page = render_template(
        "teaching/course.html",
        token=token,
        link=link,
        teaching_set=teaching_set,
        items=item_views(teaching_set),
        terms=exports.CONSENT_TERMS,
    )
    return _course_headers(Response(page))


@bp.route("/course/<token>/stories/<story_id>/audio")
def audio(token: str, story_id: str):
    """A story's published recording for a course link's students: the link valid, the story in its
    set, and the recording one educators may hear now."""
    link = course_link(token)  # LinkEnded (410) once over
    if not any(item.story_id == story_id for item in link.teaching_set.items):
        raise NotFound()
    media = audible_recording(db.session.get(Story, story_id))
    if media is None:
        raise NotFound()
    return _course_headers(send_media(media))
