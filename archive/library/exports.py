"""What leaves the archive as a file: citations, transcript exports (plain text, WebVTT, SRT) and the
consent terms every export carries.

Every builder here reads the story as it is now; the views call them only after the publication rule
has allowed the story, so an export is always made from what the consent allows at that moment, never
from anything kept from an earlier export.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask import current_app, url_for
from sqlalchemy import select

from archive.clock import timestamp
from archive.extensions import db
from archive.models import Story, Transcript

# Printed at the top and bottom of every export, in these words (the packet's and the transcripts').
CONSENT_TERMS = (
    "Shared with the storytellers' consent for teaching; stories withdrawn or narrowed since are left out."
)
STORY_TERMS = (
    "Shared with the storyteller's consent for teaching. Names, places and other identifiers are "
    "replaced by labels (or names by made-up ones). Use it for teaching only; if the storyteller "
    "withdraws or narrows their consent, delete this copy."
)

# A cue is at most this long, in seconds and in characters (two subtitle lines of 42).
CUE_MAX_SECONDS = 7.0
CUE_MAX_CHARS = 84
# A sentence end closes a cue once the cue has this share of its limits: short cues only where the
# sentence is short, never a cue of one word because a sentence ended just after the previous cue.
_SENTENCE_SHARE = 0.4
_SENTENCE_END = re.compile(r"[.!?…。？！।؟]['\"”’)\]]*$")


def citation(story: Story, accessed: date) -> str:
    """Return the citation line of a published story, with its stable URL and the day it was accessed.

    ``"Title". Story told by an anonymous storyteller, recorded (or written down) with consent for teaching.
    story-archive, published YYYY-MM-DD. <URL>. Accessed YYYY-MM-DD.`` Needs a request or an app
    context with ``SERVER_NAME`` (for the URL).
    """
    told = "recorded" if story.kind == "audio" else "written down"
    published = story.published_at.date().isoformat() if story.published_at else "undated"
    url = url_for("library.story", story_id=story.id, _external=True)
    return (
        f'"{story.title}". Story told by an anonymous storyteller, {told} with consent for teaching. '
        f"{current_app.config['ORGANIZATION_NAME']}, published {published}. {url}. "
        f"Accessed {accessed.isoformat()}."
    )


TYPED = "Typed by the health worker who took the story in, then read and checked by a reviewer."
RECOGNISED = (
    "Transcript made by a speech recogniser, then checked against the recording and corrected by a reviewer."
)
TYPED_BY_REVIEWER = "Transcript typed by a reviewer while listening to the recording."
NAMES_CHANGED = "Names changed: the people in it have made-up names; places and other identifiers are labels."


def provenance(story: Story) -> str:
    """Say who made the text educators read: typed at ingest, or a recording's transcript made by the
    speech recogniser (and checked by a reviewer) or typed by a reviewer by ear. Every published story
    was checked by a person. Only the transcript's model column is read, never its words. A story whose
    people were given made-up names says so (``NAMES_CHANGED``)."""
    if story.kind != "audio":
        made = TYPED
    else:
        model = db.session.execute(select(Transcript.model).where(Transcript.story_id == story.id)).first()
        made = TYPED_BY_REVIEWER if model is not None and model[0] is None else RECOGNISED
    return f"{made} {NAMES_CHANGED}" if story.names_changed else made


@dataclass(frozen=True)
class Cue:
    """One subtitle: from ``start`` to ``end`` seconds, showing ``text``."""

    start: float
    end: float
    text: str


def cues(text: str, timings: Sequence[Sequence] | None) -> list[Cue]:
    """Group a published text's timed words into cues of at most ~7 s and ~84 characters.

    A cue closes at a sentence end once it is long enough, and always before a word that would take
    it past either limit. Each cue's text runs from its first word to the next cue's first word, so
    words without timings (typed in by a reviewer) and punctuation are kept in the cue they fall in,
    and the cues together hold the whole text. Times never go backwards: a redaction label timed over
    the words it hides may overlap its neighbours, so a cue starts no earlier than the previous one
    ends.
    """
    if not timings:
        return []
    groups: list[list[Sequence]] = [[]]
    for entry in timings:
        group = groups[-1]
        if group and (entry[3] - group[0][2] > CUE_MAX_SECONDS or entry[1] - group[0][0] > CUE_MAX_CHARS):
            group = []
            groups.append(group)
        group.append(entry)
        span = entry[3] - group[0][2]
        width = entry[1] - group[0][0]
        ends_sentence = _SENTENCE_END.search(text[entry[0] : entry[1]]) is not None
        long_enough = span >= _SENTENCE_SHARE * CUE_MAX_SECONDS or width >= _SENTENCE_SHARE * CUE_MAX_CHARS
        if ends_sentence and long_enough:
            groups.append([])
    groups = [g for g in groups if g]
    starts = [0] + [g[0][0] for g in groups[1:]] + [len(text)]
    result: list[Cue] = []
    previous_end = 0.0
    for i, group in enumerate(groups):
        words = " ".join(text[starts[i] : starts[i + 1]].split())
        start = max(float(min(e[2] for e in group)), previous_end)
        end = max(float(max(e[3] for e in group)), start + 0.001)
        result.append(Cue(start, end, words))
        previous_end = end
    return [c for c in result if c.text]


def _note(lines: Sequence[str]) -> str:
    # "-->" may not appear in a WebVTT NOTE (it would end the block); blank lines would too.
    return "\n".join(" ".join(line.replace("-->", "->").split()) for line in lines if line.strip())


def webvtt(story: Story, exported: date, cite: str) -> str:
    """Return the story's published transcript as WebVTT, with a NOTE block of date and terms."""
    note = _note(
        [
            f"Exported {exported.isoformat()} from {current_app.config['ORGANIZATION_NAME']}.",
            provenance(story),
            STORY_TERMS,
            cite,
        ]
    )
    parts = ["WEBVTT", f"NOTE\n{note}"]
    for i, cue in enumerate(cues(story.published_text or "", story.published_timings), start=1):
        parts.append(f"{i}\n{timestamp(cue.start, '.')} --> {timestamp(cue.end, '.')}\n{_cue_text(cue.text)}")
    return "\n\n".join(parts) + "\n"


def srt(story: Story) -> str:
    """Return the story's published transcript as SRT.

    SRT has no comments, and a cue holding the date and terms would be shown over the recording as a
    subtitle, so they are left out here; the file's name carries the export date, and the plain-text
    and WebVTT exports carry the terms.
    """
    parts = []
    for i, cue in enumerate(cues(story.published_text or "", story.published_timings), start=1):
        parts.append(f"{i}\n{timestamp(cue.start, ',')} --> {timestamp(cue.end, ',')}\n{_cue_text(cue.text)}")
    return "\n\n".join(parts) + "\n"


def _cue_text(text: str) -> str:
    # A cue's text may not hold "-->" or a blank line; ours is one line already.
    return text.replace("-->", "->")


def plain_text(story: Story, exported: date, cite: str) -> str:
    """Return the story's published text with a header of title, citation, date and terms."""
    header = [
        story.title,
        "",
        cite,
        f"Exported {exported.isoformat()} from {current_app.config['ORGANIZATION_NAME']}.",
        provenance(story),
        STORY_TERMS,
        "",
        "-" * 40,
        "",
    ]
    return "\n".join(header) + (story.published_text or "").replace("\r\n", "\n").rstrip("\n") + "\n"
