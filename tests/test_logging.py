"""The server's log (archive/logs.py): each line has the time in UTC, the level and the request's id;
a request is logged by its route's pattern; no story's words, title, names or ids reach the log."""

from __future__ import annotations

import io
import logging
import re

import pytest

from archive.logs import configure_logging
from tests.fixtures.stories import STORY_TEXT

LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) "
    r"\[(?P<request>[0-9a-f]{16}|-)\] (?P<logger>[\w.]+): (?P<message>.*)$"
)


@pytest.fixture
def log_lines():
    """Configure the log as ``serve`` does, into a buffer; give back its lines; undo it afterwards."""
    root = logging.getLogger()
    level = root.level
    buffer = io.StringIO()
    handler = configure_logging("INFO", buffer)
    yield lambda: buffer.getvalue().splitlines()
    root.removeHandler(handler)
    root.setLevel(level)


def test_every_request_is_one_line_with_its_id_and_nothing_of_the_story(
    app, auth, ingest, publish, log_lines
):
    facilitator, story_id, code, secret = ingest()
    publish(story_id)
    educator = auth.staff("educator")
    page = educator.get(f"/stories/{story_id}")
    assert page.status_code == 200
    searched = educator.get("/library?q=tuberculosis+Gachika")
    assert searched.status_code == 200
    storyteller = auth.storyteller(code, secret)
    assert storyteller.get("/consent/mine").status_code == 200
    missing = educator.get("/stories/not-a-story-id")
    assert missing.status_code == 404

    lines = log_lines()
    assert lines and all(LINE_RE.match(line) for line in lines), "\n".join(lines)
    requests = [LINE_RE.match(line) for line in lines if "archive.requests" in line]
    ids = {m["request"] for m in requests}
    for response in (page, searched, missing):
        assert re.fullmatch(r"[0-9a-f]{16}", response.headers["X-Request-Id"])
        assert response.headers["X-Request-Id"] in ids, "the id answered is the one logged"
    assert page.headers["X-Request-Id"] != searched.headers["X-Request-Id"]
    messages = [m["message"] for m in requests]
    assert any(re.fullmatch(r"GET /stories/<story_id> 200 \d+ ms", m) for m in messages)
    assert any(re.fullmatch(r"GET /stories/<story_id> 404 \d+ ms", m) for m in messages)
    assert any(re.fullmatch(r"GET /library 200 \d+ ms", m) for m in messages)

    text = "\n".join(lines)
    secrets_of_the_story = [story_id, "not-a-story-id", code, code.replace("-", ""), secret]
    words_of_the_story = ["tuberculosis", "Gachika", "Wanjiru", "Achieng", "Otieno", "Gitaru", "cough"]
    for value in secrets_of_the_story + words_of_the_story + [STORY_TEXT[:40]]:
        assert value.lower() not in text.lower(), f"{value!r} reached the log"
