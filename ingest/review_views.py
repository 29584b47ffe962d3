"""Reviewers: the queue, span decisions, text and transcript corrections, listening, and publishing."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from archive.auth import role_required
from archive.errors import Conflict, ValidationFailed
from archive.extensions import db
from archive.forms import EmptyForm, apply_reasons, choices
from archive.models import IdentifierSearch, Role, SpanDecision, SpanKind, SpanSource, Story, StoryStatus, Tag
from archive.storage import send as send_media

from . import listen_for, review, workbench
from .audio_redaction import AudioUnmappable
from .details import correct_details, details_of
from .identifiers import detect_report
from .redaction import LABELS, REPLACEMENTS, Piece, detection_unfinished, is_locked, published_text_mapped

bp = Blueprint("review", __name__, url_prefix="/review")

# The review page lists the newest decisions; ``?log=all`` lists every one (a long story's log grows
# by a row for each of its marks and would push the page past its budget).
LOG_SHOWN = 30

KIND_CHOICES = choices((k.value, LABELS[k]) for k in SpanKind)


class AddSpanForm(FlaskForm):
    words = StringField("Words to redact (every occurrence)", validators=[Optional(), Length(max=400)])
    start = IntegerField("or from character", validators=[Optional()])
    end = IntegerField("to character", validators=[Optional()])
    kind = SelectField("Kind", choices=KIND_CHOICES, validate_choice=False)
    identifier = SelectField("This is where it is said", choices=[], validate_choice=False)


class TimeMarkForm(FlaskForm):
    stretch = StringField("Stretch (m:ss-m:ss)", validators=[Optional(), Length(max=40)])
    kind = SelectField("Kind", choices=KIND_CHOICES, validate_choice=False)
    identifier = SelectField("This is where it is said", choices=[], validate_choice=False)


class BulkDecisionForm(FlaskForm):
    kind = HiddenField()
    decision = HiddenField()  # the button pressed: accepted or rejected


class EditTextForm(FlaskForm):
    text = TextAreaField("Story text")
    base = HiddenField()  # fingerprint of the text the reviewer started from, to catch stale pages
    # The characters of the text the box holds (one part of a long story); absent: the whole text.
    part_start = HiddenField()
    part_end = HiddenField()


class TypedTranscriptForm(FlaskForm):
    text = TextAreaField("What the storyteller says")


# How the review page names each source, in its legend and in each highlight's visible label.
SOURCE_NAMES = {
    SpanSource.KNOWN: "known identifier",
    SpanSource.PATTERN: "pattern",
    SpanSource.NAME_LIST: "name list",
    SpanSource.MODEL: "model",
    SpanSource.MANUAL: "reviewer",
    SpanSource.SOUND: "sounds like a known identifier",
}
DECISION_MARKS = {SpanDecision.PENDING: "?", SpanDecision.ACCEPTED: "remove", SpanDecision.REJECTED: "keep"}


fingerprint = review.text_fingerprint


def segments(story, start: int = 0, end: int | None = None):
    """Split the working text (characters ``start..end`` of it) into (kind, offset, text, span) parts
    for highlighting in the template.

    ``offset`` is where the part starts in the working text, so that selecting words in the page
    (review-select.js) can fill in the add form's start and end. Parts are cut between marked spans,
    so a span lies wholly inside or outside the range.
    """
    text = story.body or ""
    end = len(text) if end is None else end
    out, pos = [], start
    for span in sorted(story.spans, key=lambda s: (s.start, -s.end)):
        if span.start < pos or span.start >= end:  # nested, overlapping or elsewhere: highlighted once
            continue
        out.append(("text", pos, text[pos : span.start], None))
        out.append(("span", span.start, text[span.start : span.end], span))
        pos = span.end
    out.append(("text", pos, text[pos:end], None))
    return out


def _published_offset(pieces: list[Piece], pos: int, total: int) -> int:
    """Where character ``pos`` of the working text lands in the published text (``pieces`` from
    ``published_text_mapped``); a position inside a replaced span lands at its label's start."""
    for piece in pieces:
        if piece.src_start <= pos < piece.src_end:
            return piece.out_start if piece.replaced else piece.out_start + pos - piece.src_start
    return total


