"""The listen-for list: each known identifier of a recorded story, where it was found, and how the
reviewer settled it.

A recogniser rarely writes a name it does not know, so the transcript alone is no proof that a name
was not said. After transcription, two searches propose places (``propose``): the recognised words
that sound like an identifier (``ingest.soundalike``) and the targeted recogniser pass that listens
for the identifiers alone (``ingest.targeted_pass``). Each place becomes an undecided span of source
``sound`` whose rule names the identifier by its row id ("sounds like #12 ..."), never by its value.

The reviewer then settles every identifier: the places confirmed, the places where it is said marked
by hand (words, a selection, or a stretch of time), or "not said in this recording". A recorded story
with a timed transcript is not published while any identifier is unsettled (``unsettled``). The
decision log records each settlement with the reviewer and the identifier's kind, never the value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from archive.clock import parse_clock as read_clock
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.models import (
    IdentifierSearch,
    IdentifierSettlement,
    KnownIdentifier,
    RedactionSpan,
    SpanDecision,
    SpanKind,
    SpanSource,
    Story,
    TimeMark,
    Transcript,
    utcnow,
)

from . import soundalike
from .redaction import ROLE_KINDS, cipher, known_identifier_spans, log_event, mark_by_hand
from .targeted_pass import PassResult
from .transcript_edit import TimedWord, from_rows, is_typed

_TOKEN = re.compile(r"\S+")
_RULE = re.compile(r"^sounds like #(\d+)")
HOW = {"confirmed": "places confirmed", "marked": "marked by the reviewer", "not_said": "not said here"}


def rule_for(identifier_id: int, how: str) -> str:
    return f"sounds like #{identifier_id} ({how})"[:60]


def identifier_of(span: RedactionSpan) -> int | None:
    """The known identifier's row id a sound-alike span was proposed for, or None."""
    match = _RULE.match(span.rule or "") if span.source == SpanSource.SOUND else None
    return int(match.group(1)) if match else None


def word_places(text: str, words: Sequence[TimedWord]) -> list[tuple[int, int]] | None:
    """Each transcript word's characters in the working text; None if the text no longer matches."""
    found = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if [text[a:b] for a, b in found] != [w.word for w in words]:
        return None
    return found


def _kind(ki: KnownIdentifier) -> str:
    return ROLE_KINDS.get(ki.role, SpanKind.OTHER)


def propose(story: Story, search: PassResult | None = None) -> int:
    """Add a sound-alike span for every place where a known identifier may be said; return how many.

    ``search`` is the targeted pass over the recording (None when it did not run); it is kept for the
    review page. Places an existing span already covers are not proposed again. Does not commit.
    """
    transcript = db.session.get(Transcript, story.id)
    identifiers = list(story.identifiers)
    if transcript is None or not identifiers:
        return 0
    words = from_rows(transcript.words)
    places = word_places(story.body or "", words)
    if places is None or is_typed(words):
        return 0
    c = cipher()
    values = [c.decrypt(ki.value_encrypted) for ki in identifiers]
    found: list[tuple[int, int, int, str]] = []  # identifier index, first word, last word, how
    heard = [soundalike.Heard(w.word, w.start, w.end) for w in words]
    for place in soundalike.find(heard, values):
        how = place.rule.removeprefix("sounds like it (").rstrip(")")
        found.append((place.which, place.first, place.last, how))
    if search is not None:
        for hit in search.heard:
            inside = [i for i, w in enumerate(words) if w.timed and w.start < hit.end and hit.start < w.end]
            if inside:
                found.append((hit.which, inside[0], inside[-1], f"targeted pass, {hit.conf:.2f} sure"))
        _keep_search(story, search, identifiers)
    added = 0
    for which, first, last, how in found:
        start, end = places[first][0], places[last][1]
        ki = identifiers[which]
        if any(s.start <= start and end <= s.end for s in story.spans if s.decision != SpanDecision.REJECTED):
            continue
        if any(
            identifier_of(s) == ki.id and s.start < end and start < s.end for s in story.spans
        ):  # the other search found it too
            continue
        span = RedactionSpan(
            start=start, end=end, kind=_kind(ki), source=SpanSource.SOUND, rule=rule_for(ki.id, how)
        )
        story.spans.append(span)
        log_event(story, "proposed", None, span)
        added += 1
    return added


def _keep_search(story: Story, search: PassResult, identifiers: list[KnownIdentifier]) -> None:
    row = db.session.get(IdentifierSearch, story.id) or IdentifierSearch(story_id=story.id)
    row.ran_at = utcnow()
    row.model = search.model
    row.supported = search.supported
    row.note = search.note[:300]
    row.refused = [identifiers[i].id for i in search.refused]
    row.hits = [[identifiers[h.which].id, h.start, h.end, h.conf] for h in search.heard]
    db.session.add(row)


