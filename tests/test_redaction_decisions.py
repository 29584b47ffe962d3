"""Reviewers' decisions on marked spans: kept, logged with who and when, one at a time or by kind;
exact known identifiers always removed; nothing published while a span waits; an audit log that never
holds the words."""

from __future__ import annotations

from sqlalchemy import select

from archive.extensions import db
from archive.models import RedactionEvent, RedactionSpan, Story
from tests.review_helpers import events, span_id, spans

TEXT = (
    "Jomo Kenyatta and his wife Wanjiru came from Kiambu. Wanjiru carried the baby; Jomo carried the "
    "bag. At the clinic the nurse called out Kenyatta, and the whole queue looked up."
)
STORY = {
    "text": TEXT,
    "speaker": "Jomo Kenyatta",
    "relatives": "Wanjiru Kenyatta",
    "village": "Kiambu",
    "clinic": "",
}
# Every word that identifies someone in TEXT, as the audit log must never hold it.
IDENTIFYING = ("jomo", "kenyatta", "wanjiru", "kiambu", "baby")


def _pending(app, story_id: str, words: str, kind: str = "OTHER", source: str = "model") -> int:
    """Add a detector's proposal over ``words``, waiting for a person (as the model recogniser would)."""
    with app.app_context():
        story = db.session.get(Story, story_id)
        start = story.body.index(words)
        span = RedactionSpan(start=start, end=start + len(words), kind=kind, source=source, rule="test")
        story.spans.append(span)
        db.session.commit()
        return span.id


def test_decisions_are_kept_and_logged_with_the_reviewer(app, ingest, sign_in):
    _, story_id, _, _ = ingest(**STORY)
    baby = _pending(app, story_id, "baby")
    reviewer = sign_in("reviewer")
    page = f"/review/{story_id}"
    assert reviewer.submit(f"{page}/decisions", {f"span-{baby}": "accepted"}, page=page).status_code == 302
    assert ("baby", "OTHER", "model", "test", "accepted") in spans(app, story_id)
    with app.app_context():
        span = db.session.get(RedactionSpan, baby)
        assert span.decided_by_id is not None and span.decided_at is not None
    assert events(app, story_id) == [("accepted", "OTHER", "model", reviewer.email)]
    # Sending the same decision again changes nothing and logs nothing.
    reviewer.submit(f"{page}/decisions", {f"span-{baby}": "accepted"}, page=page)
    assert len(events(app, story_id)) == 1
    shown = reviewer.get(page).get_data(as_text=True)
    assert "Decision log" in shown and reviewer.email in shown


def test_exact_known_identifiers_cannot_be_kept_but_their_variants_can(app, ingest, sign_in):
    _, story_id, _, _ = ingest(**STORY)
    reviewer = sign_in("reviewer")
    page = f"/review/{story_id}"
    exact = span_id(app, story_id, "Jomo Kenyatta")
    alone = span_id(app, story_id, "Jomo")
    reviewer.submit(f"{page}/decisions", {f"span-{exact}": "rejected"}, page=page)
    assert "always redacted" in reviewer.get(page).get_data(as_text=True)
    reviewer.submit(f"{page}/decisions", {f"span-{alone}": "rejected"}, page=page)
    marked = spans(app, story_id)
    assert ("Jomo Kenyatta", "NAME", "known", "known identifier", "accepted") in marked
    assert ("Jomo", "NAME", "known", "part of a known identifier", "rejected") in marked
    assert events(app, story_id) == [("rejected", "NAME", "known", reviewer.email)]