def _back(story_id: str):
    """Back to the review page, on the part of the story the form was sent from."""
    part = request.form.get("part", type=int)
    if part and part > 1:
        return redirect(url_for("review.story", story_id=story_id, part=part))
    return redirect(url_for("review.story", story_id=story_id))


def _flash_reasons(err: ValidationFailed) -> None:
    for messages in err.reasons.values():
        for message in messages:
            flash(message, "error")


@bp.route("/")
@role_required(Role.REVIEWER)
def queue():
    return render_template(
        "review/queue.html",
        stories=review.review_queue(),
        rows=workbench.queue_rows(review.review_queue()),
        waited=workbench.waited,
        awaiting=review.awaiting_transcript(),
    )


@bp.route("/<story_id>")
@role_required(Role.REVIEWER)
def story(story_id: str):
    item = review.story_for_review(story_id)
    return _review_page(item, EditTextForm(), part_number=request.args.get("part", type=int))


def _identifier_choices(items) -> list[tuple[str, str]]:
    return [("", "no known identifier")] + [(str(i.identifier.id), i.value) for i in items]


def _review_page(
    item, edit_form: EditTextForm, status: int = 200, part_number: int | None = None, kept=False
):
    """The review page, on one part of the story (a long story is reviewed part by part, each under
    the page budget). The edit form's box holds that part's text, unless ``kept`` (a refused
    correction shown again as the reviewer typed it)."""
    audio = item.kind == "audio"
    threshold = current_app.config["TRANSCRIPT_LOW_CONFIDENCE"]
    words = workbench.words_of(item) if audio else []
    timed = bool(words) and any(w.timed for w in words)
    timed_segments = workbench.segments(item, words, threshold) if timed else None
    starts = [(seg.offset, seg.seconds) for seg in timed_segments] if timed_segments else None
    doubtful = [at for seg in timed_segments for at in seg.doubtful] if timed_segments else []
    all_parts = workbench.parts(item, current_app.config["REVIEW_PART_BYTES"], starts, doubtful)
    part = all_parts[min(max(part_number or 1, 1), len(all_parts)) - 1]
    body = item.body or ""
    if not kept:
        edit_form.text.data = body[part.start : part.end]
    edit_form.base.data = fingerprint(body)
    edit_form.part_start.data, edit_form.part_end.data = str(part.start), str(part.end)
    items = listen_for.listen_for_list(item) if audio else []
    add_form, time_form = AddSpanForm(), TimeMarkForm()
    add_form.identifier.choices = time_form.identifier.choices = _identifier_choices(items)
    replacement = current_app.config["REDACTION_REPLACEMENT"]
    published, pieces = published_text_mapped(item, replacement if replacement in REPLACEMENTS else "label")
    preview_text = published[
        _published_offset(pieces, part.start, len(published)) : _published_offset(
            pieces, part.end, len(published)
        )
    ]
    log = review.decision_log(item)
    return render_template(
        "review/story.html",
        story=item,
        transcript=review.transcript_review(item, current_app.config["TRANSCRIPT_LOW_CONFIDENCE"])
        if audio
        else None,
        listening=audio and review.has_listening_copy(item),
        segments=segments(item, part.start, part.end),
        timed_segments=[seg for seg in timed_segments if part.start <= seg.offset < part.end]
        if timed_segments
        else None,
        parts=all_parts,
        part=part,
        # Every form of a part's page says which part it came from, so the reviewer comes back to it.
        keep_part=Markup(f'<input type="hidden" name="part" value="{part.number}">')
        if len(all_parts) > 1
        else "",
        part_spans=sorted((s for s in item.spans if part.start <= s.start < part.end), key=lambda s: s.start),
        listen_items=items,
        shown_places=_places_by_part(items, all_parts, part),
        search=db.session.get(IdentifierSearch, item.id) if audio else None,
        needs_settling=listen_for.needs_settling(item),
        unsettled=len(listen_for.unsettled(item)),
        marks=listen_for.time_marks(item.id) if audio else [],
        preview_text=preview_text,
        preview_audio=audio and workbench.preview_copy(item.id) is not None,
        details_form=_details_form(item),
        how_names=listen_for.HOW,
        time_form=time_form,
        add_form=add_form,
        edit_form=edit_form,
        form=EmptyForm(),
        bulk_form=BulkDecisionForm(),
        pending=sum(1 for s in item.spans if s.decision == SpanDecision.PENDING),
        kinds=_kinds(item),
        labels=LABELS,
        source_names=SOURCE_NAMES,
        decision_marks=DECISION_MARKS,
        is_locked=is_locked,
        log=log[:LOG_SHOWN] if request.args.get("log") != "all" else log,
        log_total=len(log),
        unfinished=review.UNFINISHED if detection_unfinished(item) else None,
        detection=detect_report("", item.language or "en"),
    ), status


