"""A long story is reviewed part by part, so the review page stays under the 60 KB page budget.

A 30-minute recording holds about 4,500 words. On one page its marked transcript, the decisions
table, the correction box and the preview of the published text each held the whole story, and the
page weighed well over 60 KB. Now the page shows one part of the story at a time (about
``REVIEW_PART_BYTES`` bytes of text, cut between words and never inside a marked span): its text, the
decisions for the marks that begin in it, a correction box holding that part alone and the preview of
that part. The parts are listed with how many marks wait in each, and publishing still needs every
mark decided, in every part. A short story is one part, and its page is as it was.
"""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from archive.extensions import db
from archive.models import RedactionSpan, SpanDecision, Story, Transcript
from tests.fixtures.stories import PENDING_ROW_RE

BUDGET = 60_000
SENTENCES = (
    "The nurse said my blood pressure was high and I should come back every month.",
    "The bus costs more than a day of work, so I waited until the headaches would not stop.",
    "My daughter carried me to the clinic where nobody explained why the tablets made me dizzy.",
    "I told Wanjiru Achieng about the tablets and she said her mother had the same trouble.",
    "Doctor Kipchoge Mwangi wrote his number, 0733 912 604, on the back of my card.",
    "We sat in the waiting room from morning until the sun went down behind the water tank.",
)


def long_text(words: int) -> str:
    """About ``words`` words of story, in paragraphs, naming the storyteller now and then."""
    out, para, count = [], [], 0
    i = 0
    while count < words:
        sentence = SENTENCES[i % len(SENTENCES)]
        para.append(sentence)
        count += len(sentence.split())
        i += 1
        if i % 6 == 0:
            out.append(" ".join(para))
            para = []
    out.append(" ".join(para))
    return "\n\n".join(p for p in out if p)


def weight(client, response) -> int:
    """Bytes of the page and of the stylesheets it links: what a phone fetches before any audio."""
    css = 0
    for href in re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', response.get_data(as_text=True)):
        sheet = client.get(href)
        css += len(sheet.get_data())
        sheet.close()
    assert css, "the page links its stylesheet"
    return len(response.get_data()) + css


def part_links(page: str) -> list[str]:
    return re.findall(r'href="/review/[\w-]+\?part=(\d+)"', page)


def test_a_long_typed_story_is_reviewed_in_parts_each_under_the_page_budget(app, ingest, login_as):
    text = long_text(4500)
    _, story_id, _, _ = ingest(text=text, title="A long wait")
    reviewer = login_as("reviewer")

    first = reviewer.get(f"/review/{story_id}")
    assert first.status_code == 200
    page = first.get_data(as_text=True)
    assert weight(reviewer, first) < BUDGET
    parts = sorted(set(part_links(page)), key=int)
    assert len(parts) >= 3, "a 4,500-word story should come in several parts"
    assert "Part 1 of" in page

    with app.app_context():
        story = db.session.get(Story, story_id)
        body = story.body
        marks = [(s.start, s.end, s.decision) for s in story.spans]
    assert sum(1 for _s, _e, d in marks if d == SpanDecision.PENDING) > 10, "detection left marks to decide"

    seen_rows: set[str] = set()
    shown_text = ""
    for n in range(1, len(parts) + 1):
        response = reviewer.get(f"/review/{story_id}?part={n}")
        assert response.status_code == 200
        assert weight(reviewer, response) < BUDGET, n
        part_page = response.get_data(as_text=True)
        rows = set(PENDING_ROW_RE.findall(part_page))
        assert not rows & seen_rows, "a mark's decision is offered in one part only"
        seen_rows |= rows
        box = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', part_page, re.DOTALL)
        assert box, "each part has its own correction box"
        shown_text += html.unescape(box.group(1)).lstrip("\r\n")
    # Every pending mark is offered in exactly one part, and the parts' boxes hold the whole text.
    assert len(seen_rows) == sum(1 for _s, _e, d in marks if d == SpanDecision.PENDING)
    assert shown_text == body

    # Publishing waits for every part's marks, not only the part on screen.
    page2 = reviewer.get(f"/review/{story_id}?part=2").get_data(as_text=True)
    assert re.search(r"<button\s+disabled>Publish to the library</button>", page2)


