"""Times in a recording, read and written the one way the archive shows them.

``clock`` writes a time as a listener reads it (the pages, the clip forms, the search CSV, the
reviewer's page with hundredths), ``parse_clock`` reads one typed back, ``seconds_param`` writes one
into a link (``?t=12.5``), and ``timestamp`` writes one into a subtitle file (WebVTT, SRT).
"""

from __future__ import annotations

import re


def clock(seconds: float | None, decimals: int = 0) -> str:
    """Return ``seconds`` as a listener reads a time: 0:12, 4:05, 1:02:03 ("" for None).

    With ``decimals`` the seconds keep that many decimals (4:05.25), rounded; without, the time is cut
    to the whole second it falls in, so a word said at 4:05.9 is found by listening from 4:05.
    """
    if seconds is None:
        return ""
    value = max(0.0, float(seconds))
    if decimals:
        value = round(value, decimals)
    hours, rest = divmod(int(value), 3600)
    minutes, whole = divmod(rest, 60)
    if decimals:
        secs = f"{value - hours * 3600 - minutes * 60:0{3 + decimals}.{decimals}f}"
    else:
        secs = f"{whole:02d}"
    return f"{hours}:{minutes:02d}:{secs}" if hours else f"{minutes}:{secs}"


_CLOCK = re.compile(r"^(?:(\d{1,2}):)?(?:(\d{1,3}):)?(\d{1,5}(?:[.,]\d{1,3})?)$")


def parse_clock(raw: str) -> float:
    """Read a time typed as ``m:ss``, ``h:mm:ss`` or seconds (``75``, ``1:15.5``); raise ValueError."""
    text = raw.strip()
    match = _CLOCK.match(text)
    if not match:
        raise ValueError(text)
    first, second, seconds = match.groups()
    if first is not None and second is not None:
        hours, minutes = int(first), int(second)
    else:
        hours, minutes = 0, int(first or 0)
    value = float(seconds.replace(",", "."))
    if (first is not None and value >= 60) or (second is not None and minutes >= 60):
        raise ValueError(text)
    return hours * 3600 + minutes * 60 + value


def seconds_param(seconds: float) -> str:
    """Return ``seconds`` as a URL writes it (``t=12``, ``t=12.5``): short, and stable for a given time."""
    return f"{seconds:.2f}".rstrip("0").rstrip(".")


def timestamp(seconds: float, separator: str) -> str:
    """Return ``seconds`` as a subtitle file writes a time: ``00:04:05.250`` (WebVTT, ``separator``
    ".") or ``00:04:05,250`` (SRT, ",")."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def duration(seconds: float | None) -> str:
    """Return how long a recording lasts as a reader takes it in at a glance: "45 s", "12 min",
    "1 h 05 min" (whole minutes rounded; "" for None)."""
    if seconds is None:
        return ""
    value = max(0, round(float(seconds)))
    if value < 60:
        return f"{value} s"
    minutes = round(value / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
