"""Low bandwidth: library pages under 60 KB of HTML + CSS before any audio, nothing from elsewhere,
recordings fetched only on request, byte ranges and revalidated caching for the published recording
(a 304 while it may be heard, a 404 at once after a withdrawal or a narrowing), and the site's CSS
revalidated rather than downloaded again.

Page weight is measured as the bytes of the page's response plus the bytes of each stylesheet it
links, as a phone with an empty cache fetches them (a size, not a time: fine in a test).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.extensions import db
from archive.models import MediaFile, MediaKind, Story
from tests.fixtures.stories import sign_in_patient

BUDGET = 60 * 1000  # bytes of HTML + CSS before audio
LONG_WORDS = 4500  # a 30-minute story
STYLESHEET_RE = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"')
FETCHED_RE = re.compile(r'<(?:link|script|img|iframe|source|audio)\b[^>]*\b(?:href|src)="([^"]+)"')
WORDS = (
    "the nurse said my blood pressure was high and I should come back every month but the bus costs "
    "more than a day of work so I waited until the headaches would not stop and my daughter carried "
    "me to the clinic where nobody explained why the tablets made me dizzy"
).split()


def weight(client, url: str) -> tuple[int, str]:
    """Return (bytes of the page and of every stylesheet it links, the page's HTML)."""
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.get_data()
    total = len(page)
    html = page.decode()
    for href in STYLESHEET_RE.findall(html):
        css = client.get(href)
        total += len(css.get_data())
        css.close()
    return total, html


def long_text(words: int = LONG_WORDS) -> str:
    """A generated story of ``words`` words in sentences and paragraphs (about 27 KB)."""
    out, paragraph = [], []
    for i in range(words):
        word = WORDS[(i * 7) % len(WORDS)]
        paragraph.append(word + ("." if i % 17 == 16 else ""))
        if i % 170 == 169:
            out.append(" ".join(paragraph))
            paragraph = []
    out.append(" ".join(paragraph))
    return "\n\n".join(p for p in out if p)


def timings_of(text: str) -> list[list]:
    """A word timing for each word, 0.4 s apart: 4,500 words make 30 minutes."""
    return [
        [m.start(), m.end(), round(i * 0.4, 2), round(i * 0.4 + 0.3, 2)]
        for i, m in enumerate(re.finditer(r"\S+", text))
    ]


@pytest.fixture
def long_story(app, stories):
    """A published 4,500-word story with word timings and a published recording (a stand-in file:
    the page only links it), shelved straight to rows: no service makes such timings without audio."""
    text = long_text()
    card = stories.shelved(text, modalities=("text", "audio"), published_timings=timings_of(text))
    with app.app_context():
        story = db.session.get(Story, card.story_id)
        derived = Path(app.config["MEDIA_ROOT"]) / "derived"
        derived.mkdir(parents=True, exist_ok=True)
        (derived / "long.ogg").write_bytes(b"OggS" + bytes(1000))
        db.session.add(
            MediaFile(
                story_id=story.id,
                kind=MediaKind.PUBLISHED,
                path="derived/long.ogg",
                media_type="audio/ogg",
                size_bytes=1004,
                duration_s=LONG_WORDS * 0.4,
            )
        )
        db.session.commit()
        db.session.remove()
    return card


def test_a_long_story_page_stays_under_the_budget_with_its_player(app, long_story, sign_in):
    educator = sign_in("educator")
    size, page = weight(educator, f"/stories/{long_story.story_id}")
    assert "<audio data-player" in page and "data-timings" in page, "measured with the player"
    assert page.count('class="ts"') > 50, "a timestamp per segment"
    assert size < BUDGET, f"long story page: {size} bytes of HTML + CSS"
    timings = educator.get(f"/stories/{long_story.story_id}/timings.json").get_data()
    assert len(timings) < 60_000, f"timings of {LONG_WORDS} words: {len(timings)} bytes"
    cued, page = weight(educator, f"/stories/{long_story.story_id}?t=600")
    assert cued < BUDGET and '<mark class="cue">' in page


def test_library_and_search_pages_stay_under_the_budget(app, published_card, sign_in):
    for _ in range(12):  # more than a page of results, each with its snippet
        published_card()
    educator = sign_in("educator")
    for url in ("/library", "/library?q=quinine+nurse", "/library?q=bark&page=2"):
        size, page = weight(educator, url)
        assert size < BUDGET, f"{url}: {size} bytes of HTML + CSS"
    assert "quinine" in educator.get("/library?q=quinine+nurse").get_data(as_text=True).lower()


def test_nothing_is_fetched_from_elsewhere_and_audio_waits_for_a_request(app, long_story, sign_in):
    educator = sign_in("educator")
    for url in ("/library", "/library?q=bark", f"/stories/{long_story.story_id}"):
        page = educator.get(url).get_data(as_text=True)
        for address in FETCHED_RE.findall(page):
            assert address.startswith("/") and not address.startswith("//"), f"{url} fetches {address}"
        for audio in re.findall(r"<audio\b[^>]*>", page):
            assert 'preload="none"' in audio, f"{url}: {audio}"
    css = educator.get("/static/style.css")
    text = css.get_data(as_text=True)
    css.close()
    assert (
        "@import" not in text
        and "@font-face" not in text
        and not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    )


def test_the_sites_css_is_revalidated_not_downloaded_again(app, sign_in):
    educator = sign_in("educator")
    css = educator.get("/static/style.css")
    assert "no-store" not in css.headers.get("Cache-Control", ""), "signed in, the CSS may still be kept"
    etag = css.headers["ETag"]
    css.close()
    again = educator.get("/static/style.css", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    again.close()
    page = educator.get("/library")
    assert page.headers["Cache-Control"] == "no-store", "signed-in pages themselves are never kept"


def test_the_published_recording_answers_ranges_and_revalidates_until_withdrawn(
    app, recorded, sign_in, withdraw
):
    url = f"/stories/{recorded.story_id}/audio"
    educator = sign_in("educator")
    whole = educator.get(url)
    body = whole.get_data()
    etag, modified = whole.headers["ETag"], whole.headers["Last-Modified"]
    assert whole.status_code == 200 and whole.headers["Accept-Ranges"] == "bytes"
    assert whole.headers["Cache-Control"] == "private, no-cache"
    whole.close()

    for header, expected in [
        ("bytes=0-99", body[:100]),
        ("bytes=100-", body[100:]),
        ("bytes=-50", body[-50:]),
        (f"bytes={len(body) - 10}-{len(body) + 500}", body[-10:]),  # an end past the file is cut short
    ]:
        part = educator.get(url, headers={"Range": header})
        assert part.status_code == 206 and part.get_data() == expected, header
        assert part.headers["Content-Range"].endswith(f"/{len(body)}")
        part.close()
    for bad in (f"bytes={len(body)}-", f"bytes={len(body) + 1000}-{len(body) + 2000}"):
        refused = educator.get(url, headers={"Range": bad})
        assert refused.status_code == 416, bad
        assert refused.headers["Content-Range"] == f"bytes */{len(body)}"
        refused.close()

    for headers in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        cached = educator.get(url, headers=headers)
        assert cached.status_code == 304 and cached.get_data() == b"", headers
        assert cached.headers["Cache-Control"] == "private, no-cache"
        cached.close()
    # Another educator's cached copy is no key to it: the role and the rule come first.
    assert sign_in("facilitator").get(url, headers={"If-None-Match": etag}).status_code == 403

    withdraw(recorded.code, recorded.secret)
    for headers in ({"If-None-Match": etag}, {"If-Modified-Since": modified}, {"Range": "bytes=0-99"}):
        assert educator.get(url, headers=headers).status_code == 404, f"withdrawn: {headers}"


def test_a_narrowed_recording_answers_404_to_a_revalidation(app, recorded, sign_in):
    url = f"/stories/{recorded.story_id}/audio"
    educator = sign_in("educator")
    first = educator.get(url)
    etag = first.headers["ETag"]
    first.close()
    patient = app.test_client()
    sign_in_patient(patient, recorded.code, recorded.secret)
    narrowed = patient.submit(
        "/consent/change/uses", {"purposes": ["teaching"], "modalities": ["text"]}, page="/consent/change"
    )
    assert narrowed.status_code == 302
    assert educator.get(url, headers={"If-None-Match": etag}).status_code == 404


def test_clip_set_and_course_pages_stay_under_the_budget(app, long_story, sign_in):
    """A 30-minute clip (half the long story), a set holding the story and the clip, its course page
    and its printable packet: each under the budget; in text-only mode the clip page has no player."""
    from tests.test_clips import clip_id_of, make_clip
    from tests.test_course_links import make_link
    from tests.test_teaching_sets import add, new_set

    educator = sign_in("educator")
    story_id = long_story.story_id
    clip_id = clip_id_of(make_clip(educator, story_id, title="Half of it", start="0:00", end="15:00"))
    set_id = new_set(educator, title="Waiting for care")
    add(educator, set_id, story_id=story_id)
    add(educator, set_id, clip_id=clip_id)
    _, token = make_link(educator, set_id)
    student = app.test_client()
    for client, url in (
        (educator, f"/clips/{clip_id}"),
        (educator, f"/teaching/sets/{set_id}"),
        (educator, f"/teaching/sets/{set_id}/packet"),
        (student, f"/course/{token}"),
    ):
        size, page = weight(client, url)
        assert "<audio data-player" in page or url.endswith("/packet"), url
        assert size < BUDGET, f"{url}: {size} bytes of HTML + CSS"

    page_url = f"/clips/{clip_id}"
    educator.submit("/library/text-only", {"text_only": "1", "next": page_url}, page=page_url)
    page = educator.get(page_url).get_data(as_text=True)
    assert "<audio" not in page and "player.js" not in page and "Half of it" in page


def test_the_facilitator_s_and_storyteller_s_pages_stay_under_the_budget(app, long_story, sign_in, ingest):
    facilitator, story_id, code, secret = ingest()
    refused = facilitator.submit("/ingest/new", {"title": ""}, page="/ingest/new")
    assert refused.status_code == 400 and 'class="error-summary"' in refused.get_data(as_text=True)
    sizes = {
        url: weight(facilitator, url)[0]
        for url in (
            "/ingest/new",
            "/ingest/stories",
            f"/ingest/stories/{story_id}",
            f"/ingest/stories/{story_id}/details",
        )
    }
    for card, lang in ((long_story, "en"), (long_story, "ko")):
        patient = app.test_client()
        sign_in_patient(patient, card.code, card.secret)
        size, page = weight(patient, f"/consent/mine?lang={lang}")
        assert 'class="story-text"' in page and len(page) > 20_000, "measured with the whole story on it"
        sizes[f"/consent/mine?lang={lang}"] = size
    over = {url: size for url, size in sizes.items() if size >= BUDGET}
    assert not over, f"pages over {BUDGET} bytes: {over}"


def test_the_reviewer_s_and_admin_s_pages_stay_under_the_budget(app, long_story, sign_in):
    """A report on the 4,500-word story (its whole text on the report's page), the review queue, the
    reports, the admin's accounts, failed jobs and audit trail, and the library's "can be heard"."""
    educator = sign_in("educator")
    sent = educator.submit(
        f"/stories/{long_story.story_id}/report", {"kind": "transcript", "note": "misheard"}, page="/library"
    )
    assert sent.status_code == 303
    sizes = {"/library?heard=1": weight(educator, "/library?heard=1")[0]}
    reviewer = sign_in("reviewer")
    _, reports = weight(reviewer, "/review/reports/")
    report_url = re.search(r'href="(/review/reports/[^"/]+)"', reports).group(1)
    for url in ("/review/", "/review/reports/", report_url):
        sizes[url] = weight(reviewer, url)[0]
    _, report_page = weight(reviewer, report_url)
    assert len(report_page) > 20_000, "measured with the whole story on it"
    admin = sign_in("admin")
    for url in ("/admin/", "/admin/users", "/admin/jobs", "/admin/consent-events", "/account"):
        sizes[url] = weight(admin, url)[0]
    over = {url: size for url, size in sizes.items() if size >= BUDGET}
    assert not over, f"pages over {BUDGET} bytes: {over}"