def test_a_correction_in_one_part_changes_only_that_part(app, ingest, login_as):
    text = long_text(4500)
    _, story_id, _, _ = ingest(text=text, title="A long wait")
    reviewer = login_as("reviewer")
    page = reviewer.get(f"/review/{story_id}?part=2").get_data(as_text=True)
    box = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    part_text = html.unescape(box.group(1)).lstrip("\r\n")
    assert "water tank" in part_text
    fields = dict(re.findall(r'<input[^>]+name="(base|part_start|part_end)"[^>]+value="([^"]*)"', page))
    assert set(fields) == {"base", "part_start", "part_end"}, fields
    edited = part_text.replace("water tank", "mango tree", 1)

    response = reviewer.submit(
        f"/review/{story_id}/text",
        {**fields, "text": edited, "part": "2"},
        page=f"/review/{story_id}?part=2",
    )
    assert response.status_code == 302
    assert response.location.endswith(f"/review/{story_id}?part=2")
    with app.app_context():
        body = db.session.get(Story, story_id).body
    start, end = int(fields["part_start"]), int(fields["part_end"])
    assert body[:start] == text[:start], "the parts before are untouched"
    assert body.endswith(text[end:]), "the parts after are untouched"
    assert body.count("mango tree") == 1
    assert len(body) == len(text) + len("mango tree") - len("water tank")


def test_a_stale_part_correction_is_refused_and_kept(app, ingest, login_as):
    text = long_text(4500)
    _, story_id, _, _ = ingest(text=text, title="A long wait")
    first, second = login_as("reviewer"), login_as("reviewer")
    page = first.get(f"/review/{story_id}?part=2").get_data(as_text=True)
    fields = dict(re.findall(r'<input[^>]+name="(base|part_start|part_end)"[^>]+value="([^"]*)"', page))
    box = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    part_text = html.unescape(box.group(1)).lstrip("\r\n")
    # Someone else corrects part 1 meanwhile: the first reviewer's offsets are stale now.
    other = second.get(f"/review/{story_id}?part=1").get_data(as_text=True)
    other_fields = dict(
        re.findall(r'<input[^>]+name="(base|part_start|part_end)"[^>]+value="([^"]*)"', other)
    )
    other_box = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', other, re.DOTALL)
    other_text = html.unescape(other_box.group(1)).lstrip("\r\n").replace("The nurse", "A nurse", 1)
    saved = second.submit(
        f"/review/{story_id}/text", {"text": other_text, **other_fields}, page=f"/review/{story_id}"
    )
    assert saved.status_code == 302

    mine = part_text.replace("water tank", "mango tree", 1)
    refused = first.submit(
        f"/review/{story_id}/text", {"text": mine, **fields, "part": "2"}, page=f"/review/{story_id}"
    )
    assert refused.status_code == 409
    answer = refused.get_data(as_text=True)
    assert "changed by someone else" in answer
    assert "mango tree" in answer, "the refused correction is shown again, not lost"
    assert weight(first, refused) < BUDGET
    with app.app_context():
        body = db.session.get(Story, story_id).body
    assert "A nurse" in body and "mango tree" not in body


def test_a_short_story_is_one_part_with_its_page_as_before(app, ingest, login_as):
    _, story_id, _, _ = ingest()
    page = login_as("reviewer").get(f"/review/{story_id}").get_data(as_text=True)
    assert "Part 1 of" not in page and not part_links(page)
    assert "Wanjiru" in page and 'id="preview-text"' in page


def test_a_long_recording_waiting_for_review_is_shown_in_parts_under_the_budget(app, ingest, login_as):
    """A 30-minute transcript (timed words, a mark every few sentences) on the review page."""
    text = long_text(4500)
    _, story_id, _, _ = ingest(text=text, title="A long recording")
    with app.app_context():
        story = db.session.get(Story, story_id)
        story.kind = "audio"
        words = [m for m in re.finditer(r"\S+", story.body)]
        step = 1800 / len(words)
        db.session.add(
            Transcript(
                story_id=story_id,
                language="en",
                # A third of the words doubtful, as the Korean model leaves about 30%.
                words=[
                    [m.group(), round(i * step, 2), round((i + 0.8) * step, 2), 0.4 if i % 3 == 0 else 0.9]
                    for i, m in enumerate(words)
                ],
                duration_s=1800.0,
            )
        )
        db.session.commit()
        spans = db.session.scalars(select(RedactionSpan).where(RedactionSpan.story_id == story_id)).all()
        assert spans
    reviewer = login_as("reviewer")
    page = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    parts = sorted(set(part_links(page)), key=int)
    assert len(parts) >= 3
    for n in range(1, len(parts) + 1):
        response = reviewer.get(f"/review/{story_id}?part={n}")
        assert response.status_code == 200
        assert weight(reviewer, response) < BUDGET, n
    last = reviewer.get(f"/review/{story_id}?part={len(parts)}").get_data(as_text=True)
    # The part's transcript starts where its part of the recording starts.
    first_seg = re.search(r'<p class="seg" data-o="\d+" data-at="(\d+)">', last)
    assert first_seg and int(first_seg.group(1)) > 0
    assert reviewer.get(f"/review/{story_id}?part=999").status_code == 200  # the last part, not an error
