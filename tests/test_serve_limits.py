"""``serve`` refuses an oversized body before reading it, and does not let slow clients hold it.

Issue 15, item 5: waitress buffered up to 1 GB of any request before the app's cap answered 413 (an
anonymous 600 MB POST to ``/login`` sat on disk), and 110 slow connections stopped it accepting new
ones. Tested against the real server over sockets: the requests below declare their length and send
no body, so only a server that answers from the headers alone answers at all.
"""

from __future__ import annotations

import socket
import time

import pytest
import requests

from tests.conftest import PG_URL
from tests.fixtures.live_serve import WAIT_S, Server

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="the embedded defaults (SQLite) are what serve runs on")


def _status_from_headers_alone(port: int, path: str, length: int) -> int:
    """Send a POST's headers declaring ``length`` bytes and no body; return the status answered."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT_S) as sock:
        sock.sendall(
            (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {length}\r\n\r\n"
            ).encode()
        )
        head = sock.recv(200).decode("latin-1")  # a timeout here: the server waited for the body
    return int(head.split()[1])


@pytest.fixture
def server(app, tmp_path):
    live = Server(app, tmp_path, settings={"SERVE_HEADER_TIMEOUT": 3, "SERVE_CONNECTION_LIMIT": 8})
    yield live
    live.stop()


def test_an_oversized_body_is_refused_from_its_headers_before_it_is_read(app, server):
    assert _status_from_headers_alone(server.port, "/login", 600_000_000) == 413
    # Each address has its own cap: the site-wide one, and the new-story form's (recordings).
    assert _status_from_headers_alone(server.port, "/login", app.config["MAX_CONTENT_LENGTH"] + 1) == 413
    upload_cap = app.extensions["request_caps"]["/ingest/new"]
    assert _status_from_headers_alone(server.port, "/ingest/new", upload_cap + 1) == 413


def test_a_body_within_the_cap_reaches_the_app(server):
    # The app answers (a form without its CSRF token), so the server let the body through.
    answer = requests.post(server.url + "/login", data={"email": "a@example.org"}, timeout=WAIT_S)
    assert answer.status_code == 400


def test_slow_clients_are_cut_off_and_new_ones_served(server):
    """More connections than the limit, each sending a few bytes of headers and then nothing: they are
    closed after SERVE_HEADER_TIMEOUT, and a new client is answered."""
    slow = []
    for _ in range(12):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=WAIT_S)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        slow.append(sock)
    try:
        deadline = time.monotonic() + WAIT_S
        closed = 0
        for sock in slow:
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                closed += sock.recv(100) == b""
            except TimeoutError:
                pass
        assert closed == len(slow), "the server kept connections that never finished their headers"
        answer = requests.get(server.url + "/login", timeout=WAIT_S)
        assert answer.status_code == 200
    finally:
        for sock in slow:
            sock.close()
