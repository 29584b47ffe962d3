"""Patient self-service: the code and secret on the consent card open the story, nothing else does.

Wrong secrets and unknown codes look alike, failures are limited per code and per address, the sign-in
expires, and taking the story back needs a confirmed POST with a CSRF token.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import String, cast, func, or_, select, update

from archive.extensions import db
from archive.models import Consent, ConsentEvent, FailedAttempt, Story, utcnow
from consent.selfservice import WRONG
from consent.withdrawal import withdraw
from tests.fixtures.stories import STORY, Card


@pytest.fixture
def card(published_card) -> Card:
    """Grant consent (teaching, text) and publish a story under it through the services; return the
    printed card."""
    return published_card(purposes=("teaching",))


def other_code(code: str) -> str:
    """A well-formed code that belongs to nobody."""
    return ("ZZZZ-ZZZZ", "YYYY-YYYY")[code.startswith("ZZZZ")]


def wrong_secret(secret: str) -> str:
    return ("A" if secret[0] != "A" else "B") + secret[1:]


def attempt(client, code: str, secret: str, address: str = "127.0.0.1"):
    return client.submit(
        "/consent/",
        {"code": code, "secret": secret},
        environ_base={"REMOTE_ADDR": address},
    )


CSRF_VALUE = re.compile(r'(name="csrf_token"(?: type="hidden")? value=")[^"]+(")')


def message_page(response, code: str) -> str:
    """The page's text without what legitimately differs between two attempts (token, typed code)."""
    html = CSRF_VALUE.sub(r"\1…\2", response.get_data(as_text=True))
    return html.replace(f'value="{code}"', 'value="…"')


def events(app, consent_id: str) -> list[str]:
    with app.app_context():
        stmt = (
            select(ConsentEvent.event).where(ConsentEvent.consent_id == consent_id).order_by(ConsentEvent.id)
        )
        return list(db.session.scalars(stmt))


# -- opening -------------------------------------------------------------------------------------
@pytest.mark.real_hashing
@pytest.mark.parametrize(
    "variant",
    ["as-printed", "no-dash-no-space", "lowercase", "extra-spaces", "dashes-in-secret", "pasted-separators"],
)
def test_code_and_secret_open_the_story_however_they_are_typed(app, client, card, variant):
    code, secret = card.code, card.secret
    typed = {
        "as-printed": (code, secret),
        "no-dash-no-space": (code.replace("-", ""), secret.replace(" ", "")),
        "lowercase": (code.lower(), secret.lower()),
        "extra-spaces": (f"  {code[:2]} {code[2:]} ", f" {secret}  "),
        "dashes-in-secret": (code, secret.replace(" ", "-")),
        # Copied from a message: a no-break space, a tab or a dot between the groups.
        "pasted-separators": (code.replace("-", "\u00a0"), secret.replace(" ", "\t.")),
    }[variant]
    response = attempt(client, *typed)
    assert response.status_code == 302 and response.location.endswith("/consent/mine")
    page = client.get("/consent/mine")
    assert page.status_code == 200 and "bitter bark" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    assert events(app, card.consent_id) == ["granted", "viewed"]


@pytest.mark.real_hashing
def test_wrong_secret_and_unknown_code_get_the_same_answer(app, client, card):
    wrong = attempt(client, card.code, wrong_secret(card.secret))
    unknown = attempt(client, other_code(card.code), card.secret)
    assert wrong.status_code == unknown.status_code == 400
    assert WRONG in wrong.get_data(as_text=True)
    assert message_page(wrong, card.code) == message_page(unknown, other_code(card.code))
    assert client.get("/consent/mine").status_code == 302  # neither signed anybody in
    assert events(app, card.consent_id) == ["granted"]


@pytest.mark.parametrize(
    ("code", "secret"),
    [("", "ABCDE FGHIJ"), ("ABCD-EFGH", ""), ("----", "ABCDEFGHIJ"), ("A" * 41, "ABCDEFGHIJ")],
    ids=["no-code", "no-secret", "code-of-dashes", "code-too-long"],
)
def test_incomplete_forms_are_refused_without_signing_in(client, card, code, secret):
    response = attempt(client, code, secret)
    assert response.status_code == 400
    assert client.get("/consent/mine").status_code == 302


# -- rate limits ---------------------------------------------------------------------------------
def test_failures_make_the_addresses_that_failed_wait_even_for_the_right_secret(app, card):
    app.config["SELF_SERVICE_MAX_FAILURES_PER_CODE"] = 3
    client = app.test_client()
    for n in range(3):
        assert attempt(client, card.code, wrong_secret(card.secret), f"10.0.0.{n}").status_code == 400
    for address in ("10.0.0.0", "10.0.0.1"):
        locked = attempt(client, card.code, card.secret, address)
        assert locked.status_code == 429
        html = locked.get_data(as_text=True)
        assert "Too many attempts" in html and "locked" in html
        assert WRONG not in html
    assert client.get("/consent/mine").status_code == 302
    assert events(app, card.consent_id) == ["granted"]
    # A wait, not a lock: from an address that never failed, the right secret opens the story.
    assert attempt(client, card.code, card.secret, "10.9.9.9").status_code == 302