def test_accept_or_keep_all_of_one_kind(app, ingest, sign_in):
    _, story_id, _, _ = ingest(**STORY)
    _pending(app, story_id, "nurse", kind="NAME")
    _pending(app, story_id, "queue", kind="OTHER")
    reviewer = sign_in("reviewer")
    page = f"/review/{story_id}"
    html = reviewer.get(page).get_data(as_text=True)
    assert "Remove all NAME" in html and "Keep all NAME" in html and "Keep all OTHER" in html

    r = reviewer.submit(f"{page}/decisions/kind", {"kind": "NAME", "decision": "rejected"}, page=page)
    assert r.status_code == 302
    by_words = {m[0]: m[4] for m in spans(app, story_id)}
    # Every NAME span is kept in the text except the exact known identifiers, always removed.
    assert by_words["nurse"] == "rejected" and by_words["Jomo"] == "rejected"
    assert by_words["Jomo Kenyatta"] == "accepted" and by_words["Wanjiru"] == "rejected"
    assert by_words["queue"] == "pending", "other kinds are left alone"
    log = events(app, story_id)
    assert log[0] == ("rejected all", "NAME", None, reviewer.email)
    assert ("rejected", "NAME", "model", reviewer.email) in log[1:]
    assert all(e[3] == reviewer.email for e in log)

    reviewer.submit(f"{page}/decisions/kind", {"kind": "NAME", "decision": "accepted"}, page=page)
    assert all(m[4] == "accepted" for m in spans(app, story_id) if m[1] == "NAME")
    assert events(app, story_id)[-1][0] == "accepted"

    for bad in ({"kind": "PERSON", "decision": "accepted"}, {"kind": "DATE", "decision": "accepted"},
                {"kind": "NAME", "decision": "pending"}):  # fmt: skip
        before = spans(app, story_id)
        assert reviewer.submit(f"{page}/decisions/kind", bad, page=page).status_code == 302
        assert spans(app, story_id) == before, bad


def test_nothing_is_published_while_a_span_waits(app, ingest, sign_in):
    _, story_id, _, _ = ingest(**STORY)
    waiting = _pending(app, story_id, "queue")
    reviewer = sign_in("reviewer")
    page = f"/review/{story_id}"
    r = reviewer.submit(f"{page}/publish", {}, page=page)
    assert r.status_code == 302 and r.location == page
    assert "Decide on every highlighted span first (1 left)" in reviewer.get(page).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Story, story_id).status == "needs_review"
    reviewer.submit(f"{page}/decisions", {f"span-{waiting}": "rejected"}, page=page)
    assert reviewer.submit(f"{page}/publish", {}, page=page).location == "/review/"
    assert events(app, story_id)[-1] == ("published", None, None, reviewer.email)


def _audit_rows(app, story_id: str) -> list[tuple]:
    with app.app_context():
        table = RedactionEvent.__table__
        rows = [tuple(r) for r in db.session.execute(select(table).where(table.c.story_id == story_id))]
        db.session.remove()
    return rows


def test_the_audit_log_never_holds_the_words(app, ingest, sign_in, withdraw):
    _, story_id, code, secret = ingest(**STORY)
    _pending(app, story_id, "baby")
    reviewer = sign_in("reviewer")
    page = f"/review/{story_id}"
    reviewer.submit(f"{page}/spans", {"words": "queue", "kind": "OTHER"}, page=page)
    reviewer.submit(f"{page}/decisions/kind", {"kind": "OTHER", "decision": "accepted"}, page=page)
    with app.app_context():
        start = db.session.get(Story, story_id).body.index("clinic")
    reviewer.submit(f"{page}/spans", {"start": start, "end": start + 6, "kind": "LOCATION"}, page=page)
    html = reviewer.get(page).get_data(as_text=True)
    base = html.split('name="base" type="hidden" value="')[1].split('"')[0]
    edited = TEXT.replace("queue", "line")
    reviewer.submit(f"{page}/text", {"text": edited, "base": base}, page=page)
    reviewer.submit(f"{page}/publish", {}, page=page)

    rows = _audit_rows(app, story_id)
    actions = {row[2] for row in rows}
    assert {"added", "accepted", "accepted all", "text edited", "dropped", "published"} <= actions
    for row in rows:
        for value in row:
            text = str(value).casefold()
            assert not any(word in text for word in (*IDENTIFYING, "queue", "clinic")), row
    log = html.split("<h2>Decision log</h2>")[1]
    assert not any(word in log.casefold() for word in (*IDENTIFYING, "queue")), "the page's log neither"

    # Withdrawal deletes the spans with the text; the log, which holds no words, stays.
    withdraw(code, secret)
    with app.app_context():
        assert not db.session.scalars(select(RedactionSpan).where(RedactionSpan.story_id == story_id)).all()
    assert _audit_rows(app, story_id) == rows