@dataclass(frozen=True)
class ShownPlaces:
    places: list  # the places of this part of the story (all of them for a story of one part)
    elsewhere: list[int]  # for each place in another part, that part's number


def _places_by_part(items, parts: list[workbench.Part], part: workbench.Part) -> dict[int, ShownPlaces]:
    """For each identifier of the listen-for list, the places said in this part of the recording, and
    in which other parts the rest are (a name said sixty times in half an hour is a long list)."""
    timed = [(p.seconds, p.number) for p in parts if p.seconds is not None]

    def part_of(seconds: float | None) -> int:
        """The last part beginning at or before ``seconds`` (this one when the times say nothing)."""
        if seconds is None or len(timed) < 2:
            return part.number
        at = bisect.bisect_right(timed, (seconds, len(parts) + 1)) - 1
        return timed[max(at, 0)][1]

    shown = {}
    for item in items:
        numbers = [part_of(place.start) for place in item.places]
        shown[item.identifier.id] = ShownPlaces(
            [place for place, n in zip(item.places, numbers, strict=True) if n == part.number],
            sorted(n for n in numbers if n != part.number),
        )
    return shown


def _kinds(item) -> list[tuple[str, int, int]]:
    """Each kind marked in the story, with how many of its spans there are and how many wait."""
    counts: dict[str, list[int]] = {}
    for span in item.spans:
        total_pending = counts.setdefault(span.kind, [0, 0])
        total_pending[0] += 1
        total_pending[1] += span.decision == SpanDecision.PENDING
    return [(kind, total, waiting) for kind, (total, waiting) in sorted(counts.items())]


@bp.route("/<story_id>/decisions", methods=["POST"])
@role_required(Role.REVIEWER)
def decisions(story_id: str):
    item = review.story_for_review(story_id)
    form = EmptyForm()
    if not form.validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    chosen: dict[int, str] = {}
    for span in item.spans:
        value = request.form.get(f"span-{span.id}")
        if value in (SpanDecision.ACCEPTED, SpanDecision.REJECTED):
            chosen[span.id] = value
    try:
        review.decide(item, chosen, current_user.id)
    except ValidationFailed as err:
        _flash_reasons(err)
    return _back(story_id)


@bp.route("/<story_id>/decisions/kind", methods=["POST"])
@role_required(Role.REVIEWER)
def decide_kind(story_id: str):
    """Accept or reject every span of one kind (exact known identifiers stay removed)."""
    item = review.story_for_review(story_id)
    form = BulkDecisionForm()
    if not form.validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    try:
        changed = review.decide_kind(item, form.kind.data or "", form.decision.data or "", current_user.id)
    except ValidationFailed as err:
        _flash_reasons(err)
    else:
        verb = "will be removed" if form.decision.data == SpanDecision.ACCEPTED else "will be kept"
        flash(f"{changed} span{'s' if changed != 1 else ''} of kind {form.kind.data} changed: all {verb}.")
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
        if (form.identifier.data or "").isdigit():
            listen_for.settle(item, int(form.identifier.data), "marked", current_user.id)
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
    typed = form.text.data or ""
    body = item.body or ""
    start, end = _bounds(form, len(body))
    try:
        dropped = review.edit_text(
            item,
            workbench.splice(body, start, end, typed) if (start, end) != (0, len(body)) else typed,
            current_user.id,
            current_app.config["MAX_STORY_CHARS"],
            base=form.base.data or "",
        )
    except review.TextChanged:
        # Someone saved a correction after this page was opened: keep both, overwrite neither.
        item = review.story_for_review(story_id)
        flash(
            "The text was changed by someone else after you opened this page, so your version was not "
            "saved. It is in the box below: compare it with the text above and save again.",
            "error",
        )
        return _review_page(item, form, 409, part_number=request.form.get("part", type=int), kept=True)
    except ValidationFailed as err:
        _flash_reasons(err)
    else:
        message = "Transcript saved." if item.kind == "audio" else "Text saved."
        if dropped:
            message += (
                f" {dropped} marked span{'s' if dropped != 1 else ''} covered edited words and were removed."
            )
        flash(message)
    return _back(story_id)