def test_lockout_does_not_tell_whether_the_code_exists(app, card):
    app.config["SELF_SERVICE_MAX_FAILURES_PER_CODE"] = 2
    client = app.test_client()
    unknown = other_code(card.code)
    for code in (card.code, unknown):
        for _ in range(2):
            assert attempt(client, code, wrong_secret(card.secret)).status_code == 400
    real = attempt(client, card.code, card.secret)  # from the address that failed: both wait
    fake = attempt(client, unknown, card.secret)
    assert real.status_code == fake.status_code == 429
    assert "Too many attempts" in real.get_data(as_text=True)
    assert message_page(real, card.code) == message_page(fake, unknown)


def test_failures_from_one_address_lock_that_address_for_every_code(app, card):
    app.config["SELF_SERVICE_MAX_FAILURES_PER_ADDRESS"] = 3
    client = app.test_client()
    for guess in ("AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC"):
        assert attempt(client, guess, "ABCDEFGHJK", "192.0.2.7").status_code == 400
    locked = attempt(client, card.code, card.secret, "192.0.2.7")
    assert locked.status_code == 429 and "Too many attempts" in locked.get_data(as_text=True)
    # The code itself is not locked: the storyteller, elsewhere, still gets in.
    elsewhere = app.test_client()
    assert attempt(elsewhere, card.code, card.secret, "198.51.100.1").status_code == 302


@pytest.mark.parametrize(
    ("delay", "wait"),
    [(60, "1 minute"), (10 * 60, "10 minutes"), (3600, "1 hour")],
    ids=["default-1-minute", "10-minutes", "1-hour"],
)
def test_lockout_message_says_how_long_to_wait(app, client, card, delay, wait):
    app.config.update(
        SELF_SERVICE_MAX_FAILURES_PER_CODE=1,
        SELF_SERVICE_WINDOW_SECONDS=3600,
        ATTEMPT_BASE_DELAY_SECONDS=delay,
    )
    attempt(client, card.code, wrong_secret(card.secret))
    html = attempt(client, card.code, card.secret).get_data(as_text=True)
    assert f"try again in {wait}" in html


def test_lock_lifts_after_the_window(app, client, card):
    app.config["SELF_SERVICE_MAX_FAILURES_PER_CODE"] = 2
    for _ in range(2):
        attempt(client, card.code, wrong_secret(card.secret))
    assert attempt(client, card.code, card.secret).status_code == 429
    with app.app_context():
        past = utcnow() - timedelta(seconds=app.config["SELF_SERVICE_WINDOW_SECONDS"] + 1)
        db.session.execute(update(FailedAttempt).values(at=past))
        db.session.commit()
    assert attempt(client, card.code, card.secret).status_code == 302


def test_old_failed_attempts_are_pruned_as_new_ones_come(app, client, card):
    """Every failure adds rows; rows far outside any window are deleted, so the table cannot grow forever."""
    with app.app_context():
        db.session.add_all(FailedAttempt(key=f"old-{n}", at=utcnow() - timedelta(days=2)) for n in range(3))
        db.session.add(FailedAttempt(key="recent", at=utcnow() - timedelta(minutes=5)))
        db.session.commit()
    attempt(client, card.code, wrong_secret(card.secret))
    with app.app_context():
        keys = list(db.session.scalars(select(FailedAttempt.key)))
    # The failure's three rows (the code, the code from this address, the address) and the recent one.
    assert len(keys) == 4 and "recent" in keys and not any(k.startswith("old-") for k in keys)


def test_failed_attempts_store_neither_code_nor_address(app, client, card):
    attempt(client, card.code, wrong_secret(card.secret), "203.0.113.9")
    with app.app_context():
        keys = list(db.session.scalars(select(FailedAttempt.key)))
    assert len(keys) == 3  # the code, the code from this address, the address: keyed digests all
    raw = card.code.replace("-", "")
    assert not any(raw in k or "203.0.113.9" in k for k in keys)


def test_published_story_not_for_teaching_is_not_described_as_read_by_teachers(app, client, card):
    with app.app_context():
        consent = db.session.get(Consent, card.consent_id)
        consent.purpose_teaching, consent.purpose_research = False, True
        db.session.commit()
    sign_in(client, card)
    html = client.get("/consent/mine").get_data(as_text=True)
    assert "Teachers can read it" not in html
    assert "not shown to teachers" in html


def test_expired_consent_is_explained_to_the_storyteller(app, client, card):
    with app.app_context():
        db.session.get(Consent, card.consent_id).expires_at = utcnow() - timedelta(days=1)
        db.session.commit()
    sign_in(client, card)
    html = client.get("/consent/mine").get_data(as_text=True)
    assert "Teachers can read it" not in html
    assert "not shown to teachers" in html and "ended" in html


# -- the signed-in session -----------------------------------------------------------------------
def sign_in(client, card: Card) -> None:
    assert attempt(client, card.code, card.secret).status_code == 302


