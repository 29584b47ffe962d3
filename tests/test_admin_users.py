"""Staff accounts from the admin's page (/admin/users) and each staff member's own password change.

Made, turned off (signed out at once, token gone), given another role, given a new password shown once
(old sessions end); the archive never loses its last admin, nor an admin their own role.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import User
from tests.conftest import PASSWORD


def user_id(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def sign_in_with(app, email: str, password: str):
    client = app.test_client()
    response = client.submit("/login", {"email": email, "password": password}, page="/login")
    return client, response


@pytest.mark.real_hashing
def test_an_admin_makes_an_account_with_a_password_shown_once(app, sign_in):
    admin = sign_in("admin")
    page = admin.submit(
        "/admin/users", {"email": "New.Nurse@example.org", "role": "facilitator"}, page="/admin/users"
    )
    assert page.status_code == 201
    assert page.headers["Cache-Control"] == "no-store"
    body = page.get_data(as_text=True)
    password = re.search(r'<code class="secret">([A-Z0-9-]+)</code>', body).group(1)
    assert len(password.replace("-", "")) == 16
    # Only the new password's page shows it: the list does not.
    assert password not in admin.get("/admin/users").get_data(as_text=True)
    nurse, response = sign_in_with(app, "new.nurse@example.org", password)
    assert response.status_code == 302 and response.location.endswith("/ingest/stories")


def test_a_refused_account_says_why_and_makes_nothing(app, sign_in, quick_user):
    admin = sign_in("admin")
    taken = quick_user("educator")
    page = admin.submit(
        "/admin/users", {"email": taken, "role": "ruler", "password": "short"}, page="/admin/users"
    )
    assert page.status_code == 400
    body = page.get_data(as_text=True)
    assert 'id="error-summary"' in body
    for message in ("Role must be one of", "at least 10 characters"):
        assert message in body
    with app.app_context():
        assert db.session.scalar(select(User).where(User.role == "ruler")) is None


def test_turning_an_account_off_signs_it_out_and_drops_its_token(app, sign_in):
    admin = sign_in("admin")
    educator = sign_in("educator")
    educator.submit("/account", {}, page="/account")
    assert educator.get("/library").status_code == 200
    uid = user_id(app, educator.email)
    response = admin.submit(f"/admin/users/{uid}", {"role": "educator", "active": "0"}, page="/admin/users")
    assert response.status_code == 303
    assert educator.get("/library").status_code == 302  # signed out: back to the login page
    with app.app_context():
        user = db.session.get(User, uid)
        assert not user.active and user.api_token_hash is None
    _, again = sign_in_with(app, educator.email, PASSWORD)
    assert again.status_code == 200  # the login form again, with its message
    admin.submit(f"/admin/users/{uid}", {"role": "reviewer", "active": "1"}, page="/admin/users")
    client, again = sign_in_with(app, educator.email, PASSWORD)
    assert again.location.endswith("/review/")


def test_an_admin_keeps_their_own_role_and_the_last_admin_stays(app, sign_in):
    admin = sign_in("admin")
    uid = user_id(app, admin.email)
    page = admin.submit(f"/admin/users/{uid}", {"role": "educator", "active": "1"}, page="/admin/users")
    assert page.status_code == 400
    assert "your own admin role" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, uid).role == "admin"


@pytest.mark.real_hashing
def test_a_new_password_ends_old_sessions(app, sign_in):
    admin = sign_in("admin")
    reviewer = sign_in("reviewer")
    assert reviewer.get("/review/").status_code == 200
    page = admin.submit(f"/admin/users/{user_id(app, reviewer.email)}/password", {}, page="/admin/users")
    password = re.search(r'<code class="secret">([A-Z0-9-]+)</code>', page.get_data(as_text=True)).group(1)
    assert reviewer.get("/review/").status_code == 302
    _, old = sign_in_with(app, reviewer.email, PASSWORD)
    assert old.status_code == 200
    _, new = sign_in_with(app, reviewer.email, password)
    assert new.status_code == 302


@pytest.mark.real_hashing
def test_staff_change_their_own_password(app, sign_in):
    educator = sign_in("educator")
    other_session, _ = sign_in_with(app, educator.email, PASSWORD)
    wrong = educator.submit(
        "/account/password",
        {"current": "not it at all", "new": "a new long password", "repeated": "a new long passwort"},
        page="/account",
    )
    assert wrong.status_code == 400
    body = wrong.get_data(as_text=True)
    assert "not your current password" in body and "The two new passwords differ" in body
    assert "a new long password" not in body  # nothing typed is sent back
    done = educator.submit(
        "/account/password",
        {"current": PASSWORD, "new": "a new long password", "repeated": "a new long password"},
        page="/account",
    )
    assert done.status_code == 303
    assert educator.get("/library").status_code == 200  # this session goes on
    assert other_session.get("/library").status_code == 302  # the other one ended
    _, response = sign_in_with(app, educator.email, "a new long password")
    assert response.status_code == 302