def _bounds(form: EditTextForm, length: int) -> tuple[int, int]:
    """The part of the text the edit form's box held: its start and end, or the whole text when the
    form did not say (or said something that is not a part of this text)."""
    try:
        start, end = int(form.part_start.data or 0), int(form.part_end.data or length)
    except ValueError:
        return 0, length
    return (start, end) if 0 <= start <= end <= length else (0, length)


@bp.route("/<story_id>/publish", methods=["POST"])
@role_required(Role.REVIEWER)
def publish(story_id: str):
    item = review.story_for_review(story_id)
    form = EmptyForm()
    if not form.validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    try:
        review.publish(
            item,
            current_user.id,
            current_app.config["REDACTION_REPLACEMENT"],
            read_every_word=request.form.get("read_every_word") == "y",
        )
    except ValidationFailed as err:
        _flash_reasons(err)
        return _back(story_id)
    if item.status != StoryStatus.PUBLISHED:
        flash(
            "The storyteller asked to read or hear their story before it is published: it is on their "
            "page now, and it is published as soon as they say yes there."
        )
        return redirect(url_for("review.queue"))
    flash("Published. Educators can now find this story.")
    return redirect(url_for("review.queue"))


@bp.route("/<story_id>/transcript", methods=["GET", "POST"])
@role_required(Role.REVIEWER)
def typed_transcript(story_id: str):
    """Type the transcript of a recording that has none (no speech model yet, or transcription failed)."""
    form = TypedTranscriptForm()
    if request.method == "GET":
        return _typing_page(review.story_awaiting_transcript(story_id), form)
    try:
        review.type_transcript(story_id, form.text.data or "", current_app.config["MAX_STORY_CHARS"])
    except ValidationFailed as err:
        db.session.rollback()
        apply_reasons(form, err.reasons)
        return _typing_page(review.story_awaiting_transcript(story_id), form, 400)
    except Conflict as err:
        # Someone or something got there first: hand the typed words back rather than lose them.
        db.session.rollback()
        flash(err.message, "error")
        item = db.session.get(Story, story_id)
        return _typing_page(review.AwaitingTranscript(item, None), form, 409, closed=True)
    flash("Transcript saved. Check the marked identifiers, then publish.")
    return _back(story_id)


def _typing_page(waiting: review.AwaitingTranscript, form: TypedTranscriptForm, status=200, closed=False):
    return render_template(
        "review/transcript.html",
        story=waiting.story,
        job=waiting.job,
        form=form,
        listening=review.has_listening_copy(waiting.story),
        closed=closed,
    ), status


@bp.route("/<story_id>/listen")
@role_required(Role.REVIEWER)
def listen(story_id: str):
    """Serve the story's listening copy to reviewers, with byte ranges so a player can seek.

    Never the original upload. Educators are refused by the role check: what they may hear comes with
    audio redaction, later.
    """
    return send_media(review.listening_copy(story_id))  # ranges for seeking, never cached


class DetailsForm(FlaskForm):
    title = StringField("Title", validators=[Length(max=200)])


def _details_form(item):
    form = DetailsForm(title=item.title)
    return form


