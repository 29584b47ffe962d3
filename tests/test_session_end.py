"""Signing out ends the session on the server: a copied session cookie is refused afterwards, for staff
and for storytellers alike; a new password ends every other session of the account."""

from __future__ import annotations

import pytest

from archive.auth import load_user_from_session
from archive.extensions import db
from archive.models import User
from tests.conftest import PASSWORD
from tests.fixtures.stories import Card


def copy_session(app, source):
    """A second browser holding a copy of ``source``'s session cookie (what a thief would hold)."""
    other = app.test_client()
    cookie = source.get_cookie("session")
    assert cookie is not None, "no session cookie to copy"
    other.set_cookie("session", cookie.value)
    return other


def signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def test_a_copied_staff_cookie_stops_working_at_sign_out(app, login_as):
    educator = login_as("educator")
    thief = copy_session(app, educator)
    assert signed_in(thief)
    assert educator.submit("/logout", {}, page="/account").status_code == 302
    assert not signed_in(educator)
    assert not signed_in(thief)
    assert thief.get("/api/v1/search?q=cough").status_code == 401


def test_signing_in_again_after_sign_out_works_and_the_old_copy_stays_ended(app, login_as):
    educator = login_as("educator")
    thief = copy_session(app, educator)
    educator.submit("/logout", {}, page="/account")
    again = educator.submit("/login", {"email": educator.email, "password": PASSWORD}, page="/login")
    assert again.status_code == 302 and signed_in(educator)
    assert not signed_in(thief)


def test_a_new_password_ends_every_other_session_and_keeps_this_one(app, login_as):
    reviewer = login_as("reviewer")
    laptop = app.test_client()
    laptop.submit("/login", {"email": reviewer.email, "password": PASSWORD}, page="/login")
    thief = copy_session(app, reviewer)
    response = reviewer.submit(
        "/account/password",
        {
            "current": PASSWORD,
            "new": "a brand new passphrase",
            "repeated": "a brand new passphrase",
        },
        page="/account",
    )
    assert response.status_code == 303  # See Other, as every form of the account page answers
    assert signed_in(reviewer)
    assert not signed_in(laptop) and not signed_in(thief)
    old = app.test_client().submit("/login", {"email": reviewer.email, "password": PASSWORD}, page="/login")
    assert old.status_code == 200  # the old password is refused
    new = app.test_client().submit(
        "/login", {"email": reviewer.email, "password": "a brand new passphrase"}, page="/login"
    )
    assert new.status_code == 302


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"current": "not the password", "new": "x" * 12, "repeated": "x" * 12},
         "That is not your current password."),
        ({"current": PASSWORD, "new": "short", "repeated": "short"},
         "at least 10 characters"),
        ({"current": PASSWORD, "new": "x" * 12, "repeated": "y" * 12},
         "The two new passwords differ."),
    ],
    ids=["wrong-current", "too-short", "differ"],
)  # fmt: skip
def test_a_refused_password_change_ends_nothing(app, login_as, fields, message):
    educator = login_as("educator")
    other = copy_session(app, educator)
    response = educator.submit("/account/password", fields, page="/account")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert signed_in(educator) and signed_in(other)


def test_a_session_without_a_generation_signs_nobody_in(app, make_user):
    email = make_user("admin")
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        assert load_user_from_session(str(user.id)) is None  # a session from before generations
        assert load_user_from_session(user.get_id()) == user
        assert load_user_from_session(f"{user.id}:{user.session_generation + 1}") is None
        assert load_user_from_session(f"{user.id}:{'9' * 50}") is None


def storyteller_signed_in(client) -> bool:
    return client.get("/consent/mine").status_code == 200


def test_a_copied_storyteller_cookie_stops_working_at_sign_out(app, client, published_card):
    card: Card = published_card(purposes=("teaching",))
    assert client.submit("/consent/", {"code": card.code, "secret": card.secret}).status_code == 302
    thief = copy_session(app, client)
    assert storyteller_signed_in(thief)
    assert client.submit("/consent/signout", {}, page="/consent/mine").status_code == 302
    assert not storyteller_signed_in(client)
    assert not storyteller_signed_in(thief)
    # The card itself still works: signing in again opens the story.
    assert client.submit("/consent/", {"code": card.code, "secret": card.secret}).status_code == 302
    assert storyteller_signed_in(client) and not storyteller_signed_in(thief)
