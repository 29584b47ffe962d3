"""The JSON API: bearer tokens (for the API only) or the signed-in session, educators only, and one
error shape for every refusal."""

from __future__ import annotations

import itertools
import re
import shutil
from dataclasses import dataclass

import pytest
from flask import Flask
from sqlalchemy import select, text

from archive import create_app
from archive.auth import NewUser, create_user
from archive.database import init_database
from archive.extensions import db
from archive.models import User
from tests.conftest import PASSWORD, PG_URL, BrowserClient, _config
from tests.fixtures.stories import Stories

TOKEN_RE = re.compile(r"<code>(sa_[\w-]+)</code>")
ERROR_TITLES = {
    400: "That request could not be used",
    401: "Please sign in",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed here",
}
MARKUP_TITLE = "The <b>bold</b> cough"
MARKUP_TEXT = "The nurse wrote <script>x()</script> & left."


def issue_token(client) -> str:
    """Make a new API token on the account page, as a person would; return it."""
    response = client.submit("/account", {}, page="/account")
    assert response.status_code == 200
    match = TOKEN_RE.search(response.get_data(as_text=True))
    assert match, "no token on the account page"
    return match.group(1)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error(response, status: int) -> dict:
    """Check the one error shape: {"error": {"status", "title", "message"}} and nothing else."""
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "title", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["title"] == ERROR_TITLES[status]
    assert body["error"]["message"] and "Traceback" not in body["error"]["message"]
    return body["error"]


# -- one app for the module: two stories published through the views, and signed-in staff -------
_emails = itertools.count()


def sign_in(app: Flask, role: str) -> BrowserClient:
    """Create a staff account with ``role`` and sign it in through the login form."""
    email = f"{role}{next(_emails)}@example.org"
    with app.app_context():
        create_user(NewUser(email=email, role=role, password=PASSWORD))
    client = app.test_client()
    assert client.submit("/login", {"email": email, "password": PASSWORD}, page="/login").status_code == 302
    client.email = email
    return client


@dataclass(frozen=True)
class Api:
    app: Flask
    story: str  # published, mentions tomatoes
    markup_story: str  # published, with markup in title and text
    educator: BrowserClient
    educator_token: str


def _one_app_per_module(fixture_name, config) -> str:
    # Most tests here only read. With PostgreSQL every test empties the one shared database, so there
    # each test builds its own app.
    return "function" if PG_URL else "module"


@pytest.fixture(scope=_one_app_per_module)
def api(tmp_path_factory, database_template) -> Api:
    base = tmp_path_factory.mktemp("api")
    if not PG_URL:
        (base / "instance").mkdir()
        shutil.copy(database_template, base / "instance" / "archive.db")
    app = create_app(_config(base, PG_URL or None))
    app.test_client_class = BrowserClient
    with app.app_context():
        init_database()
    facilitator, reviewer, educator = (sign_in(app, r) for r in ("facilitator", "reviewer", "educator"))
    stories = Stories(app)
    ids = []
    for form in ({}, {"title": MARKUP_TITLE, "text": MARKUP_TEXT}):
        made = stories.typed_through_form(facilitator, **form)
        stories.review(made.story_id, reviewer)
        ids.append(made.story_id)
    yield Api(app, ids[0], ids[1], educator, issue_token(educator))
    with app.app_context():
        db.session.remove()
        if PG_URL:
            with db.engine.begin() as conn:
                names = ", ".join(f'"{t.name}"' for t in reversed(db.metadata.sorted_tables))
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        db.engine.dispose()
    app.extensions["search_index"].close()


def test_token_from_the_account_page_opens_search_and_story(api):
    anonymous = api.app.test_client()
    search = anonymous.get("/api/v1/search?q=tomatoes", headers=bearer(api.educator_token))
    assert search.status_code == 200
    body = search.get_json()
    assert body["total"] == 1 and body["results"][0]["id"] == api.story
    assert body["results"][0]["url"].endswith(f"/api/v1/stories/{api.story}")
    story = anonymous.get(f"/api/v1/stories/{api.story}", headers=bearer(api.educator_token))
    assert story.status_code == 200
    data = story.get_json()
    assert data["id"] == api.story and "tomatoes" in data["text"]
    assert set(data) == {"id", "title", "language", "text", "tags", "content_warnings", "published_at", "url"}
    with api.app.app_context():
        stored = db.session.scalars(select(User.api_token_hash)).all()
    assert api.educator_token not in stored  # kept only as a hash


def test_session_works_for_the_api_too(api):
    assert api.educator.get("/api/v1/search?q=tomatoes").get_json()["total"] == 1
    assert api.educator.get(f"/api/v1/stories/{api.story}").status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "Bearer sa_not-a-real-token",
        "Bearer ",
        "Bearer",
        "Bearer {token}x",
        "Token {token}",
        "Basic ZWR1Y2F0b3I6cGFzc3dvcmQ=",
        "{token}",
    ],
    ids=[
        "unknown-token",
        "empty-token",
        "scheme-only",
        "altered-token",
        "other-scheme",
        "basic-auth",
        "no-scheme",
    ],
)
def test_bad_credentials_get_401_json(api, header):
    client = api.app.test_client()
    for url in ("/api/v1/search?q=tomatoes", f"/api/v1/stories/{api.story}"):
        response = client.get(url, headers={"Authorization": header.format(token=api.educator_token)})
        error = assert_error(response, 401)
        assert "sign in" in error["message"].lower()