def _tags(kind: str) -> list[Tag]:
    return list(
        db.session.scalars(
            db.select(Tag).where(Tag.kind == kind, Tag.controlled.is_(True)).order_by(Tag.label)
        )
    )


@bp.app_context_processor
def _workbench_globals():
    return {"controlled_tags": _tags}


@bp.route("/<story_id>/timings")
@role_required(Role.REVIEWER)
def timings(story_id: str):
    """The working text's word timings for the review page's player (places and times, no words)."""
    item = review.story_for_review(story_id)
    response = jsonify(workbench.timings_payload(item.body or "", workbench.words_of(item)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<story_id>/identifiers/<int:identifier_id>", methods=["POST"])
@role_required(Role.REVIEWER)
def settle(story_id: str, identifier_id: int):
    item = review.story_for_review(story_id)
    if not EmptyForm().validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    how = request.form.get("how", "")
    try:
        listen_for.settle(item, identifier_id, how, current_user.id)
    except ValidationFailed as err:
        _flash_reasons(err)
    else:
        flash(f"Settled: {listen_for.HOW.get(how, how)}.")
    return _back(story_id)


@bp.route("/<story_id>/listen-for", methods=["POST"])
@role_required(Role.REVIEWER)
def search_again(story_id: str):
    """Look for the known identifiers again, by sound and with the targeted pass."""
    item = review.story_for_review(story_id)
    if not EmptyForm().validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    added = workbench.search_again(item, current_user.id)
    flash(f"Searched again: {added} new place{'s' if added != 1 else ''} proposed.")
    return _back(story_id)


@bp.route("/<story_id>/time-marks", methods=["POST"])
@role_required(Role.REVIEWER)
def mark_time(story_id: str):
    item = review.story_for_review(story_id)
    form = TimeMarkForm()
    form.identifier.choices = [("", "")]
    if not form.validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    try:
        start, end = listen_for.parse_stretch(form.stretch.data or "")
        identifier = int(form.identifier.data) if (form.identifier.data or "").isdigit() else None
        listen_for.mark_time(item, start, end, form.kind.data or "", current_user.id, identifier)
    except ValidationFailed as err:
        _flash_reasons(err)
    else:
        flash("The stretch will be covered in the published recording.")
    return _back(story_id)


@bp.route("/<story_id>/details", methods=["POST"])
@role_required(Role.REVIEWER)
def details(story_id: str):
    """Correct the title, topics and content warnings (checked for known identifiers as at upload)."""
    item = review.story_for_review(story_id)
    form = DetailsForm()
    if not form.validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    now = details_of(item)
    wanted = now.__class__(
        title=form.title.data or "",
        topic_slugs=tuple(request.form.getlist("topics")),
        free_tags=now.free_tags,
        warning_slugs=tuple(request.form.getlist("warnings")),
        known=now.known,
    )
    try:
        done = correct_details(item, wanted, current_user.id)
    except ValidationFailed as err:
        db.session.rollback()
        _flash_reasons(err)
    except Conflict as err:
        db.session.rollback()
        flash(err.message, "error")
    else:
        flash("Details saved." if done.changed else "Nothing changed.")
    return _back(story_id)


@bp.route("/<story_id>/preview-audio", methods=["GET", "POST"])
@role_required(Role.REVIEWER)
def preview_audio(story_id: str):
    """Make (POST) or hear (GET) the redacted listening copy as it would be published."""
    item = review.story_for_review(story_id)
    if request.method == "GET":
        media = workbench.preview_copy(item.id)
        if media is None:
            flash("Make the redacted copy first.", "error")
            return _back(story_id)
        return send_media(media)
    if not EmptyForm().validate_on_submit():
        flash("The form had expired. Please try again.", "error")
        return _back(story_id)
    try:
        made = workbench.make_preview(item)
    except (AudioUnmappable, Conflict) as err:
        flash(err.message, "error")
    else:
        if made:
            flash("The redacted copy is ready: listen to it under “Before publishing”.")
        else:
            flash("This story has no timed recording to make a redacted copy of.", "error")
    return _back(story_id)
