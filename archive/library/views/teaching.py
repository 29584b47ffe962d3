"""Teaching pages: teaching sets and their items, course links, printable packets, clips, and the
story's transcript as a file. Thin views over the services (``clips``, ``sets``, ``course_links``,
``exports``): they parse the form, call the service, and show its messages.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from archive.auth import role_required
from archive.errors import Conflict, ValidationFailed
from archive.extensions import db
from archive.models import MediaFile, Role, Story, TeachingSet, User

from .. import clips, course_links, exports
from .. import sets as teaching_sets
from ..stories import audible_recording, recording_length, shown, visible_story

bp = Blueprint("teaching", __name__)

PROMPT_PLACEHOLDER = "What does the storyteller want the listener to understand?"
QUESTIONS_PLACEHOLDER = (
    "One question a line, e.g. Where does the storyteller feel heard, and where not? "
    "What would you have said in the nurse's place?"
)


def story_tools(story: Story, recording: MediaFile | None) -> dict:
    """What the story page's tools (``teaching/_story_tools.html``) show the signed-in educator;
    ``recording`` is the story's ``audible_recording``, as the story page found it."""
    if not current_user.is_authenticated or current_user.role not in (Role.EDUCATOR, Role.ADMIN):
        return {}
    length = recording_length(story, recording)
    return {
        "sets": teaching_sets.my_sets(current_user),
        "clips": clips.my_clips(current_user, story.id),
        "citation": exports.citation(story, date.today()),
        # Subtitles are for the recording: offered, like the player's timings, only while it may be heard.
        "timed": bool(story.published_timings) and length is not None,
        "length": length,
    }


@bp.route("/teaching/sets")
@role_required(Role.EDUCATOR)
def sets():
    return render_template(
        "teaching/sets.html",
        mine=teaching_sets.my_sets(current_user),
        shared=teaching_sets.shared_sets(current_user),
        clips=clips.my_clips(current_user),
    )


@bp.route("/teaching/sets", methods=["POST"])
@role_required(Role.EDUCATOR)
def create_set_view():
    data = teaching_sets.SetInput.from_form(request.form)
    try:
        teaching_set = teaching_sets.create_set(current_user, data)
    except ValidationFailed as err:
        return render_template(
            "teaching/sets.html",
            mine=teaching_sets.my_sets(current_user),
            shared=teaching_sets.shared_sets(current_user),
            clips=clips.my_clips(current_user),
            form=data,
            errors=err.reasons,
        ), 400
    flash("Teaching set made. Add stories and clips from their pages.")
    return redirect(url_for("teaching.set_page", set_id=teaching_set.id))


def _set_page(teaching_set: TeachingSet, status: int = 200, **extra):
    return render_template(
        "teaching/set.html",
        teaching_set=teaching_set,
        items=teaching_sets.item_views(teaching_set),
        owner=teaching_set.owner_id == current_user.id,
        owner_email=db.session.scalar(select(User.email).where(User.id == teaching_set.owner_id)),
        link_state=course_links.link_state,
        **extra,
    ), status


@bp.route("/teaching/sets/<set_id>")
@role_required(Role.EDUCATOR)
def set_page(set_id: str):
    return _set_page(teaching_sets.get_set(set_id, current_user))


@bp.route("/teaching/sets/<set_id>", methods=["POST"])
@role_required(Role.EDUCATOR)
def edit_set(set_id: str):
    teaching_set = teaching_sets.own_set(set_id, current_user)
    try:
        teaching_sets.update_set(teaching_set, teaching_sets.SetInput.from_form(request.form))
    except ValidationFailed as err:
        db.session.rollback()
        return _set_page(teaching_set, 400, errors=err.reasons)
    flash("Saved.")
    return redirect(url_for("teaching.set_page", set_id=set_id))


@bp.route("/teaching/sets/<set_id>/delete", methods=["POST"])
@role_required(Role.EDUCATOR)
def delete_set_view(set_id: str):
    teaching_sets.delete_set(teaching_sets.own_set(set_id, current_user))
    flash("Teaching set deleted.")
    return redirect(url_for("teaching.sets"))


@bp.route("/teaching/sets/<set_id>/duplicate", methods=["POST"])
@role_required(Role.EDUCATOR)
def duplicate_set_view(set_id: str):
    copy = teaching_sets.duplicate_set(teaching_sets.get_set(set_id, current_user), current_user)
    flash("Duplicated: this copy is yours to change, and private until you share it.")
    return redirect(url_for("teaching.set_page", set_id=copy.id))


@bp.route("/teaching/items", methods=["POST"])
@role_required(Role.EDUCATOR)
def add_item_view():
    teaching_set = teaching_sets.own_set(request.form.get("set_id", ""), current_user)
    form = request.form
    teaching_sets.add_item(teaching_set, current_user, form.get("story_id", ""), form.get("clip_id", ""))
    flash("Added to the teaching set.")
    return redirect(url_for("teaching.set_page", set_id=teaching_set.id))


@bp.route("/teaching/sets/<set_id>/items/<int:item_id>", methods=["POST"])
@role_required(Role.EDUCATOR)
def edit_item(set_id: str, item_id: int):
    teaching_set = teaching_sets.own_set(set_id, current_user)
    try:
        form = request.form
        teaching_sets.update_item(teaching_set, item_id, form.get("prompt", ""), form.get("questions", ""))
    except ValidationFailed as err:
        db.session.rollback()
        return _set_page(teaching_set, 400, errors=err.reasons)
    flash("Saved.")
    return redirect(url_for("teaching.set_page", set_id=set_id, _anchor=f"item-{item_id}"))


