"""The storyteller's words for the terms of their consent and for what happened to it, translated
into the language of their page (the catalogues in ``translations/``).

The consent's record keeps codes ("teaching", "withdrawn", "patient_web") and structured details
(``consent.events``); these tables turn each into plain words, and ``consent_words`` and
``event_detail`` are the template filters that do it.
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
EVENT_WORDS = {
    "granted": N_("You gave your consent"),
    "viewed": N_("You opened this page"),
    "changed": N_("Your consent was changed"),
    "withdrawn": N_("Your story was taken back"),
    "expired": N_("The time you agreed to ended"),
    "secret_reset": N_("You were given a new secret"),
    "reconsent_due": N_("You were asked to give your consent again"),
    "renewed": N_("You gave your consent again"),
}
# Who acted, by role only: storytellers see no staff names.
ACTOR_WORDS = {
    "patient_web": N_("by you, on this website"),
    "admin": N_("by an administrator"),
    "facilitator": N_("by a health worker"),
    "reviewer": N_("by a reviewer"),
}


def consent_words(value: str, table: str) -> str:
    """Translate a consent term (a purpose, a method, an event ...) into the storyteller's words."""
    words = {
        "purpose": PURPOSE_WORDS,
        "modality": MODALITY_WORDS,
        "method": METHOD_WORDS,
        "event": EVENT_WORDS,
    }[table]
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
