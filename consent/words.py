"""The storyteller's words for the terms of their consent and for what happened to it, translated
into the language of their page (the catalogues in ``translations/``).

The consent's record keeps codes ("teaching", "withdrawn", "patient_web") and structured details
(``consent.events``); these tables turn each into plain words: ``consent_words`` and ``event_detail``
are template filters, and ``history_line`` says one event of the audit trail as a whole sentence.
"""

from __future__ import annotations

from flask_babel import format_date, gettext

from archive.models import ConsentEvent, Modality, Purpose

from .changes import N_
from .events import EventDetails, PeriodEnd

# The words a storyteller reads for each use and each kind of material.
PURPOSE_WORDS = {
    Purpose.TEACHING: N_("teaching health workers in a closed course"),
    Purpose.PUBLIC: N_("a library open to the public"),
    Purpose.RESEARCH: N_("research"),
}
MODALITY_WORDS = {
    Modality.TEXT: N_("the written story"),
    Modality.AUDIO: N_("the recording of your voice"),
}
METHOD_WORDS = {
    "signed": N_("you signed a form"),
    "thumbprint": N_("you gave your thumbprint"),
    "verbal_recorded": N_("you said yes aloud and it was recorded"),
    "guardian": N_("your guardian agreed for you, with a witness"),
    "guardian_adult": N_("a guardian agreed for you, because you could not agree yourself, with a witness"),
}
# What happened, as one whole sentence for each kind of event, who gave the consent (the storyteller
# or a guardian for them) and who acted (the storyteller on this website, a health worker, an
# administrator, a reviewer, or the archive itself): a sentence per case, so every language can say it
# in its own grammar. Staff are named by their role only, never by name.
YOU, GUARDIAN = "you", "guardian"
SELF, HEALTH_WORKER, ADMINISTRATOR, REVIEWER, ARCHIVE = "self", "facilitator", "admin", "reviewer", "archive"
HISTORY = {
    ("granted", YOU, HEALTH_WORKER): N_("You gave your consent to a health worker"),
    ("granted", YOU, ADMINISTRATOR): N_("You gave your consent to an administrator"),
    ("granted", YOU, ARCHIVE): N_("You gave your consent"),
    ("granted", GUARDIAN, HEALTH_WORKER): N_("A guardian gave consent for you to a health worker"),
    ("granted", GUARDIAN, ADMINISTRATOR): N_("A guardian gave consent for you to an administrator"),
    ("granted", GUARDIAN, ARCHIVE): N_("A guardian gave consent for you"),
    ("renewed", YOU, HEALTH_WORKER): N_("You gave your consent again, to a health worker"),
    ("renewed", YOU, ADMINISTRATOR): N_("You gave your consent again, to an administrator"),
    ("renewed", GUARDIAN, HEALTH_WORKER): N_("A guardian gave consent for you again, to a health worker"),
    ("renewed", GUARDIAN, ADMINISTRATOR): N_("A guardian gave consent for you again, to an administrator"),
    ("viewed", YOU, SELF): N_("You opened your story's page on this website"),
    ("changed", YOU, SELF): N_("You changed your consent on this website"),
    ("changed", YOU, HEALTH_WORKER): N_("A health worker changed your consent, as you asked"),
    ("changed", YOU, ADMINISTRATOR): N_("An administrator changed your consent, as you asked"),
    ("changed", YOU, ARCHIVE): N_("The archive changed your consent, as its rules say"),
    ("withdrawn", YOU, SELF): N_("You took your story back on this website"),
    ("withdrawn", YOU, HEALTH_WORKER): N_("A health worker took your story back, as you asked"),
    ("withdrawn", YOU, ADMINISTRATOR): N_("An administrator took your story back, as you asked"),
    ("withdrawn", YOU, ARCHIVE): N_("Your story was taken back, because the time you agreed to had ended"),
    ("expired", YOU, ARCHIVE): N_("The time you agreed to ended"),
    ("secret_reset", YOU, HEALTH_WORKER): N_("A health worker gave you a new secret"),
    ("secret_reset", YOU, ADMINISTRATOR): N_("An administrator gave you a new secret"),
    ("secret_reset", YOU, ARCHIVE): N_("You were given a new secret"),
    ("reconsent_due", YOU, ARCHIVE): N_("You were asked to give your consent again"),
    ("approval_asked", YOU, REVIEWER): N_("A reviewer sent you your story to read before it is published"),
    ("approval_asked", YOU, ADMINISTRATOR): N_(
        "An administrator sent you your story to read before it is published"
    ),
    ("approval_asked", YOU, ARCHIVE): N_("Your story was sent to you to read before it is published"),
    ("approved", YOU, SELF): N_("You said on this website that your story may be published"),
}
# Who acted, as the history says it; any other role (or none) reads as the archive itself.
ACTORS = {"admin": ADMINISTRATOR, "facilitator": HEALTH_WORKER, "reviewer": REVIEWER}
# Where the history has no sentence for an actor, the nearest one that is true.
_FALLBACK_ACTORS = {SELF: ARCHIVE, REVIEWER: HEALTH_WORKER, HEALTH_WORKER: ARCHIVE, ADMINISTRATOR: ARCHIVE}
GRANTING = ("granted", "renewed")