def age_sign_in(client, seconds: int) -> None:
    """Move this browser's self-service sign-in ``seconds`` into the past."""
    with client.session_transaction() as session:
        data = dict(session["self_service"])
        data["at"] -= seconds
        session["self_service"] = data  # a new value, so the cookie is written again


def test_sign_in_expires(app, client, card):
    sign_in(client, card)
    assert client.get("/consent/mine").status_code == 200
    age_sign_in(client, app.config["SELF_SERVICE_SESSION_SECONDS"] + 1)
    for method, url in (("get", "/consent/mine"), ("get", "/consent/withdraw")):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response.location.endswith("/consent/"), url
    # Expired is expired: a withdrawal sent now is refused too, and the story stays.
    response = client.post("/consent/withdraw", data={"csrf_token": client.csrf_token()})
    assert response.status_code == 302 and response.location.endswith("/consent/")
    with app.app_context():
        assert db.session.get(Consent, card.consent_id).status == "active"


def test_shorter_configured_session_is_honoured(app, client, card):
    app.config["SELF_SERVICE_SESSION_SECONDS"] = 60
    sign_in(client, card)
    age_sign_in(client, 50)  # 10 s of margin: a slow machine's own seconds must not end it early
    assert client.get("/consent/mine").status_code == 200
    age_sign_in(client, 11)
    assert client.get("/consent/mine").status_code == 302


def test_close_signs_out(client, card):
    sign_in(client, card)
    assert client.submit("/consent/signout", {}, page="/consent/mine").status_code == 302
    assert client.get("/consent/mine").status_code == 302


# -- withdrawal by the storyteller ---------------------------------------------------------------
def test_get_on_withdraw_only_asks(app, client, card):
    sign_in(client, card)
    token = client.csrf_token("/consent/withdraw")
    for url in ("/consent/withdraw", f"/consent/withdraw?csrf_token={token}"):
        response = client.get(url)
        assert response.status_code == 200 and "cannot be undone" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Consent, card.consent_id).status == "active"
        assert db.session.get(Story, card.story_id).published_text == STORY
        assert app.extensions["search_index"].contains(card.story_id)
    assert "withdrawn" not in events(app, card.consent_id)


@pytest.mark.parametrize("token", [None, "", "not-a-token"], ids=["no-token", "empty-token", "forged-token"])
def test_withdrawal_needs_the_csrf_token(app, client, card, token):
    sign_in(client, card)
    data = {} if token is None else {"csrf_token": token}
    response = client.post("/consent/withdraw", data=data)
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Consent, card.consent_id).status == "active"
        assert app.extensions["search_index"].contains(card.story_id)
    assert "withdrawn" not in events(app, card.consent_id)


def test_withdrawn_code_shows_the_taken_back_page_not_the_story(app, client, card):
    sign_in(client, card)
    assert client.submit("/consent/withdraw", {}, page="/consent/withdraw").status_code == 302
    again = app.test_client()
    sign_in(again, card)
    html = again.get("/consent/mine").get_data(as_text=True)
    assert "taken back" in html and "bitter bark" not in html.lower() and "quinine" not in html
    # The confirmation page does not offer to withdraw twice.
    assert again.get("/consent/withdraw").location.endswith("/consent/mine")


def test_withdrawal_is_idempotent(app, client, card):
    sign_in(client, card)
    first = client.submit("/consent/withdraw", {}, page="/consent/withdraw")
    second = client.post("/consent/withdraw", data={"csrf_token": client.csrf_token("/consent/mine")})
    assert first.status_code == second.status_code == 302
    with app.app_context():
        consent = db.session.get(Consent, card.consent_id)
        assert withdraw(consent, channel="staff_web") is False
        assert consent.status == "withdrawn"
    assert events(app, card.consent_id).count("withdrawn") == 1


def test_audit_trail_holds_who_when_how_and_no_story_content(app, client, card):
    sign_in(client, card)
    client.submit("/consent/withdraw", {}, page="/consent/withdraw")
    with app.app_context():
        rows = db.session.scalars(
            select(ConsentEvent).where(ConsentEvent.consent_id == card.consent_id)
        ).all()
        assert [(e.event, e.channel) for e in rows] == [
            ("granted", "staff_web"),
            ("viewed", "patient_web"),
            ("withdrawn", "patient_web"),
        ]
        table = ConsentEvent.__table__
        # Text columns, and the structured details read as the text they are stored as.
        text_columns = [c for c in table.columns if c.type.python_type is str]
        text_columns.append(cast(table.c.details, String))
        words = [w for w in re.findall(r"[a-z]{5,}", STORY.lower())] + ["bitter bark"]
        for word in words:
            found = db.session.scalar(
                select(func.count())
                .select_from(table)
                .where(or_(*[func.lower(c).contains(word) for c in text_columns]))
            )
            assert found == 0, word
        # ``details`` names only terms of the consent ({"removed": "audio"}); the loop above checks it too.
        allowed = {"id", "consent_id", "event", "channel", "actor_id", "at", "details"}
        assert not set(table.columns.keys()) - allowed
