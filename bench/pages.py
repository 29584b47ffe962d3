"""Page weights: bytes of HTML + CSS of the library's, the facilitator's and the storyteller's pages, as a
phone with an empty cache fetches them before any audio (the budget is 60 KB per page).

A small instance in a temporary folder (SQLite, Whoosh): fourteen generated published stories, among
them a 4,500-word English story (about 30 minutes spoken) and a Korean story of 30 minutes, both with
word timings and a published recording (a stand-in file: the pages only link it). An educator signs in
through the login form; the library, a search results page and the story pages (short, long, long
with a ``?t=`` cue, long in text-only mode) are fetched with the test client. A facilitator then
brings in a typed story through the new-story form (and sends the form once refused, with its error
summary), and opens their story list, the story's page and its corrections form; the consent card is
weighed as the form's answer. The storyteller signs in with the card's code and secret and opens their
page (in Korean), the change page and the withdrawal page; the storyteller of the 4,500-word story
opens theirs, with the whole story on it, in English and in Korean. Last, the educator reports a
problem with the long story, and the reviewer's queue, reports and that report (the story's whole text
on it) and the admin's dashboard, staff accounts, failed jobs, audit trail and account are weighed.
Each page's bytes, its stylesheets' bytes and the total are printed, flagged OVER above the budget.
The word timings the player fetches on request are printed apart (they come with the audio, not with
the page).

Usage: ``python bench/pages.py`` (``make bench-pages``). Exit status 1 if a page is over the budget.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archive import create_app  # noqa: E402
from archive.auth import NewUser, create_user  # noqa: E402
from archive.crypto import new_id  # noqa: E402
from archive.database import init_database  # noqa: E402
from archive.extensions import db  # noqa: E402
from archive.models import MediaFile, MediaKind, Story, StoryStatus, Tag, Transcript, utcnow  # noqa: E402
from archive.search import sync_story  # noqa: E402
from consent.records import ConsentTerms, grant  # noqa: E402

BUDGET = 60 * 1000
PASSWORD = "bench password"
STYLESHEET_RE = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"')
CSRF_RE = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
ENGLISH = (
    "the nurse said my blood pressure was high and I should come back every month but the bus costs "
    "more than a day of work so I waited until the headaches would not stop and my daughter carried "
    "me to the clinic where nobody explained why the tablets made me dizzy"
).split()
KOREAN = (
    "보건소에 갔는데 간호사가 혈압이 높다고 했어요 매달 와야 한다는데 버스비가 하루 일당보다 많아서 "
    "머리가 너무 아플 때까지 기다렸어요 딸이 저를 데리고 갔는데 "
    "아무도 약 때문에 어지러운 이유를 설명해 주지 않았어요"
).split()


def text_of(vocabulary: list[str], words: int, sentence: int = 17, paragraph: int = 170) -> str:
    """A generated story: ``words`` words from ``vocabulary`` in sentences and paragraphs."""
    out, para = [], []
    for i in range(words):
        para.append(vocabulary[(i * 7) % len(vocabulary)] + ("." if i % sentence == sentence - 1 else ""))
        if i % paragraph == paragraph - 1:
            out.append(" ".join(para))
            para = []
    out.append(" ".join(para))
    return "\n\n".join(p for p in out if p)


def timings_of(text: str, seconds: float) -> list[list]:
    """One timing per word, spread evenly over ``seconds``."""
    found = list(re.finditer(r"\S+", text))
    step = seconds / max(1, len(found))
    return [[m.start(), m.end(), round(i * step, 2), round((i + 0.8) * step, 2)] for i, m in enumerate(found)]


# Each published story's card, (code, secret), by story id: the storyteller's pages are weighed with one.
CARDS: dict[str, tuple[str, str]] = {}


def publish(app, title: str, text: str, language: str = "en", seconds: float | None = None) -> str:
    """Publish a story through the services (consent for teaching, text and audio); return its id."""
    with app.app_context():
        consent, secret = grant(
            ConsentTerms(
                purposes=frozenset({"teaching"}),
                modalities=frozenset({"text", "audio"}),
                method="signed",
                form_version="2026-1",
            ),
            recorded_by_id=None,
        )
        topics = list(db.session.scalars(db.select(Tag).where(Tag.kind == "topic").limit(3)))
        story = Story(
            title=title,
            language=language,
            status=StoryStatus.PUBLISHED,
            body=text,
            published_text=text,
            published_at=utcnow(),
            submission_key=new_id(),
            consent=consent,
            tags=topics,
        )
        if seconds:
            story.published_timings = timings_of(text, seconds)
        db.session.add(story)
        db.session.flush()
        if seconds:
            derived = Path(app.config["MEDIA_ROOT"]) / "derived"
            derived.mkdir(parents=True, exist_ok=True)
            (derived / f"{story.id}.ogg").write_bytes(b"OggS" + bytes(1000))
            db.session.add(
                MediaFile(
                    story_id=story.id,
                    kind=MediaKind.PUBLISHED,
                    path=f"derived/{story.id}.ogg",
                    media_type="audio/ogg",
                    size_bytes=1004,
                    duration_s=seconds,
                )
            )
        db.session.commit()
        sync_story(story)
        story_id = story.id
        CARDS[story_id] = (consent.code, secret)
        db.session.remove()
    return story_id


def sign_in(app, role: str = "educator", email: str | None = None):
    email = email or f"{role}@example.org"
    with app.app_context():
        create_user(NewUser(email=email, role=role, password=PASSWORD))
    client = app.test_client()
    token = CSRF_RE.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"csrf_token": token, "email": email, "password": PASSWORD})
    assert response.status_code == 302, f"the bench's {role} could not sign in"
    return client


def new_story_form(token: str, **overrides) -> dict:
    """The new-story form as a facilitator sends it: a typed story with consent for teaching."""
    data = {
        "csrf_token": token,
        "submission_key": new_id(),
        "title": "Waiting for the sputum test",
        "text": text_of(ENGLISH, 600),
        "language": "en",
        "topics": ["diagnosis", "stigma"],
        "speaker": "Wanjiru Achieng",
        "village": "Gachika",
        "purposes": ["teaching"],
        "modalities": ["text"],
        "method": "signed",
        "form_version": "2026-1",
        "storyteller_language": "ko",
    }
    data.update(overrides)
    return data


def facilitator_pages(app) -> list[tuple[str, str, int, int]]:
    """Weigh the facilitator's pages and the consent card; return the rows and the card's code and secret."""
    client = sign_in(app, "facilitator")
    token = CSRF_RE.search(client.get("/ingest/new").get_data(as_text=True)).group(1)
    rows = [("new-story form", "/ingest/new", *weigh(client, "/ingest/new"))]
    refused = client.post("/ingest/new", data=new_story_form(token, purposes=[], title=""))
    assert refused.status_code == 400, "the bench's refused form was not refused"
    rows.append(
        (
            "new-story form, refused (error summary)",
            "/ingest/new",
            len(refused.get_data()),
            css_of(client, refused),
        )
    )
    saved = client.post("/ingest/new", data=new_story_form(token))
    assert saved.status_code == 201, "the bench's story was not saved"
    card = saved.get_data(as_text=True)
    rows.append(("consent card (in Korean)", "/ingest/new", len(saved.get_data()), css_of(client, saved)))
    story_id = re.search(r'href="/ingest/stories/([\w-]+)"', card).group(1)
    for name, url in (
        ("facilitator's story list", "/ingest/stories"),
        ("facilitator's story page", f"/ingest/stories/{story_id}"),
        ("corrections form", f"/ingest/stories/{story_id}/details"),
    ):
        rows.append((name, url, *weigh(client, url)))
    code = re.search(r'id="card-code">([A-Z0-9-]+)<', card).group(1)
    secret = "".join(re.search(r'id="card-secret">(\w+) (\w+)<', card).groups())
    return rows, code, secret


def storyteller(app, code: str, secret: str):
    """A browser signed in to a storyteller's pages with their card's code and secret."""
    client = app.test_client()
    token = CSRF_RE.search(client.get("/consent/").get_data(as_text=True)).group(1)
    response = client.post("/consent/", data={"csrf_token": token, "code": code, "secret": secret})
    assert response.status_code == 302, "the bench's storyteller could not sign in"
    return client


def storyteller_pages(app, waiting_card: tuple[str, str], published: str) -> list[tuple[str, str, int, int]]:
    """Weigh the storyteller's pages: of the facilitator's story waiting for review (its card is in
    Korean), and of the long published story (4,500 words on the page), in English and in Korean."""
    rows = [("storyteller's start page", "/consent/", *weigh(app.test_client(), "/consent/"))]
    client = storyteller(app, *waiting_card)
    for name, url in (
        ("storyteller's page, in review (Korean)", "/consent/mine"),
        ("storyteller's change page", "/consent/change"),
        ("storyteller's withdrawal page", "/consent/withdraw"),
    ):
        rows.append((name, url, *weigh(client, url)))
    client = storyteller(app, *CARDS[published])
    for name, url in (
        ("storyteller's page, 4,500 words", "/consent/mine"),
        ("storyteller's page, 4,500 words, Korean", "/consent/mine?lang=ko"),
    ):
        rows.append((name, url, *weigh(client, url)))
    return rows


def css_of(client, response) -> int:
    """Bytes of the stylesheets a page links."""
    css = 0
    for href in STYLESHEET_RE.findall(response.get_data(as_text=True)):
        sheet = client.get(href)
        css += len(sheet.get_data())
        sheet.close()
    return css


def staff_pages(app, educator, story_id: str) -> list[tuple[str, str, int, int]]:
    """The educator reports a problem with ``story_id`` (the 4,500-word story); the reviewer's queue,
    reports and that report (with the story's whole text) and the admin's pages are weighed."""
    token = CSRF_RE.search(educator.get(f"/stories/{story_id}").get_data(as_text=True)).group(1)
    sent = educator.post(
        f"/stories/{story_id}/report",
        data={"csrf_token": token, "kind": "transcript", "note": "A word is misheard at 4:10"},
    )
    assert sent.status_code == 303, "the bench's report was refused"
    reviewer = sign_in(app, "reviewer")
    reports = reviewer.get("/review/reports/").get_data(as_text=True)
    report_url = re.search(r'href="(/review/reports/[^"/]+)"', reports).group(1)
    rows = [
        (name, url, *weigh(reviewer, url))
        for name, url in (
            ("review queue", "/review/"),
            ("reports from educators", "/review/reports/"),
            ("a report (4,500-word story)", report_url),
        )
    ]
    admin = sign_in(app, "admin")
    for name, url in (
        ("admin dashboard", "/admin/"),
        ("staff accounts", "/admin/users"),
        ("failed jobs", "/admin/jobs"),
        ("consent audit trail", "/admin/consent-events"),
        ("account (password, token)", "/account"),
    ):
        rows.append((name, url, *weigh(admin, url)))
    return rows


def review_pages(app) -> list[tuple[str, str, int, int]]:
    """A facilitator brings in a 4,500-word English story and a 2,700-word Korean one (30 minutes each),
    turned into recordings with a transcript timed over 30 minutes (a stand-in for Vosk's words: the
    page only shows them); the reviewer's page of each is weighed, part by part."""
    facilitator = sign_in(app, "facilitator", "long-stories@example.org")
    reviewer = sign_in(app, "reviewer", "long-review@example.org")
    named = " Doctor Kipchoge Mwangi gave me his number, 0733 912 604, at Kilifi Road."
    rows = []
    for name, text, language in (
        ("English, 4,500 words", text_of(ENGLISH, 4500).replace(".", "." + named, 40), "en"),
        (
            "Korean, 30 min",
            text_of(KOREAN, 2700).replace(".", ". 김민수 선생님이 010-4821-3396으로 전화했어요.", 40),
            "ko",
        ),
    ):
        token = CSRF_RE.search(facilitator.get("/ingest/new").get_data(as_text=True)).group(1)
        saved = facilitator.post("/ingest/new", data=new_story_form(token, text=text, language=language))
        assert saved.status_code == 201, "the bench's long story was not saved"
        story_id = re.search(r'href="/ingest/stories/([\w-]+)"', saved.get_data(as_text=True)).group(1)
        with app.app_context():
            story = db.session.get(Story, story_id)
            story.kind = "audio"
            found = list(re.finditer(r"\S+", story.body))
            step = 1800 / len(found)
            # A third of the words below the doubt threshold, as the Korean model leaves about 30%.
            words = [
                [m.group(), round(i * step, 2), round((i + 0.8) * step, 2), 0.4 if i % 3 == 0 else 0.9]
                for i, m in enumerate(found)
            ]
            db.session.add(Transcript(story_id=story_id, language=language, words=words, duration_s=1800.0))
            db.session.commit()
            db.session.remove()
        first = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
        parts = max([1, *map(int, re.findall(r"\?part=(\d+)", first))])
        for n in range(1, parts + 1):
            url = f"/review/{story_id}?part={n}"
            rows.append((f"review page, {name}, part {n} of {parts}", url, *weigh(reviewer, url)))
    return rows


def weigh(client, url: str) -> tuple[int, int]:
    """Return (bytes of the page, bytes of the stylesheets it links)."""
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return len(response.get_data()), css_of(client, response)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        base = Path(tmp)
        app = create_app(
            {
                "INSTANCE_PATH": str(base / "instance"),
                "MEDIA_ROOT": str(base / "media"),
                "DATABASE_URL": None,
                "SECRET_KEY": "bench-secret-key",
            }
        )
        with app.app_context():
            init_database()
        short = publish(app, "The cough that would not leave", text_of(ENGLISH, 300))
        for n in range(11):
            publish(app, f"Waiting at the clinic, {n + 1}", text_of(ENGLISH[n:] + ENGLISH[:n], 600))
        long_en = publish(app, "Thirty minutes: the bus fare", text_of(ENGLISH, 4500), seconds=1800)
        # Korean is spoken at about 90 words (eojeol) a minute: 2,700 words in 30 minutes.
        long_ko = publish(app, "서른 분: 버스비", text_of(KOREAN, 2700), language="ko", seconds=1800)
        client = sign_in(app)
        pages = [
            ("library", "/library"),
            ("search results", "/library?q=clinic+nurse"),
            ("search results, can be heard", "/library?q=clinic&heard=1"),
            ("story, short (300 words, typed)", f"/stories/{short}"),
            ("story, long (4,500 words, timed, player)", f"/stories/{long_en}"),
            ("story, long, cued at 10:00", f"/stories/{long_en}?t=600"),
            ("story, long Korean (30 min, player)", f"/stories/{long_ko}"),
        ]
        rows = [(name, url, *weigh(client, url)) for name, url in pages]
        token = CSRF_RE.search(client.get(f"/stories/{long_en}").get_data(as_text=True)).group(1)
        client.post("/library/text-only", data={"csrf_token": token, "text_only": "1"})
        rows.append(
            ("story, long, text-only mode", f"/stories/{long_en}", *weigh(client, f"/stories/{long_en}"))
        )
        timings = {
            name: len(client.get(f"/stories/{sid}/timings.json").get_data())
            for name, sid in (("English 4,500 words", long_en), ("Korean 30 min", long_ko))
        }
        people, code, secret = facilitator_pages(app)
        rows += people + storyteller_pages(app, (code, secret), long_en)
        client.post("/library/text-only", data={"csrf_token": token, "text_only": "0"})
        rows += staff_pages(app, client, long_en)
        rows += review_pages(app)
        with app.app_context():
            db.engine.dispose()
        app.extensions["search_index"].close()

    over = 0
    print(f"Page weights: HTML + CSS before audio (budget {BUDGET:,} bytes)")
    print(f"{'page':44} {'HTML':>8} {'CSS':>7} {'total':>8}")
    for name, _url, html, css in rows:
        flag = "OVER" if html + css > BUDGET else "ok"
        over += flag == "OVER"
        print(f"{name:44} {html:8,} {css:7,} {html + css:8,}  {flag}")
    print("Word timings fetched when the listener presses play (not part of the page):")
    for name, size in timings.items():
        print(f"  {name:42} {size:8,} bytes")
    print("PASS: every page under the budget" if not over else f"MISS: {over} page(s) over the budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
