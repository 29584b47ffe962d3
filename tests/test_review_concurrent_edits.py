"""Two reviewers saving the same text at the same moment: one is saved, the other gets 409 with their
version kept in the box, and neither correction is lost. Real threads through the real views."""

from __future__ import annotations

import threading

from archive.extensions import db
from archive.models import Story
from tests.review_helpers import base as base_of

TRIALS = 6


def save_together(app, first, second, page: str, texts: tuple[str, str]):
    """Both reviewers send their version of the text they both opened, released by one barrier."""
    base = base_of(first, page)
    assert base_of(second, page) == base
    tokens = [client.csrf_token(page) for client in (first, second)]
    start = threading.Barrier(2)
    answers: dict[int, object] = {}
    errors: list[BaseException] = []

    def send(k: int, client) -> None:
        try:
            start.wait()
            answers[k] = client.post(
                f"{page}/text", data={"csrf_token": tokens[k], "text": texts[k], "base": base}
            )
        except BaseException as err:  # handed to the test
            errors.append(err)

    threads = [threading.Thread(target=send, args=(k, c)) for k, c in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    return answers[0], answers[1]


def test_two_reviewers_saving_at_once_lose_nothing(app, ingest, login_as):
    _, story_id, _, _ = ingest()
    page = f"/review/{story_id}"
    first, second = login_as("reviewer"), login_as("reviewer")
    for trial in range(TRIALS):
        texts = (f"First reviewer's version {trial}.", f"Second reviewer's version {trial}.")
        answers = save_together(app, first, second, page, texts)
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [302, 409], f"trial {trial}: {statuses}"
        saved = 0 if answers[0].status_code == 302 else 1
        refused = answers[1 - saved]
        html = refused.get_data(as_text=True)
        assert "changed by someone else" in html
        # The refused version waits in the box, escaped, for the reviewer to compare and save again.
        assert texts[1 - saved].replace("'", "&#39;") in html
        with app.app_context():
            assert db.session.get(Story, story_id).body == texts[saved]
            db.session.remove()
