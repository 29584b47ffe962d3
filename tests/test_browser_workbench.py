"""The reviewer's workbench in a real browser (Debian's headless Chromium through Playwright), at 1280 px
and on a 360 px touch phone: a tap on a word of the transcript seeks the recording to that word, words
selected in the transcript are marked, a stretch is marked by time (typed, and from the player's
position), the preview shows the labels, and nothing scrolls sideways.

The browser and the live server are ``tests/fixtures/browser.py``'s: skipped, with the reason, where
Chromium or Playwright is missing; with CI=true that is a failure.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import Story, TimeMark, Transcript
from ingest.listen_for import word_places
from ingest.transcript_edit import from_rows
from tests.conftest import PASSWORD

# `make test-postgres` leaves these out (tests/conftest.py): one browser run is enough.
pytestmark = pytest.mark.one_database(
    "what the workbench's page does in a browser (layout, touch targets, the script's marks) "
    "cannot differ between databases; the marks and decisions it saves are tested on both in "
    "tests/test_workbench.py"
)

TOLERANCE_S = 0.3
TARGET_PX = 44

WATCH_SEEKS = """() => {
  const audio = document.querySelector('audio[data-player]');
  window.seeks = [];
  audio.addEventListener('seeked', () => window.seeks.push(audio.currentTime));
}"""

# The box of characters [a, b) of the working text in the timed transcript (its segments' data-o and
# text, character for character; Korean text is all in the Basic Multilingual Plane).
WORD_RANGE = """([a, b, select]) => {
  for (const seg of document.querySelectorAll('#review-transcript [data-o]')) {
    const base = Number(seg.dataset.o);
    const walker = document.createTreeWalker(seg.querySelector('.tx'), NodeFilter.SHOW_TEXT);
    let pos = base, node;
    while ((node = walker.nextNode())) {
      if (a >= pos && a < pos + node.data.length) {
        node.parentElement.scrollIntoView({block: 'center'});
        const range = document.createRange();
        range.setStart(node, a - pos);
        range.setEnd(node, Math.min(b - pos, node.data.length));
        if (select) {
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          seg.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }
        const r = range.getBoundingClientRect();
        return {x: r.left + r.width / 2, y: r.top + r.height / 2, text: range.toString()};
      }
      pos += node.data.length;
    }
  }
  return null;
}"""

MEASURE = """(px) => {
  const picked = 'input:not([type=hidden]), select, textarea, button, summary, audio, a.button, '
    + 'header a, footer a, nav a';
  const shown = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const small = [], seen = new Set();
  for (const el of document.querySelectorAll(picked)) {
    const target = el.matches('input[type=checkbox], input[type=radio]') ? (el.closest('label') || el) : el;
    if (seen.has(target) || !shown(target)) continue;
    seen.add(target);
    const r = target.getBoundingClientRect();
    if (r.width < px - 0.5 || r.height < px - 0.5) {
      small.push(target.tagName + ' "' + (target.innerText || target.name || '').trim().slice(0, 30) + '" '
        + Math.round(r.width) + 'x' + Math.round(r.height));
    }
  }
  return {width: document.documentElement.scrollWidth, viewport: window.innerWidth, small, seen: seen.size};
}"""


def words_and_places(app, story_id: str):
    with app.app_context():
        story = db.session.get(Story, story_id)
        words = from_rows(db.session.get(Transcript, story_id).words)
        places = word_places(story.body, words)
        body = story.body
        db.session.remove()
    return body, words, places


def spans_and_marks(app, story_id: str):
    with app.app_context():
        story = db.session.get(Story, story_id)
        spans = [(story.body[s.start : s.end], s.source, s.decision) for s in story.spans]
        marks = [
            (m.start_s, m.end_s)
            for m in db.session.scalars(select(TimeMark).where(TimeMark.story_id == story_id))
        ]
        db.session.remove()
    return spans, marks


@pytest.fixture(params=["desktop", "phone"])
def screen(request, chromium):
    if request.param == "desktop":
        return chromium.new_page(viewport={"width": 1280, "height": 900})
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    return context.new_page()


def test_the_workbench_in_a_browser(app, live_server, screen, upload_recording, quick_user):
    up = upload_recording("clinic_visit.wav", speaker="김민수")
    body, words, places = words_and_places(app, up.story_id)
    page = screen
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", quick_user("reviewer"))
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button")
    page.wait_for_load_state("load")
    page.goto(f"{live_server}/review/{up.story_id}")
    page.wait_for_load_state("load")

    found = page.evaluate(MEASURE, TARGET_PX)
    assert found["width"] <= found["viewport"], f"the review page scrolls sideways: {found['width']} px"
    assert not found["small"], f"targets under {TARGET_PX} px: {found['small']}"
    assert page.is_visible("select[data-speed]") and page.is_visible("#transcript-help")
    assert page.locator("#review-transcript").count() == 1 and page.locator("#review-text").count() == 0, (
        "the transcript is shown once"
    )

    # A tap (or click) on a word well into the recording seeks there and plays.
    page.evaluate(WATCH_SEEKS)
    index = next(i for i, w in enumerate(words) if w.start > 2.0 and len(w.word) >= 2)
    a, b = places[index]
    box = page.evaluate(WORD_RANGE, [a, b, False])
    assert box and box["text"] == words[index].word
    if page.viewport_size["width"] < 400:
        page.touchscreen.tap(box["x"], box["y"])
    else:
        page.mouse.click(box["x"], box["y"])
    page.wait_for_function("() => window.seeks.length > 0", timeout=15_000)
    landed = page.evaluate("() => window.seeks[window.seeks.length - 1]")
    assert abs(landed - words[index].start) <= TOLERANCE_S, (landed, words[index])
    page.wait_for_selector("#review-transcript .w.now")

    # "Start here" takes the player's position into the stretch; then a typed stretch is marked.
    page.evaluate("() => document.querySelector('audio[data-player]').pause()")
    page.click("#mark-time [data-now=start]")
    assert page.input_value("#mark-time [name=stretch]").startswith("0:0")
    page.fill("#mark-time [name=stretch]", "0:01-0:01.5")
    page.click("#mark-time button:has-text('Cover this stretch')")
    page.wait_for_load_state("load")
    assert "(1.0, 1.5)" in str(spans_and_marks(app, up.story_id)[1])

    # Selecting a word fills in the characters; marking it adds an accepted span over exactly it.
    other = next(i for i, w in enumerate(words) if i != index and w.start > 3.0 and len(w.word) >= 2)
    a, b = places[other]
    page.evaluate(WORD_RANGE, [a, b, True])
    assert page.input_value("#add-span [name=start]") == str(a)
    assert page.input_value("#add-span [name=end]") == str(b)
    page.select_option("#add-span [name=kind]", "LOCATION")
    page.click("#add-span button:has-text('Mark for removal')")
    page.wait_for_load_state("load")
    spans, _marks = spans_and_marks(app, up.story_id)
    assert (body[a:b], "manual", "accepted") in spans

    # The preview shows the text as educators will read it: labels where the marks are.
    preview = page.inner_text("#preview-text")
    assert "[PLACE]" in preview and body[a:b] not in preview
    found = page.evaluate(MEASURE, TARGET_PX)
    assert found["width"] <= found["viewport"]