# ---------------------------------------------------------------------------------------------------
# The list as the review page shows it


@dataclass(frozen=True)
class Place:
    span_id: int | None
    mark_id: int | None
    start: float | None  # seconds
    end: float | None
    words: str
    rule: str
    decision: str


@dataclass(frozen=True)
class ListenFor:
    identifier: KnownIdentifier
    value: str  # shown to reviewers only
    places: list[Place]
    settlement: IdentifierSettlement | None
    refused: bool  # the targeted pass could not take its words


def listen_for_list(story: Story) -> list[ListenFor]:
    """Every known identifier of the story with the places it was found, and its settlement."""
    text = story.body or ""
    transcript = db.session.get(Transcript, story.id)
    words = from_rows(transcript.words) if transcript is not None else []
    places = word_places(text, words) or []
    search = db.session.get(IdentifierSearch, story.id)
    refused = set(search.refused or ()) if search is not None else set()
    settled = {
        s.identifier_id: s
        for s in db.session.scalars(
            select(IdentifierSettlement).where(IdentifierSettlement.story_id == story.id)
        )
    }
    marks = list(db.session.scalars(select(TimeMark).where(TimeMark.story_id == story.id)))
    c = cipher()
    out = []
    for ki in story.identifiers:
        value = c.decrypt(ki.value_encrypted)
        exact = known_identifier_spans(text, [(ki.role, value)])
        found = []
        for span in sorted(story.spans, key=lambda s: s.start):
            mine = identifier_of(span) == ki.id or (
                span.source in (SpanSource.KNOWN, SpanSource.MANUAL)
                and any(e.start < span.end and span.start < e.end for e in exact)
            )
            if not mine:
                continue
            times = [words[i] for i, (a, b) in enumerate(places) if a < span.end and span.start < b]
            timed = [w for w in times if w.timed]
            found.append(
                Place(
                    span.id,
                    None,
                    timed[0].start if timed else None,
                    timed[-1].end if timed else None,
                    text[span.start : span.end],
                    span.rule or span.source,
                    span.decision,
                )
            )
        for mark in marks:
            if mark.identifier_id == ki.id:
                found.append(Place(None, mark.id, mark.start_s, mark.end_s, "", "marked by time", "accepted"))
        out.append(ListenFor(ki, value, found, settled.get(ki.id), ki.id in refused))
    return out


def needs_settling(story: Story) -> bool:
    """Whether the story's known identifiers must be settled before publication: a recording whose
    transcript kept its timings (a typed transcript publishes no recording)."""
    if story.kind != "audio":
        return False
    transcript = db.session.get(Transcript, story.id)
    return transcript is not None and not is_typed(from_rows(transcript.words))


def unsettled(story: Story) -> list[KnownIdentifier]:
    """The known identifiers of a recorded story no reviewer has settled yet."""
    if not needs_settling(story):
        return []
    done = set(
        db.session.scalars(
            select(IdentifierSettlement.identifier_id).where(IdentifierSettlement.story_id == story.id)
        )
    )
    return [ki for ki in story.identifiers if ki.id not in done]


# ---------------------------------------------------------------------------------------------------
# Settling


def _identifier(story: Story, identifier_id: int) -> KnownIdentifier:
    for ki in story.identifiers:
        if ki.id == identifier_id:
            return ki
    raise ValidationFailed({"identifier": ["The page was out of date. Please reload it."]})


