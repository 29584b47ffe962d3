"""Patients reach their own story with the code and secret on their consent card; no account needed.

Failed attempts are limited per code and per address, and the answer to a wrong code is the same as to
a wrong secret, so nobody can learn which codes exist.
"""

from __future__ import annotations

import hmac
import math
import time

from flask import current_app, session
from flask_babel import gettext, ngettext
from sqlalchemy import select, update

from archive import ratelimit
from archive.crypto import keyed_digest, normalise_code, verify_secret
from archive.errors import RateLimited, ValidationFailed
from archive.extensions import db
from archive.models import Consent, ConsentStatus

from .changes import N_

_SESSION_KEY = "self_service"

# Messages are kept in English here and translated where they are shown (``gettext(WRONG)``), so
# tests and logs can name them; ``N_`` marks them for the catalogue.
WRONG = N_("That code and secret do not match. Check the card and try again.")
LOCKED = N_(
    "Too many attempts. For your safety this is locked for a while. Please try again in %(wait)s, "
    "or ask the health worker who recorded your story."
)


def locked_message(wait_seconds: int) -> str:
    """Say how long to wait, in the words (and the language) a patient would use."""
    minutes = max(1, math.ceil(wait_seconds / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        wait = ngettext("%(num)d hour", "%(num)d hours", hours)
    else:
        wait = ngettext("%(num)d minute", "%(num)d minutes", minutes)
    return gettext(LOCKED, wait=wait)


def verify(raw_code: str, secret: str, address: str) -> Consent:
    """Return the consent for a correct code and secret; raise ValidationFailed or RateLimited.

    The attempt is reserved before the secret is checked (``ratelimit.reserve``). Past the free
    failures the code asks for growing waits, counted from the last failure of this code *from this
    address*: a stranger guessing elsewhere never holds back the storyteller with the right secret.
    The address has its own limit over every code.
    """
    cfg = current_app.config
    code = normalise_code(raw_code)
    window = cfg["SELF_SERVICE_WINDOW_SECONDS"]
    code_key = ratelimit.attempt_key("consent-code", code)
    pair_key = ratelimit.attempt_key("consent-code-addr", f"{code}|{address}")
    addr_key = ratelimit.attempt_key("consent-addr", address)
    reservation = ratelimit.reserve(
        [
            ratelimit.Limit(code_key, cfg["SELF_SERVICE_MAX_FAILURES_PER_CODE"], clock=pair_key),
            ratelimit.Limit(addr_key, cfg["SELF_SERVICE_MAX_FAILURES_PER_ADDRESS"]),
        ],
        window,
    )
    if reservation.wait:
        raise RateLimited(locked_message(reservation.wait))
    consent = db.session.scalar(select(Consent).where(Consent.code == code)) if code else None
    # Secrets use the code's alphabet, so any separator people type or paste can go the same way.
    secret = normalise_code(secret)
    # verify_secret spends the same time whether or not the code exists.
    ok = verify_secret(consent.secret_hash if consent else None, secret)
    if not ok or consent is None:
        raise ValidationFailed({"": [gettext(WRONG)]})  # the reserved rows stay: the failure
    ratelimit.succeeded(reservation, [code_key, pair_key])
    return consent


def _secret_mark(consent: Consent) -> str:
    """A short keyed digest of the consent's current secret hash and session generation: a new secret,
    or a sign-out, ends every sign-in made before."""
    return keyed_digest(
        current_app.config["SECRET_KEY"],
        f"consent-secret:{consent.secret_hash}:{consent.session_generation or 0}",
    )[:16]


def sign_in(consent: Consent) -> None:
    """Remember for a short while that this browser proved the code and secret."""
    session[_SESSION_KEY] = {"consent": consent.id, "at": int(time.time()), "key": _secret_mark(consent)}


def sign_out() -> None:
    """End this browser's sign-in on the server too (committed): every sign-in made with this card
    before now, on any browser and in any copy of the cookie, stops working."""
    consent = signed_in_consent()
    if consent is not None:
        db.session.execute(
            update(Consent)
            .where(Consent.id == consent.id)
            .values(session_generation=Consent.session_generation + 1)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    _forget()


def _forget() -> None:
    """Forget this browser's sign-in (it has ended already, or never was)."""
    session.pop(_SESSION_KEY, None)


def signed_in_consent() -> Consent | None:
    """Return the consent this browser proved recently, or None."""
    data = session.get(_SESSION_KEY)
    if not isinstance(data, dict):
        return None
    if time.time() - data.get("at", 0) > current_app.config["SELF_SERVICE_SESSION_SECONDS"]:
        _forget()
        return None
    consent = db.session.get(Consent, data.get("consent", ""))
    # A secret reset by staff ends every sign-in made with the old one (a lost card may be in use).
    if consent is None or not hmac.compare_digest(str(data.get("key", "")), _secret_mark(consent)):
        _forget()
        return None
    return consent


def is_withdrawn(consent: Consent) -> bool:
    """Say whether the consent was withdrawn (its story is gone)."""
    return consent.status == ConsentStatus.WITHDRAWN
