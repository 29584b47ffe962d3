"""Educators', reviewers' and admins' main pages on a cheap phone, in a real browser (Debian's headless
Chromium, Playwright, 360 px wide, touch): nothing scrolls sideways and no control is a touch target
under 44 px (``tests/test_browser_people.py``'s measure). On the way, what only a browser shows: a
clip's start and end taken from the player's position, a report of a problem sent from the story page,
and an account made on the admin's page with its password shown once.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import Clip, StoryReport
from tests.test_browser_people import fits_a_phone, sign_in_staff

# `make test-postgres` leaves these out (tests/conftest.py): one browser run is enough.
pytestmark = pytest.mark.one_database(
    "how a phone's browser lays out and works these pages cannot differ between databases; what "
    "the pages read and write is tested on both through the test client (tests/test_roles.py, "
    "tests/test_admin_users.py, tests/test_clips.py)"
)

# Load the recording's metadata (the page asks for nothing before play) and put the player at ``t``.
SEEK = """async (t) => {
  const audio = document.querySelector('article audio');
  if (audio.readyState < 1) {
    await new Promise((ok, fail) => {
      audio.addEventListener('loadedmetadata', ok, {once: true});
      audio.addEventListener('error', fail, {once: true});
      audio.preload = 'metadata';
      audio.load();
    });
  }
  await new Promise(ok => { audio.addEventListener('seeked', ok, {once: true}); audio.currentTime = t; });
  return audio.currentTime;
}"""


def test_the_educator_s_pages_on_a_phone(app, live_server, phone_page, recorded, quick_user):
    up = recorded  # the session's published recorded story
    page = phone_page
    sign_in_staff(page, live_server, quick_user("educator"))

    page.goto(f"{live_server}/library")
    fits_a_phone(page, "the library")
    assert "Recorded, " in page.inner_text("ol.hits")
    page.click("a:text('Can be heard')")
    page.wait_for_load_state("load")
    assert page.locator("ol.hits > li").count() == 1
    fits_a_phone(page, "the library, recordings only")

    page.goto(f"{live_server}/stories/{up.story_id}")
    fits_a_phone(page, "a story with its player")
    assert "Transcript made by a speech recogniser" in page.inner_text(".provenance")

    # A clip from the player's position: the buttons show only with the script and a player.
    page.click("details.clip-maker summary")
    fits_a_phone(page, "a story with the clip form open")
    assert abs(page.evaluate(SEEK, 2.0) - 2.0) < 0.3
    page.click("button[data-clip-now=clip-start]")
    assert page.input_value("#clip-start") == "0:02.0"
    page.evaluate(SEEK, 5.0)
    page.click("button[data-clip-now=clip-end]")
    assert page.input_value("#clip-end") == "0:05.0"
    page.fill("#clip-title", "Waiting")
    page.click("#clip-form > button")
    page.wait_for_load_state("load")
    fits_a_phone(page, "a clip's page")
    with app.app_context():
        clip = db.session.scalar(select(Clip).where(Clip.story_id == up.story_id))
        assert (clip.start_s, clip.end_s) == (2.0, 5.0)
        db.session.remove()

    # A report of a problem, sent where the player stands.
    page.goto(f"{live_server}/stories/{up.story_id}")
    page.evaluate(SEEK, 3.0)
    page.click("#report summary")
    fits_a_phone(page, "a story with the report form open")
    page.click("#report label.check >> nth=0")
    page.fill("#note", "A word is misheard near the start")
    page.click("#report form button")
    page.wait_for_load_state("load")
    assert "Your report is with the reviewers" in page.inner_text("main")
    with app.app_context():
        report = db.session.scalar(select(StoryReport).where(StoryReport.story_id == up.story_id))
        assert report.kind == "transcript" and report.at_seconds == 3.0
        db.session.remove()

    for path, what in (("/teaching/sets", "the teaching sets"), ("/account", "the account page")):
        page.goto(live_server + path)
        fits_a_phone(page, what)


def test_the_reviewer_s_and_the_admin_s_pages_on_a_phone(
    app, live_server, phone_page, ingest, publish, sign_in, quick_user
):
    _, story_id, _, _ = ingest()
    publish(story_id)
    educator = sign_in("educator")
    educator.submit(
        f"/stories/{story_id}/report", {"kind": "redaction", "note": "A village is named"}, page="/library"
    )
    ingest()  # one waiting for review
    page = phone_page

    sign_in_staff(page, live_server, quick_user("reviewer"))
    fits_a_phone(page, "the review queue")
    page.click("a:text('Reports from educators')")
    page.wait_for_load_state("load")
    fits_a_phone(page, "the reports")
    page.click("ol.reports .title a")
    page.wait_for_load_state("load")
    fits_a_phone(page, "a report")
    page.click("main form button")  # close it
    page.wait_for_load_state("load")
    assert "No report is open" in page.inner_text("main")
    page.goto(f"{live_server}/account")
    fits_a_phone(page, "the reviewer's account page")

    page.context.clear_cookies()
    sign_in_staff(page, live_server, quick_user("admin"))
    fits_a_phone(page, "the admin's page")
    page.goto(f"{live_server}/admin/users")
    fits_a_phone(page, "the staff accounts")
    page.fill("#email", "new.educator@example.org")
    page.select_option("#role", "educator")
    with page.expect_navigation():
        page.click("form[aria-labelledby=new-account] button")
    # The new password's card takes the focus (autofocus), so a screen reader reads it at once.
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'shown'")
    assert "new.educator@example.org" in page.inner_text("#shown")
    fits_a_phone(page, "the staff accounts with a new password shown")
    for path, what in (
        ("/admin/jobs", "the failed jobs"),
        ("/admin/speech-models", "the speech models"),
        ("/admin/consent-events", "the consent audit trail"),
        ("/admin/consent-events?event=granted", "the audit trail filtered"),
    ):
        page.goto(live_server + path)
        fits_a_phone(page, what)