def settle(story: Story, identifier_id: int, how: str, reviewer_id: int) -> int:
    """Settle one known identifier; return how many proposed places changed. Commits.

    ``confirmed``: every place proposed for it is accepted (there must be one). ``not_said``: the
    proposals are rejected; spans of the identifier found exactly in the text stay removed. ``marked``:
    the reviewer marked where it is said (a span or a stretch of time must be there).
    """
    if how not in HOW:
        raise ValidationFailed({"how": ["Choose how this identifier is settled."]})
    ki = _identifier(story, identifier_id)
    mine = [s for s in story.spans if identifier_of(s) == ki.id]
    now, changed = utcnow(), 0
    if how == "confirmed":
        item = next(i for i in listen_for_list(story) if i.identifier.id == ki.id)
        if not item.places:
            raise ValidationFailed(
                {"how": ["No place was found for it: mark where it is said, or say it is not said."]}
            )
        target = SpanDecision.ACCEPTED
    elif how == "not_said":
        target = SpanDecision.REJECTED
    else:
        by_time = db.session.scalar(
            select(TimeMark.id).where(TimeMark.story_id == story.id, TimeMark.identifier_id == ki.id).limit(1)
        )
        by_hand = any(
            s.source == SpanSource.MANUAL and s.decision == SpanDecision.ACCEPTED for s in story.spans
        )
        if by_time is None and not by_hand:
            raise ValidationFailed({"how": ["Mark where it is said first (words, a selection, or a time)."]})
        target = None
    for span in mine:
        if target is not None and span.decision != target:
            span.decision, span.decided_by_id, span.decided_at = target, reviewer_id, now
            log_event(story, target, reviewer_id, span)
            changed += 1
    row = db.session.scalar(select(IdentifierSettlement).where(IdentifierSettlement.identifier_id == ki.id))
    if row is None:
        row = IdentifierSettlement(story_id=story.id, identifier_id=ki.id, how=how)
        db.session.add(row)
    row.how, row.settled_by_id, row.settled_at = how, reviewer_id, now
    log_event(story, f"settled: {how.replace('_', ' ')}", reviewer_id, kind=_kind(ki))
    db.session.commit()
    return changed


STRETCH_HELP = "Give the stretch as m:ss-m:ss, for example 1:05-1:08."


def parse_clock(value: str) -> float:
    """Seconds from "m:ss", "m:ss.s" or plain seconds; ValidationFailed otherwise."""
    try:
        return read_clock(value or "")
    except ValueError:
        raise ValidationFailed(
            {"stretch": ["Give the stretch as m:ss-m:ss, for example 1:05-1:08."]}
        ) from None


def parse_stretch(value: str) -> tuple[float, float]:
    """Read "m:ss-m:ss" (a hyphen or a dash) as start and end seconds."""
    parts = re.split(r"\s*[-–—]\s*", (value or "").strip())
    if len(parts) != 2:
        raise ValidationFailed({"stretch": ["Give the stretch as m:ss-m:ss, for example 1:05-1:08."]})
    return parse_clock(parts[0]), parse_clock(parts[1])


def mark_time(
    story: Story, start: float, end: float, kind: str, reviewer_id: int, identifier_id: int | None = None
) -> TimeMark:
    """Mark a stretch of the recording for covering, words or not; settle ``identifier_id`` as marked.

    Words heard inside the stretch are marked in the text too (accepted), so the published text and
    the published recording agree. Commits.
    """
    transcript = db.session.get(Transcript, story.id)
    if story.kind != "audio" or transcript is None:
        raise ValidationFailed({"stretch": ["Only a recording can be marked by time."]})
    if kind not in {k.value for k in SpanKind}:
        raise ValidationFailed({"kind": ["Choose what kind of identifier this is."]})
    duration = transcript.duration_s or 0.0
    if not (0 <= start < end) or (duration and start >= duration):
        raise ValidationFailed({"stretch": ["The stretch must start before it ends, inside the recording."]})
    end = min(end, duration) if duration else end
    ki = _identifier(story, identifier_id) if identifier_id is not None else None
    mark = TimeMark(
        story_id=story.id,
        start_s=round(start, 3),
        end_s=round(end, 3),
        kind=kind,
        identifier_id=ki.id if ki else None,
        created_by_id=reviewer_id,
    )
    db.session.add(mark)
    words = from_rows(transcript.words)
    places = word_places(story.body or "", words)
    if places:
        inside = [i for i, w in enumerate(words) if w.timed and w.start < end and start < w.end]
        if inside:
            a, b = places[inside[0]][0], places[inside[-1]][1]
            if not any(
                s.start <= a and b <= s.end and s.decision == SpanDecision.ACCEPTED for s in story.spans
            ):
                mark_by_hand(story, a, b, kind, reviewer_id)
    log_event(story, "marked by time", reviewer_id, kind=kind)
    if ki is not None:
        row = db.session.scalar(
            select(IdentifierSettlement).where(IdentifierSettlement.identifier_id == ki.id)
        )
        if row is None:
            row = IdentifierSettlement(story_id=story.id, identifier_id=ki.id, how="marked")
            db.session.add(row)
        row.how, row.settled_by_id, row.settled_at = "marked", reviewer_id, utcnow()
        log_event(story, "settled: marked", reviewer_id, kind=kind)
    db.session.commit()
    return mark


def time_marks(story_id: str) -> list[TimeMark]:
    return list(
        db.session.scalars(select(TimeMark).where(TimeMark.story_id == story_id).order_by(TimeMark.start_s))
    )
