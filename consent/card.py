"""The consent card: what the storyteller (or their guardian) takes home, printed in the language they
read (``Consent.storyteller_language``), shown once with its secret.

It says what was agreed (the uses, what may be used, the period), when, how to reach the archive
(the ``CONTACT`` setting), and the code and secret that open their pages. A consent a guardian gave
gets the guardian's version: it speaks to the guardian about the story of the person in their care.
The card is rendered apart from the staff page around it, so the page stays in English while the card
is in the storyteller's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import force_locale
from markupsafe import Markup

from archive.i18n import N_, reader_language
from archive.models import Story

from .records import GUARDIAN_METHODS

# How consent was given, as the card says it to the one holding it.
CARD_METHOD_WORDS = {
    "signed": N_("You signed the consent form."),
    "thumbprint": N_("You gave your thumbprint on the consent form, with a witness."),
    "verbal_recorded": N_("You said yes aloud, and it was recorded."),
    "guardian": N_("You agreed as the guardian of a child, with a witness."),
    "guardian_adult": N_("You agreed as the guardian of an adult who cannot agree themself, with a witness."),
}


def for_guardian(story: Story) -> bool:
    """Whether the card speaks to a guardian (who consented for the storyteller) rather than to them."""
    return story.consent.method in GUARDIAN_METHODS


@dataclass(frozen=True)
class Card:
    """A rendered card, the language it is in, and whether it is the guardian's version."""

    html: Markup
    language: str
    guardian: bool

    def __html__(self) -> str:
        return self.html


def consent_card(story: Story, secret: str) -> Card:
    """The card for ``story``'s consent with its one-time ``secret``, in the storyteller's language."""
    consent = story.consent
    language = reader_language(consent.storyteller_language or story.language)
    with force_locale(language):
        html = Markup(
            render_template(
                "consent/_card.html",
                story=story,
                consent=consent,
                secret=secret,
                card_lang=language,
                guardian=for_guardian(story),
                method_words=CARD_METHOD_WORDS.get(consent.method, ""),
                contact=(current_app.config.get("CONTACT") or "").strip(),
            )
        )
    return Card(html, language, for_guardian(story))
