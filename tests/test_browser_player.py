"""The synced player in a real browser: Debian's headless Chromium, driven by Playwright, on the real
app serving a real published recorded story from a local port.

An educator signs in through the login form, opens the story page, clicks a word of the transcript
(before anything of the recording or its timings was fetched), and the recording seeks to the moment
that word is said; then a word picked with the keyboard (arrow keys, Enter) and the speed control.

The browser and the live server are ``tests/fixtures/browser.py``'s: skipped, with the reason, where
Chromium or Playwright is missing; with CI=true that is a failure.
"""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD

# `make test-postgres` leaves these out (tests/conftest.py): one browser run is enough.
pytestmark = pytest.mark.one_database(
    "what the player's script does in a browser (seeking, the word said highlighted) cannot "
    "differ between databases; the story page and the word timings it fetches are tested on both in "
    "tests/test_story_player.py"
)

NAME = "마유미"
# How close the recording's position must come to the word's start (the media's seek granularity).
TOLERANCE_S = 0.3


def _timings(app, story_id: str) -> tuple[str, list]:
    from archive.extensions import db
    from archive.models import Story

    with app.app_context():
        story = db.session.get(Story, story_id)
        found = story.published_text, story.published_timings
        db.session.remove()
    return found


# Record every position the recording lands on after a seek, from inside the page.
WATCH_SEEKS = """() => {
  const audio = document.querySelector('audio[data-player]');
  window.seeks = [];
  audio.addEventListener('seeked', () => window.seeks.push(audio.currentTime));
}"""

# The middle of the word at offsets [a, b) of the published text, found in the page's segments the way
# the player maps offsets (each segment's data-o and its text, character for character).
WORD_BOX = """([a, b]) => {
  for (const seg of document.querySelectorAll('[data-transcript] [data-o]')) {
    const base = Number(seg.dataset.o);
    const walker = document.createTreeWalker(seg.querySelector('.tx'), NodeFilter.SHOW_TEXT);
    let pos = base, node;
    while ((node = walker.nextNode())) {
      if (a >= pos && a < pos + node.data.length) {
        const range = document.createRange();
        range.setStart(node, a - pos);
        range.setEnd(node, Math.min(b - pos, node.data.length));
        const r = range.getBoundingClientRect();
        return {x: r.left + r.width / 2, y: r.top + r.height / 2, text: range.toString()};
      }
      pos += node.data.length;
    }
  }
  return null;
}"""


def test_clicking_a_transcript_word_moves_the_recording_there(
    app, recorded, live_server, browser_page, quick_user
):
    up = recorded  # the session's published recording of clinic_visit.wav, NAME heard in it
    text, timings = _timings(app, up.story_id)
    # A word well into the recording, so a seek there cannot be mistaken for the start.
    target = next(t for t in reversed(timings) if t[2] > 1.0 and not text[t[0] : t[1]].startswith("["))
    word = text[target[0] : target[1]]

    page = browser_page
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", quick_user("educator"))
    page.fill("input[name=password]", PASSWORD)
    page.click("form button")
    page.wait_for_url(f"{live_server}/library")

    fetched.clear()
    page.goto(f"{live_server}/stories/{up.story_id}")
    page.wait_for_load_state("load")
    assert not [u for u in fetched if u.endswith("/audio") or "timings.json" in u], (
        "nothing of the recording or its timings is fetched with the page"
    )
    assert not [u for u in fetched if not u.startswith(live_server)], "no outside address"
    assert page.is_visible("select[data-speed]"), "the script shows the speed control"
    page.evaluate(WATCH_SEEKS)

    box = page.evaluate(WORD_BOX, [target[0], target[1]])
    assert box and box["text"] == word
    page.mouse.click(box["x"], box["y"])
    page.wait_for_function("() => window.seeks.length > 0", timeout=15_000)
    landed = page.evaluate("() => window.seeks[window.seeks.length - 1]")
    assert abs(landed - target[2]) <= TOLERANCE_S, (landed, target)
    assert any("timings.json" in u for u in fetched), "the timings came on request"
    # The words are wrapped now; the clicked one is the current word.
    page.wait_for_selector("[data-transcript] .w.now")
    assert page.inner_text("[data-transcript] .w.now") == word
    assert page.locator("[data-transcript] .w").count() == len(timings)

    # The keyboard: one tab stop in the text, arrow keys between words, Enter listens from there.
    page.evaluate("() => document.querySelector('audio[data-player]').pause()")
    first = next(i for i, t in enumerate(timings) if t[2] >= 0.3)
    page.focus(f'[data-transcript] .w[data-i="{first + 1}"]')
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("() => document.activeElement.dataset.i") == str(first)
    page.evaluate("() => { window.seeks = []; }")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.seeks.length > 0", timeout=15_000)
    landed = page.evaluate("() => window.seeks[window.seeks.length - 1]")
    assert abs(landed - timings[first][2]) <= TOLERANCE_S, (landed, timings[first])

    page.select_option("select[data-speed]", "1.5")
    assert page.evaluate("() => document.querySelector('audio[data-player]').playbackRate") == 1.5