def test_no_credentials_get_401_json_not_a_login_redirect(api):
    client = api.app.test_client()
    assert_error(client.get("/api/v1/search"), 401)
    assert_error(client.get(f"/api/v1/stories/{api.story}"), 401)


def test_new_token_replaces_the_old_one(api):
    educator = sign_in(api.app, "educator")
    old = issue_token(educator)
    new = issue_token(educator)
    client = api.app.test_client()
    assert_error(client.get("/api/v1/search", headers=bearer(old)), 401)
    assert client.get("/api/v1/search", headers=bearer(new)).status_code == 200


def test_token_of_a_deactivated_account_is_refused(api):
    educator = sign_in(api.app, "educator")
    token = issue_token(educator)
    client = api.app.test_client()
    assert client.get("/api/v1/search", headers=bearer(token)).status_code == 200
    with api.app.app_context():
        db.session.scalar(select(User).where(User.email == educator.email)).active = False
        db.session.commit()
    assert_error(client.get("/api/v1/search", headers=bearer(token)), 401)


@pytest.mark.parametrize("how", ["session", "token"])
def test_facilitators_get_403_json(api, how):
    facilitator = sign_in(api.app, "facilitator")
    headers = bearer(issue_token(facilitator)) if how == "token" else {}
    client = api.app.test_client() if how == "token" else facilitator
    for url in ("/api/v1/search?q=tomatoes", f"/api/v1/stories/{api.story}"):
        error = assert_error(client.get(url, headers=headers), 403)
        assert "tomatoes" not in error["message"]


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", "/library"), ("get", "/stories/{id}"), ("get", "/account"), ("post", "/account")],
    ids=["library-page", "story-page", "account-page", "new-token-by-post"],
)
def test_bearer_token_is_not_accepted_outside_the_api(api, method, url):
    client = api.app.test_client()
    response = getattr(client, method)(url.format(id=api.story), headers=bearer(api.educator_token))
    assert response.status_code in (302, 400)  # off to sign in, or refused for want of a CSRF token
    if response.status_code == 302:
        assert "/login" in response.location
    assert b"tomatoes" not in response.data and b"sa_" not in response.data
    # The token still works where it belongs: nothing was replaced.
    assert client.get("/api/v1/search", headers=bearer(api.educator_token)).status_code == 200


def test_bearer_request_leaves_no_session_behind(api):
    """A token must not turn into a cookie that would then open the HTML pages."""
    client = api.app.test_client()
    assert client.get("/api/v1/search", headers=bearer(api.educator_token)).status_code == 200
    assert client.get_cookie("session") is None
    page = client.get(f"/stories/{api.story}")
    assert page.status_code == 302 and "/login" in page.location


@pytest.mark.parametrize(
    "cookie_from",
    ["consent-page", "refused-page", "another-accounts-session"],
)
def test_token_is_honoured_whatever_cookies_the_client_carries(api, cookie_from):
    """Scripts keep cookie jars: a session cookie (with only a CSRF token, a flashed message, or another
    account's sign-in) must neither block the token nor be changed by the token request."""
    if cookie_from == "another-accounts-session":
        client = sign_in(api.app, "facilitator")
    else:
        client = api.app.test_client()
        client.get("/consent/" if cookie_from == "consent-page" else "/account")  # a CSRF token / a flash
    before = client.get_cookie("session")
    assert before is not None
    response = client.get("/api/v1/search?q=tomatoes", headers=bearer(api.educator_token))
    assert response.status_code == 200 and response.get_json()["total"] == 1
    assert "Set-Cookie" not in response.headers
    assert client.get_cookie("session").value == before.value
    if cookie_from == "another-accounts-session":
        assert client.get("/ingest/stories").status_code == 200  # still signed in as the facilitator
        assert_error(client.get("/api/v1/search"), 403)  # and the cookie alone is the facilitator's


def test_every_api_error_has_one_shape(api):
    educator = api.educator
    assert_error(educator.get("/api/v1/stories/no-such-story"), 404)
    assert_error(educator.get("/api/v1/stories/" + "x" * 300), 404)
    assert_error(educator.get("/api/v1/no-such-endpoint"), 404)
    assert_error(educator.post("/api/v1/search"), 405)
    assert_error(educator.get("/api/v1/search?q=" + "a" * 600), 400)
    assert_error(api.app.test_client().get("/api/v1/search"), 401)
    assert_error(sign_in(api.app, "reviewer").get("/api/v1/search"), 403)


def test_json_never_carries_markup_as_markup(api):
    """Story text reaches clients intact, but '<', '>' and '&' travel as \\u escapes in the JSON body."""
    for url in (f"/api/v1/stories/{api.markup_story}", "/api/v1/search", "/api/v1/search?q=nurse"):
        response = api.educator.get(url)
        assert response.status_code == 200
        assert not set(response.data) & set(b"<>&"), url
    story = api.educator.get(f"/api/v1/stories/{api.markup_story}").get_json()
    assert story["title"] == MARKUP_TITLE and story["text"] == MARKUP_TEXT
