"""`story-archive serve` stops on Ctrl+C (SIGINT) and on a service manager's stop (SIGTERM), with its
embedded job workers, and exits cleanly: the job queue's consumer must not keep the signals for itself.
It logs each request in one line with the time, the level and the request's id (archive/logs.py).

The server runs as a real process on a free port, on its embedded defaults in a temp folder.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import PG_URL

pytestmark = [
    pytest.mark.no_database,
    pytest.mark.skipif(bool(PG_URL), reason="the embedded defaults (SQLite) are what serve runs on"),
]

# Generous: how long a stopped server may take to finish is not what is measured, only that it does.
STOP_WAIT_S = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _sigint_as_in_a_terminal() -> None:
    """(In the child, before serve starts.) Give SIGINT its default action, as a terminal's process has."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_until_serving(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + STOP_WAIT_S
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                assert answer.status == 200
            return
        except OSError:
            assert server.poll() is None, "the server ended before serving"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_serve_stops_on_a_signal_with_its_job_workers(tmp_path, signum):
    port = _free_port()
    env = {
        **os.environ,
        "ARCHIVE_INSTANCE_PATH": str(tmp_path / "instance"),
        "ARCHIVE_MEDIA_ROOT": str(tmp_path / "media"),
        "ARCHIVE_SECRET_KEY": "serve-signal-test",
    }
    env.pop("ARCHIVE_DATABASE_URL", None)
    with subprocess.Popen(
        [sys.executable, "-c", "from archive.shell.cli import main; main()", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # As from a terminal, where Ctrl+C reaches the server: a suite run in the background (``make
        # test &``, a CI runner's job) has SIGINT ignored, which its children inherit and serve keeps.
        preexec_fn=_sigint_as_in_a_terminal,
    ) as server:
        try:
            _wait_until_serving(server, port)
            server.send_signal(signum)
            status = server.wait(timeout=STOP_WAIT_S)
        finally:
            if server.poll() is None:  # a failed check must not leave a server running
                server.kill()
        output = server.stdout.read()
    assert "job worker(s) started" in output, output
    assert status == 0, output
    assert "Stopping" in output, output
    # serve configured the log: the request for the home page, with its time (UTC), level and id.
    assert re.search(
        r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ INFO \[[0-9a-f]{16}\] archive\.requests: GET / 200 \d+ ms$",
        output,
        re.MULTILINE,
    ), output
