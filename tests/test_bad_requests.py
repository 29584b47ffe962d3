"""Requests a careful tester sends from outside: ids too large for any row, a file name that is not
UTF-8, and HTTPS without HSTS. Each answers plainly, never with a 500 or a wrong reason."""

from __future__ import annotations

import re

import pytest

from archive.requests import MAX_ROW_ID
from tests.conftest import TOKEN_RE

HUGE = "9" * 30  # OverflowError in the database driver before ids were bounded


def int_routes(app) -> list[tuple[str, str]]:
    """Every route with a numeric id, as (method, url) with ``HUGE`` for the number and a made-up
    string for any other part."""
    found = []
    for rule in app.url_map.iter_rules():
        if not any(type(conv).__name__ == "RowIdConverter" for conv in rule._converters.values()):
            continue
        url = re.sub(r"<int:\w+>", HUGE, rule.rule)
        url = re.sub(r"<(?:\w+:)?\w+>", "abcdefghijklmnop", url)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, url))
    return found


def test_every_numeric_route_uses_the_bounded_converter(app):
    assert int_routes(app), "no route with <int:...>"
    assert all(len(url) > len(HUGE) for _method, url in int_routes(app))


def test_huge_ids_are_not_found_on_every_numeric_route(app, login_as):
    admin = login_as("admin")
    token = admin.csrf_token("/admin/tags")
    for method, url in int_routes(app):
        response = admin.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
        assert response.status_code == 404, (method, url, response.status_code)
        assert "unexpected problem" not in response.get_data(as_text=True)


@pytest.mark.parametrize("number", [str(MAX_ROW_ID + 1), "9223372036854775808", HUGE])
def test_a_consent_form_version_past_any_id_is_not_found(login_as, number):
    admin = login_as("admin")
    assert admin.get(f"/admin/consent-forms/{number}").status_code == 404


def test_the_largest_row_id_still_reaches_the_view(login_as):
    admin = login_as("admin")
    response = admin.get(f"/admin/consent-forms/{MAX_ROW_ID}")
    assert response.status_code == 404
    assert "There is no such consent form version." in response.get_data(as_text=True)


def multipart(fields: dict[str, str], filename: bytes) -> tuple[bytes, str]:
    """A multipart body by hand: the test client would encode the file name as UTF-8."""
    boundary = b"----archive-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(
            b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n'
        )
        parts.append(value.encode() + b"\r\n")
    parts.append(
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="recording"; filename="' + filename
    )
    parts.append(b'"\r\nContent-Type: audio/wav\r\n\r\nRIFF\x00\x00\x00\x00WAVE\r\n')
    parts.append(b"--" + boundary + b"--\r\n")
    return b"".join(parts), f"multipart/form-data; boundary={boundary.decode()}"


def test_a_file_name_that_is_not_utf8_is_named_as_the_problem(login_as):
    facilitator = login_as("facilitator")
    page = facilitator.get("/ingest/new").get_data(as_text=True)
    match = TOKEN_RE.search(page)
    token = match.group(1) or match.group(2)
    body, content_type = multipart({"csrf_token": token, "title": "A title"}, b"\xff\xfe\x80 story.wav")
    response = facilitator.post("/ingest/new", data=body, content_type=content_type)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "could not be read" in html and "Rename the file" in html
    assert "expired" not in html


def test_a_file_name_in_utf8_is_not_refused_by_the_parser(login_as):
    facilitator = login_as("facilitator")
    page = facilitator.get("/ingest/new").get_data(as_text=True)
    match = TOKEN_RE.search(page)
    token = match.group(1) or match.group(2)
    body, content_type = multipart({"csrf_token": token, "title": "A title"}, "ஒலி.wav".encode())
    response = facilitator.post("/ingest/new", data=body, content_type=content_type)
    # The form is read (the CSRF token was found): it is refused for its missing answers, not as unreadable.
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Rename the file" not in html and "expired" not in html
    assert "Record at least one purpose" in html


def test_hsts_is_sent_over_https_and_never_over_plain_http(client):
    secure = client.get("/login", base_url="https://archive.example.org")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    plain = client.get("/login")
    assert "Strict-Transport-Security" not in plain.headers


@pytest.mark.parametrize(
    "app_config, expected",
    [({"HSTS_SECONDS": 0}, None), ({"HSTS_INCLUDE_SUBDOMAINS": True}, "max-age=31536000; includeSubDomains")],
)
def test_hsts_follows_its_settings(client, expected):
    response = client.get("/login", base_url="https://archive.example.org")
    assert response.headers.get("Strict-Transport-Security") == expected


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_behind_a_trusted_proxy_https_is_known_from_the_forwarded_header(client):
    response = client.get("/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.1"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
