"""Attempt limiters under real concurrency, and waits instead of locks.

30 wrong attempts sent at once got 10 tries at a consent card instead of 5 and 17 sign-ins instead of
10 (each counted before the slow hash and recorded after). Now each attempt is reserved first. And a
stranger's failures, however many, never keep out the storyteller (or staff member) with the right
secret from their own address: past the free failures come growing waits for the address that failed.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import update

from archive.extensions import db
from archive.models import FailedAttempt
from archive.ratelimit import delay
from consent.selfservice import WRONG
from tests.conftest import PASSWORD
from tests.fixtures.stories import Card

PARALLEL = 30


def at_once(send, count: int = PARALLEL) -> list:
    """Run ``send()`` from ``count`` threads released together; return the responses."""
    start = threading.Barrier(count)
    answers, errors = [], []

    def run() -> None:
        try:
            start.wait()
            answers.append(send())
        except BaseException as err:  # handed to the test
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert errors == []
    return answers


def wrong(secret: str) -> str:
    return ("A" if secret[0] != "A" else "B") + secret[1:]


def card_attempt(app, card: Card, secret: str, address: str = "203.0.113.5"):
    client = app.test_client()
    token = client.csrf_token()
    return lambda: client.post(
        "/consent/",
        data={"csrf_token": token, "code": card.code, "secret": secret},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def card(published_card) -> Card:
    return published_card(purposes=("teaching",))


@pytest.mark.real_hashing
def test_thirty_wrong_secrets_at_once_get_five_tries_at_a_card(app, card):
    sends = [card_attempt(app, card, wrong(card.secret)) for _ in range(PARALLEL)]
    queue = iter(sends)
    lock = threading.Lock()

    def next_send():
        with lock:
            send = next(queue)
        return send()

    answers = at_once(next_send)
    tried = [a for a in answers if a.status_code == 400 and WRONG in a.get_data(as_text=True)]
    refused = [a for a in answers if a.status_code == 429]
    assert len(tried) + len(refused) == PARALLEL
    print(f"card: {len(tried)} of {PARALLEL} attempts sent at once were checked")
    assert len(tried) <= app.config["SELF_SERVICE_MAX_FAILURES_PER_CODE"], len(tried)


@pytest.mark.real_hashing
def test_thirty_wrong_passwords_at_once_get_ten_tries(app, make_user):
    email = make_user("educator")
    clients = [app.test_client() for _ in range(PARALLEL)]
    tokens = [c.csrf_token("/login") for c in clients]
    queue = iter(zip(clients, tokens, strict=True))
    lock = threading.Lock()

    def send():
        with lock:
            client, token = next(queue)
        return client.post("/login", data={"csrf_token": token, "email": email, "password": "wrong" * 3})

    answers = at_once(send)
    tried = [a for a in answers if a.status_code == 200 and "do not match" in a.get_data(as_text=True)]
    print(f"sign-in: {len(tried)} of {PARALLEL} attempts sent at once were checked")
    assert len(tried) <= app.config["LOGIN_MAX_FAILURES"], len(tried)
    assert all(a.status_code in (200, 429) for a in answers)


def test_a_stranger_cannot_keep_the_storyteller_out(app, card):
    app.config["SELF_SERVICE_MAX_FAILURES_PER_CODE"] = 3
    for _ in range(12):
        card_attempt(app, card, wrong(card.secret), "198.51.100.66")()
    # The stranger's own address waits ...
    assert card_attempt(app, card, wrong(card.secret), "198.51.100.66")().status_code == 429
    # ... the storyteller, on their own phone, gets in with the right secret at once.
    assert card_attempt(app, card, card.secret, "203.0.113.9")().status_code == 302


def test_waits_double_with_each_failure_and_never_pass_the_window(app):
    with app.app_context():
        assert [delay(over, 900) for over in range(6)] == [60, 120, 240, 480, 900, 900]
        assert delay(10**6, 900) == 900


def test_the_storytellers_own_wait_is_short_after_the_free_failures(app, card):
    app.config.update(SELF_SERVICE_MAX_FAILURES_PER_CODE=2)
    for _ in range(2):
        assert card_attempt(app, card, wrong(card.secret))().status_code == 400
    refused = card_attempt(app, card, card.secret)()
    assert refused.status_code == 429
    assert "try again in 1 minute" in refused.get_data(as_text=True)
    with app.app_context():  # a minute later
        db.session.execute(update(FailedAttempt).values(at=FailedAttempt.at - timedelta(seconds=61)))
        db.session.commit()
    assert card_attempt(app, card, card.secret)().status_code == 302


def test_a_staff_member_is_not_kept_out_by_failures_from_elsewhere(app, make_user):
    app.config["LOGIN_MAX_FAILURES"] = 3
    email = make_user("reviewer")
    stranger = app.test_client()
    for _ in range(10):
        stranger.submit(
            "/login", {"email": email, "password": "not it at all"}, page="/login",
            environ_base={"REMOTE_ADDR": "198.51.100.7"},
        )  # fmt: skip
    owner = app.test_client()
    signed = owner.submit(
        "/login",
        {"email": email, "password": PASSWORD},
        page="/login",
        environ_base={"REMOTE_ADDR": "10.2.3.4"},
    )
    assert signed.status_code == 302