@bp.route("/teaching/sets/<set_id>/items/<int:item_id>/move", methods=["POST"])
@role_required(Role.EDUCATOR)
def move_item_view(set_id: str, item_id: int):
    teaching_set = teaching_sets.own_set(set_id, current_user)
    teaching_sets.move_item(teaching_set, item_id, request.form.get("direction", ""))
    return redirect(url_for("teaching.set_page", set_id=set_id, _anchor=f"item-{item_id}"))


@bp.route("/teaching/sets/<set_id>/items/<int:item_id>/remove", methods=["POST"])
@role_required(Role.EDUCATOR)
def remove_item_view(set_id: str, item_id: int):
    teaching_sets.remove_item(teaching_sets.own_set(set_id, current_user), item_id)
    flash("Removed from the teaching set.")
    return redirect(url_for("teaching.set_page", set_id=set_id))


@bp.route("/teaching/sets/<set_id>/links", methods=["POST"])
@role_required(Role.EDUCATOR)
def create_link_view(set_id: str):
    teaching_set = teaching_sets.own_set(set_id, current_user)
    try:
        link, token = course_links.create_link(
            teaching_set, current_user, request.form.get("days", ""), request.form.get("label", "")
        )
    except ValidationFailed as err:
        db.session.rollback()
        return _set_page(teaching_set, 400, errors=err.reasons)
    url = url_for("course.page", token=token, _external=True)
    return _set_page(teaching_set, 201, new_link=link, new_link_url=url)


@bp.route("/teaching/sets/<set_id>/links/<int:link_id>/revoke", methods=["POST"])
@role_required(Role.EDUCATOR)
def revoke_link_view(set_id: str, link_id: int):
    course_links.revoke_link(teaching_sets.own_set(set_id, current_user), link_id)
    flash("The course link no longer opens the set.")
    return redirect(url_for("teaching.set_page", set_id=set_id))


@bp.route("/teaching/sets/<set_id>/packet")
@role_required(Role.EDUCATOR)
def packet(set_id: str):
    teaching_set = teaching_sets.get_set(set_id, current_user)
    today = date.today()
    return render_template(
        "teaching/packet.html",
        teaching_set=teaching_set,
        items=teaching_sets.item_views(teaching_set),
        today=today,
        cite=lambda story: exports.citation(story, today),
        provenance=exports.provenance,
        terms=exports.CONSENT_TERMS,
    )


@bp.route("/stories/<story_id>/clips", methods=["POST"])
@role_required(Role.EDUCATOR)
def create_clip_view(story_id: str):
    data = clips.ClipInput.from_form(request.form)
    try:
        clip = clips.create_clip(story_id, current_user, data)
    except ValidationFailed as err:
        db.session.rollback()
        story = visible_story(story_id)
        return render_template(
            "teaching/clip_new.html",
            story=story,
            form=data,
            errors=err.reasons,
            timed=bool(story.published_timings),
            length=recording_length(story, audible_recording(story)),
        ), 400
    flash("Clip made.")
    return redirect(url_for("teaching.clip_page", clip_id=clip.id))


@bp.route("/clips/<clip_id>")
@role_required(Role.EDUCATOR)
def clip_page(clip_id: str):
    clip = clips.get_clip(clip_id, current_user)
    view = shown(clip.story, clip)
    return render_template(
        "teaching/clip.html",
        clip=clip,
        view=view,
        owner=clip.owner_id == current_user.id,
        sets=teaching_sets.my_sets(current_user),
        citation=exports.citation(clip.story, date.today()) if view.state == "ok" else "",
    )


@bp.route("/clips/<clip_id>/delete", methods=["POST"])
@role_required(Role.EDUCATOR)
def delete_clip_view(clip_id: str):
    clips.delete_clip(clip_id, current_user)
    flash("Clip deleted.")
    return redirect(url_for("teaching.sets"))


_FORMATS = {
    "txt": "text/plain; charset=utf-8",
    "vtt": "text/vtt; charset=utf-8",
    "srt": "application/x-subrip; charset=utf-8",
}
NO_TIMINGS = (
    "This story has no subtitles: it was typed, its transcript was typed by hand, or its recording may "
    "not be heard. Download the plain text instead."
)


@bp.route("/stories/<story_id>/transcript.<any(txt, vtt, srt):fmt>")
@role_required(Role.EDUCATOR)
def transcript(story_id: str, fmt: str):
    """The story's published transcript as a file: what the consent allows now, with date and terms."""
    story = visible_story(story_id)
    today = date.today()
    cite = exports.citation(story, today)
    if fmt == "txt":
        body = exports.plain_text(story, today, cite)
    elif not story.published_timings or audible_recording(story) is None:
        raise Conflict(NO_TIMINGS)
    elif fmt == "vtt":
        body = exports.webvtt(story, today, cite)
    else:
        body = exports.srt(story)
    response = Response(body, content_type=_FORMATS[fmt])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="story-{story.id}-{today.isoformat()}.{fmt}"'
    )
    return response
