"""When the search index is locked by another writer: publishing waits and fails cleanly, withdrawal
still completes, and the stale entry can never be shown."""

from __future__ import annotations

import pytest

from archive.extensions import db
from archive.models import Story


@pytest.fixture
def locked_index(app):
    """Hold the index's write lock, as a long reindex in another process would."""
    app.extensions["search_index"].writer_timeout = 0.2
    with app.app_context():
        writer = app.extensions["search_index"]._index().writer()
    yield
    writer.cancel()


def test_publish_with_a_locked_index_fails_cleanly(app, ingest, login_as, locked_index):
    _, story_id, _, _ = ingest()
    reviewer = login_as("reviewer")
    response = reviewer.submit(f"/review/{story_id}/publish", {}, page=f"/review/{story_id}")
    assert response.status_code == 503
    assert "search index is busy" in response.get_data(as_text=True)
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert story.status == "needs_review" and story.published_text is None


def test_withdrawal_completes_even_with_a_locked_index(app, client, ingest, publish, login_as):
    _, story_id, code, secret = ingest()
    publish(story_id)
    educator = login_as("educator")
    assert f"/stories/{story_id}" in educator.get("/library?q=tomatoes").get_data(as_text=True)

    index = app.extensions["search_index"]
    index.writer_timeout = 0.2
    with app.app_context():
        writer = index._index().writer()
    try:
        client.submit("/consent/", {"code": code, "secret": secret})
        response = client.submit("/consent/withdraw", {}, page="/consent/withdraw")
        assert response.status_code == 302
    finally:
        writer.cancel()

    with app.app_context():
        assert db.session.get(Story, story_id).status == "withdrawn"
        assert index.contains(story_id)  # the lock kept the entry in the index ...
    # ... but no view shows it, because every hit is checked against the database.
    assert f"/stories/{story_id}" not in educator.get("/library?q=tomatoes").get_data(as_text=True)
    assert educator.get("/api/v1/search?q=tomatoes").get_json()["results"] == []
    assert educator.get(f"/stories/{story_id}").status_code == 404
    # `reindex` clears the stale entry.
    assert app.test_cli_runner().invoke(args=["reindex"]).exit_code == 0
    with app.app_context():
        assert not index.contains(story_id)
