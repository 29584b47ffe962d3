"""Resumable upload benchmark: a 30-minute recording over a slow link that is cut twice.

It starts the real server (``story-archive serve``, waitress) on a fresh instance in a temporary folder,
signs in a facilitator, and sends a generated 30-minute Opus recording (mono, 24 kbit/s, as the page's
recorder makes them) to ``/ingest/uploads`` through a proxy that emulates the link: 256 kbit/s each way,
and the connection cut twice (at a third and two thirds of the file's bytes; each time every open
connection is reset and new ones are refused for 3 s). The client does what the page's field.js does:
tus 1.0 pieces of 64 KB, and after a failure it asks the server (HEAD) where the upload stands.

Prints the bytes that went up the link (requests, headers included) against the file's size (target at
most 1.05x), how many finished pieces were sent twice (target 0), and the time. The server then holds
the whole file, checked by content.

Usage: ``python bench/upload.py [--minutes 30] [--kbps 256] [--piece 65536]`` (``make bench-upload``).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import imageio_ffmpeg
import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "bench upload password"
EMAIL = "field@example.org"
TARGET_RATIO = 1.05
TUS = {"Tus-Resumable": "1.0.0"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_recording(path: Path, minutes: float) -> None:
    """A tone with a slow warble, encoded as the recorder encodes speech (Opus, mono, 24 kbit/s)."""
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"sine=frequency=220:sample_rate=48000:duration={minutes * 60}", "-af", "vibrato=f=3",
         "-ac", "1", "-c:a", "libopus", "-b:a", "24k", str(path)],
        check=True,
    )  # fmt: skip


class Link:
    """A TCP proxy that carries each direction at ``rate`` bytes a second and can be cut."""

    def __init__(self, upstream: int, rate: float):
        self.upstream = upstream
        self.rate = rate
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sent_up = 0  # bytes from the client towards the server
        self.down_until = 0.0
        self.lock = threading.Lock()
        self.open: list[socket.socket] = []
        self.next_free = {"up": time.monotonic(), "down": time.monotonic()}
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.listener.accept()
            if time.monotonic() < self.down_until:
                client.close()  # no signal: the connection fails at once
                continue
            server = socket.create_connection(("127.0.0.1", self.upstream))
            with self.lock:
                self.open += [client, server]
            threading.Thread(target=self._pump, args=(client, server, "up"), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, "down"), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, direction: str) -> None:
        try:
            while data := source.recv(4096):
                # The link's pace: each direction is one pipe of ``rate`` bytes a second.
                with self.lock:
                    start = max(self.next_free[direction], time.monotonic())
                    self.next_free[direction] = start + len(data) / self.rate
                delay = start + len(data) / self.rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                sink.sendall(data)
                if direction == "up":
                    with self.lock:
                        self.sent_up += len(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self, seconds: float) -> None:
        """Reset every open connection and refuse new ones for ``seconds``."""
        with self.lock:
            self.down_until = time.monotonic() + seconds
            sockets, self.open = self.open, []
        for s in sockets:
            try:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                s.close()
            except OSError:
                pass


def start_server(base: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "ARCHIVE_INSTANCE_PATH": str(base / "instance"),
        "ARCHIVE_MEDIA_ROOT": str(base / "media"),
        "ARCHIVE_SERVE_WORKERS": "0",
        "STORY_ARCHIVE_PASSWORD": PASSWORD,
    }
    cli = str(BIN / "story-archive")
    subprocess.run([cli, "init"], env=env, check=True, capture_output=True)
    subprocess.run(
        [cli, "create-user", EMAIL, "--role", "facilitator"], env=env, check=True, capture_output=True
    )
    server = subprocess.Popen(
        [cli, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def token(session: requests.Session, url: str) -> str:
    html = session.get(url).text
    marker = 'name="csrf_token" type="hidden" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def upload(base_url: str, session: requests.Session, path: Path, piece: int, link: Link, cuts: list[int]):
    """Send ``path`` as the page does; cut the link when the bytes sent pass each of ``cuts``."""
    csrf = token(session, base_url + "/ingest/new")
    size = path.stat().st_size
    headers = {**TUS, "X-CSRFToken": csrf}
    created = session.post(
        base_url + "/ingest/uploads",
        headers={**headers, "Upload-Length": str(size), "Upload-Metadata": "field cmVjb3JkaW5n"},
    )
    assert created.status_code == 201, created.text
    url = base_url + created.headers["Location"]
    confirmed = 0  # the highest offset the server said it holds
    resent_finished = 0
    failures = 0
    offset = 0
    with open(path, "rb") as fh:
        while offset < size:
            if cuts and link.sent_up >= cuts[0]:
                cuts.pop(0)
                threading.Timer(0.5, link.cut, args=(3.0,)).start()  # in the middle of the next piece
            fh.seek(offset)
            body = fh.read(piece)
            if offset < confirmed:
                resent_finished += 1
            try:
                r = session.patch(
                    url,
                    data=body,
                    headers={
                        **headers,
                        "Upload-Offset": str(offset),
                        "Content-Type": "application/offset+octet-stream",
                    },
                    timeout=60,
                )
                if r.status_code != 204:
                    raise RuntimeError(f"PATCH answered {r.status_code}: {r.text}")
                offset = confirmed = int(r.headers["Upload-Offset"])
            except (requests.ConnectionError, requests.Timeout):
                failures += 1
                while True:  # wait for the signal, then ask where the upload stands
                    time.sleep(1.0)
                    try:
                        asked = session.head(url, headers=TUS, timeout=30)
                        offset = int(asked.headers["Upload-Offset"])
                        confirmed = max(confirmed, offset)
                        break
                    except (requests.ConnectionError, requests.Timeout):
                        continue
    return resent_finished, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="length of the recording")
    parser.add_argument("--kbps", type=float, default=256.0, help="the link's speed, kbit/s each way")
    parser.add_argument("--piece", type=int, default=64 * 1024, help="bytes per PATCH (field.js: 65536)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as tmp:
        base = Path(tmp)
        recording = base / "story.ogg"
        make_recording(recording, args.minutes)
        size = recording.stat().st_size
        port = free_port()
        server = start_server(base, port)
        try:
            link = Link(port, args.kbps * 1000 / 8)
            base_url = f"http://127.0.0.1:{link.port}"
            session = requests.Session()
            csrf = token(session, base_url + "/login")
            signed = session.post(
                base_url + "/login",
                data={"email": EMAIL, "password": PASSWORD, "csrf_token": csrf},
                allow_redirects=False,
            )
            assert signed.status_code == 302, signed.status_code
            before = link.sent_up
            started = time.monotonic()
            resent, failures = upload(
                base_url, session, recording, args.piece, link, [before + size // 3, before + 2 * size // 3]
            )
            elapsed = time.monotonic() - started
            sent = link.sent_up - before
            part = next((base / "instance" / "uploads").glob("*.part"))
            whole = part.read_bytes() == recording.read_bytes()
        finally:
            server.terminate()
            server.wait(timeout=30)
    ideal = size / (args.kbps * 1000 / 8)
    ratio = sent / size
    print(f"recording: {args.minutes:g} min Opus, {size:,} bytes; link {args.kbps:g} kbit/s, cut twice")
    print(f"bytes up the link: {sent:,} ({ratio:.3f}x the file; target <= {TARGET_RATIO}x)")
    print(f"failed requests: {failures}; finished pieces sent twice: {resent} (target 0)")
    print(f"time: {elapsed:.1f} s (the file alone at link speed: {ideal:.1f} s)")
    print(f"server holds the whole file, byte for byte: {whole}")
    ok = ratio <= TARGET_RATIO and resent == 0 and whole and failures >= 2
    print("PASS" if ok else "MISS")


if __name__ == "__main__":
    main()
