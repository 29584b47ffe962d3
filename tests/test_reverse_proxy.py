"""The README's reverse proxy configuration (``deploy/nginx-story-archive.conf``), run with nginx in
front of a real ``story-archive serve``: pages pass through, an oversized body is refused by nginx
before the site sees it, the new-story form alone may carry recordings, and the site reads the
scheme the proxy says (``TRUSTED_PROXIES=1``).

Skipped where nginx is not installed (``apt-get install nginx-light``); with ``CI=true`` it fails
instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest
import requests

from tests.conftest import PG_URL
from tests.fixtures.live_serve import ROOT, WAIT_S, Server, _free_port

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
pytestmark = [
    pytest.mark.skipif(bool(PG_URL), reason="the embedded defaults (SQLite) are what serve runs on"),
    pytest.mark.skipif(
        NGINX is None and os.environ.get("CI") != "true", reason="nginx is not installed (nginx-light)"
    ),
]


@pytest.fixture
def proxy(app, tmp_path):
    site = Server(app, tmp_path, settings={"TRUSTED_PROXIES": 1})
    port = _free_port()
    locations = (ROOT / "deploy" / "nginx-story-archive.conf").read_text()
    locations = locations.replace("127.0.0.1:5000", f"127.0.0.1:{site.port}")
    (tmp_path / "story-archive.conf").write_text(locations)
    temp = tmp_path / "nginx"
    temp.mkdir()
    (tmp_path / "nginx.conf").write_text(
        # Run as root (a container), nginx's workers would switch to "nobody", who cannot write the
        # test's temp folders where nginx buffers request bodies.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/nginx-error.log;
daemon off;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    limit_req_zone $binary_remote_addr zone=archive:10m rate=20r/s;
    server {{
        listen 127.0.0.1:{port};
        include {tmp_path}/story-archive.conf;
    }}
}}
"""
    )
    nginx = subprocess.Popen(
        [
            NGINX,
            "-c",
            str(tmp_path / "nginx.conf"),
            "-p",
            str(tmp_path),
            "-e",
            str(tmp_path / "nginx-error.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + WAIT_S
    while True:
        try:
            requests.get(url + "/login", timeout=5)
            break
        except requests.ConnectionError:
            assert nginx.poll() is None, (tmp_path / "nginx-error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.2)
    yield url
    nginx.terminate()
    nginx.wait(WAIT_S)
    site.stop()


def _status_from_headers_alone(url: str, path: str, length: int) -> int:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=WAIT_S) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {length}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n\r\n".encode()
        )
        return int(sock.recv(200).decode("latin-1").split()[1])


def test_the_documented_proxy_passes_pages_and_refuses_large_bodies_itself(proxy):
    page = requests.get(proxy + "/login", timeout=WAIT_S)
    assert page.status_code == 200 and 'name="csrf_token"' in page.text
    assert _status_from_headers_alone(proxy, "/login", 600_000_000) == 413
    assert _status_from_headers_alone(proxy, "/ingest/new", 400_000_000) == 413
    # A body within the form's own cap goes through nginx to the site, which holds a stranger to the
    # site-wide cap (its own 413 page); the same body to any other address stops at nginx.
    upload = requests.post(
        proxy + "/ingest/new", files={"recording": ("a.wav", b"\0" * 5_000_000)}, timeout=WAIT_S
    )
    assert upload.status_code == 413 and "larger than this site accepts" in upload.text
    elsewhere = requests.post(proxy + "/login", data={"x": "y" * 5_000_000}, timeout=WAIT_S)
    assert elsewhere.status_code == 413 and "nginx" in elsewhere.text


def test_the_site_reads_the_scheme_the_proxy_says(proxy):
    # TRUSTED_PROXIES=1: a redirect to sign in names the scheme nginx passed on (here http), and a
    # client's own X-Forwarded-Host beyond the proxy's is not believed.
    answer = requests.get(
        proxy + "/library",
        headers={"X-Forwarded-Host": "evil.example"},
        allow_redirects=False,
        timeout=WAIT_S,
    )
    assert answer.status_code == 302
    assert "evil.example" not in answer.headers["Location"]