def actor_of(event, roles: dict[int, str]) -> str:
    """Who acted in ``event``, as the history says it (``roles``: the staff ids' roles)."""
    if event.channel == "patient_web":
        return SELF
    return ACTORS.get(roles.get(event.actor_id), ARCHIVE)


def givers(events: list, method: str) -> dict[int, str]:
    """For each consent given (or given again) in ``events`` (oldest first), whether the storyteller or a
    guardian gave it: the last one by the consent's method now, an earlier one by a guardian when a
    later renewal says the storyteller came of age, else as the last."""
    out: dict[int, str] = {}
    now = GUARDIAN if method in ("guardian", "guardian_adult") else YOU
    for i, event in enumerate(events):
        if event.event not in GRANTING:
            continue
        later = [e for e in events[i + 1 :] if e.event == "renewed"]
        if not later:
            out[event.id] = now
        elif any(EventDetails.from_json(e.details).came_of_age for e in later):
            out[event.id] = GUARDIAN
        else:
            out[event.id] = now
    return out


def history_line(event, actor: str, giver: str = YOU) -> str:
    """One line of "What happened" in the storyteller's words: the event as a whole sentence, with its
    detail (what changed, in the consent's own terms) in brackets."""
    subject = giver if event.event in GRANTING else YOU
    key = (event.event, subject, actor)
    while key not in HISTORY and key[2] in _FALLBACK_ACTORS:
        key = (event.event, subject, _FALLBACK_ACTORS[key[2]])
    words = gettext(HISTORY[key]) if key in HISTORY else event.event
    detail = event_detail(event)
    return f"{words} ({detail})" if detail else words


def consent_words(value: str, table: str) -> str:
    """Translate a consent term (a purpose, a method, an event ...) into the storyteller's words."""
    words = {"purpose": PURPOSE_WORDS, "modality": MODALITY_WORDS, "method": METHOD_WORDS}[table]
    return gettext(words[value]) if value in words else value


def event_detail(event: ConsentEvent) -> str:
    """Say what an event changed, in the storyteller's words ("" when it changed nothing to tell)."""
    details = EventDetails.from_json(event.details)
    words = []
    if details.removed is not None:
        table = "purpose" if details.removed in set(Purpose) else "modality"
        words.append(gettext("removed: %(what)s", what=consent_words(details.removed, table)))
    if details.form_version is not None:
        words.append(gettext("consent form version %(version)s", version=details.form_version))
    if details.came_of_age:
        words.append(gettext("given by you, now that you have come of age"))
    if details.came_of_age_on is not None:
        words.append(gettext("you came of age on %(date)s", date=format_date(details.came_of_age_on, "long")))
    if details.period == PeriodEnd.ENDED_NOW:
        words.append(gettext("ended now"))
    elif details.period == PeriodEnd.NO_END:
        words.append(gettext("no end date"))
    elif details.period == PeriodEnd.ENDS and details.ends_on is not None:
        words.append(gettext("last day: %(date)s", date=format_date(details.ends_on, "long")))
    if details.ended_on is not None:
        words.append(gettext("ended on %(date)s", date=format_date(details.ended_on, "long")))
    return "; ".join(words)
