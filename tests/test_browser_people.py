"""Facilitators' and storytellers' main pages on a cheap phone, in a real browser: Debian's headless
Chromium (Playwright), 360 px wide, touch, on the real app served from a local port.

On every page: nothing scrolls sideways, and no control is a touch target under 44 px (a box's target
is its label; links inside running text are exempt, as WCAG 2.5.8 exempts them). The new-story form,
refused for a missing consent box, keeps the chosen recording on the server, moves focus to its error
summary, shows only the consent fields of the chosen way, and then saves the story with the kept
recording without choosing the file again.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import MediaFile, MediaKind, Story
from tests.conftest import PASSWORD
from tests.fixtures.audio import fixture
from tests.fixtures.browser import send_with_recording

# `make test-postgres` leaves these out (tests/conftest.py): one browser run is enough.
pytestmark = pytest.mark.one_database(
    "how a phone's browser lays out and works these pages cannot differ between databases; what "
    "the pages read and write is tested on both through the test client (tests/test_new_story_form.py, "
    "tests/test_self_service.py)"
)

TARGET_PX = 44
# Every control on the page, and the links that stand alone (menus, buttons made of links, lists of
# stories and languages); each box counts by its label.
MEASURE = """(px) => {
  const picked = 'input:not([type=hidden]), select, textarea, button, summary, audio, a.button, '
    + 'header a, footer a, nav a, .languages a, ul.story-list .title a, .error-summary a';
  const shown = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.name ? '[name=' + el.name + ']' : '')
    + ' "' + (el.innerText || el.value || '').trim().slice(0, 30) + '"';
  const small = [], seen = new Set();
  for (const el of document.querySelectorAll(picked)) {
    const target = el.matches('input[type=checkbox], input[type=radio]') ? (el.closest('label') || el) : el;
    if (seen.has(target) || !shown(target)) continue;
    seen.add(target);
    const r = target.getBoundingClientRect();
    if (r.width < px - 0.5 || r.height < px - 0.5) {
      small.push(name(target) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
    }
  }
  return {width: document.documentElement.scrollWidth, viewport: window.innerWidth, small, seen: seen.size};
}"""


def fits_a_phone(page, what: str) -> None:
    page.wait_for_load_state("load")
    found = page.evaluate(MEASURE, TARGET_PX)
    assert found["seen"] > 2, f"{what}: nothing measured"
    assert found["width"] <= found["viewport"], f"{what} scrolls sideways: {found['width']} px"
    assert not found["small"], f"{what}: targets under {TARGET_PX} px: {found['small']}"


def sign_in_staff(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button")
    page.wait_for_load_state("load")


def test_the_facilitator_s_pages_on_a_phone(app, live_server, phone_page, quick_user, ingest):
    page = phone_page
    email = quick_user("facilitator")
    sign_in_staff(page, live_server, email)

    # The new-story form: one form for recorded and typed stories.
    page.goto(f"{live_server}/ingest/new")
    assert page.title().startswith("New story (recorded or typed)")
    fits_a_phone(page, "the new-story form")

    page.fill("#title", "Waiting at the clinic")
    page.select_option("#language", "sw")
    page.set_input_files("#recording", str(fixture("clinic_visit.ogg")))
    page.fill("#speaker", "Amina Yusuf")
    page.click("label[for=modalities-0]")
    page.click("label[for=method-0]")  # signed: no witness, no consent recording asked for
    assert not page.is_visible("#witness") and not page.is_visible("#consent_recording")
    page.click("label[for=method-1]")  # a thumbprint needs its witness
    assert page.is_visible("#witness")
    page.click("label[for=method-0]")
    # No purpose ticked: refused. The recording goes ahead resumably (field.js), then the form.
    send_with_recording(page, "form#new-story > button")

    assert page.title().startswith("Error: ")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    assert "Record at least one purpose the storyteller agreed to." in page.inner_text("#error-summary")
    kept = page.inner_text("#recording-kept")
    assert "Recording kept: clinic_visit.ogg, 0:08." in kept
    assert page.input_value("#title") == "Waiting at the clinic"  # what was typed comes back
    fits_a_phone(page, "the refused new-story form")

    page.click("#error-summary a[href='#purposes-0']")
    page.click("label[for=purposes-0]")
    page.click("form#new-story > button")  # no file chosen again: the kept one goes with the story
    page.wait_for_load_state("load")
    assert page.is_visible("#consent-card")
    fits_a_phone(page, "the consent card")
    story_id = page.get_attribute("a:text('Go to the story')", "href").rsplit("/", 1)[1]
    with app.app_context():
        story = db.session.get(Story, story_id)
        original = db.session.scalar(
            select(MediaFile).where(MediaFile.story_id == story_id, MediaFile.kind == MediaKind.ORIGINAL)
        )
        assert story.kind == "audio" and original is not None
        db.session.remove()

    for path, what in (
        ("/ingest/stories", "the story list"),
        (f"/ingest/stories/{story_id}", "a story's page"),
        (f"/ingest/stories/{story_id}/details", "the corrections form"),
    ):
        page.goto(live_server + path)
        fits_a_phone(page, what)


def test_the_storyteller_s_pages_on_a_phone(app, live_server, phone_page, ingest, publish, sign_in):
    _, story_id, code, secret = ingest(language="ne", storyteller_language="ne")
    publish(story_id)
    educator = sign_in("educator")
    assert educator.get(f"/stories/{story_id}").status_code == 200
    page = phone_page

    page.goto(f"{live_server}/consent/")
    fits_a_phone(page, "the storyteller's start page")
    page.fill("#code", code)
    page.fill("#secret", secret)
    page.click("main form button")
    page.wait_for_load_state("load")
    assert page.get_attribute("html", "lang") == "ne"
    assert "तपाईंको कथा" in page.inner_text("h1")
    fits_a_phone(page, "the storyteller's page")

    page.goto(f"{live_server}/consent/change")
    fits_a_phone(page, "the change page")
    page.goto(f"{live_server}/consent/withdraw")
    fits_a_phone(page, "the withdrawal page")
    for code in ("ko", "hi", "fr"):
        page.goto(f"{live_server}/consent/mine?lang={code}")
        fits_a_phone(page, f"the storyteller's page in {code}")
