"""Cross-site request forgery: every POST needs the form's token, and no GET changes anything.

``POSTS`` lists every POST route with a request that would change something. Each is sent without a
token, with another browser's token and with a made-up one (400, nothing changed), then with the right
token, which must change something: otherwise the first half would prove nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import Job, Story, StoryReport, Tag, Transcript, User, utcnow
from ingest import resumable
from tests.conftest import PASSWORD
from tests.fixtures.auth import Auth
from tests.fixtures.recordings import close_source_app, copy_instance, source_app
from tests.fixtures.stories import Stories, consent_copy_id, said_aloud, sign_in_patient, story_form
from tests.test_roles import ROUTES, UNKNOWN_ID, unused_consent_form
from tests.test_teaching_sets import teaching_world

EXPIRED = "The form had expired or was sent from elsewhere. Please reload the page and try again."

# endpoint -> (URL, form data); placeholders are filled from the ``world`` fixture.
# Making the redacted copy needs a real recording decoded and encoded: refused without the token here,
# made with it in tests/test_workbench.py.
# Installing, uploading or clearing a speech model changes files of the models folder, not rows: refused
# without the token here, done with it in tests/test_admin_speech_models.py.
NEEDS_A_RECORDING = {
    "review.preview_audio",
    "admin.install_model",
    "admin.upload_model",
    "admin.clear_install",
}
POSTS: dict[str, tuple[str, dict]] = {
    "auth.login": ("/login", {"email": "{other_email}", "password": PASSWORD}),
    "auth.logout": ("/logout", {}),
    "auth.account": ("/account", {}),  # makes a new API token
    "auth.password": ("/account/password", {"current": PASSWORD, "new": "x" * 12, "repeated": "x" * 12}),
    "admin.users": ("/admin/users", {"email": "new.staff@example.org", "role": "educator", "password": ""}),
    "admin.change_user": ("/admin/users/{other_user}", {"role": "reviewer", "active": "1"}),
    "admin.reset_user_password": ("/admin/users/{other_user}/password", {}),
    "admin.retry_job": ("/admin/jobs/{failed_job}/retry", {}),
    "admin.install_model": ("/admin/speech-models/install", {"lang": "sw"}),
    "admin.upload_model": ("/admin/speech-models/upload", {"lang": "sw"}),
    "admin.clear_install": ("/admin/speech-models/sw/clear", {}),
    "library.report": ("/stories/{teaching_story}/report", {"kind": "transcript", "note": "A word is wrong"}),
    "reports.close": ("/review/reports/{report}/close", {}),
    "admin.tags": ("/admin/tags", {"kind": "topic", "label": "Brand new topic", "category": "communication"}),
    "admin.relabel": ("/admin/tags/{tag}", {"label": "Renamed by a forged form"}),
    "admin.retire": ("/admin/tags/{tag}/retire", {}),
    "consent_admin.consent_forms": (
        "/admin/consent-forms",
        {"language": "sw", "version": "2027-1", "title": "Idhini", "text": "Unakubali…"},
    ),
    "consent_admin.consent_form": (
        "/admin/consent-forms/{consent_form}",
        {"title": "Forged", "text": "Forged text"},
    ),
    "consent_admin.retire_consent_form": ("/admin/consent-forms/{consent_form}/retire", {}),
    "ingest.new_story": ("/ingest/new", {}),  # a whole valid story form, see ``form_for``
    "ingest.retry": ("/ingest/stories/{failed}/retry", {}),  # runs the failed job again
    "uploads.uploads": ("/ingest/uploads", {}),  # starts a resumable upload (its headers: HEADERS)
    "ingest.details": ("/ingest/stories/{waiting}/details", {"title": "Corrected by a forged form"}),
    "review.decisions": ("/review/{waiting}/decisions", {"span-{span}": "rejected"}),
    "review.decide_kind": ("/review/{waiting}/decisions/kind", {"kind": "OTHER", "decision": "rejected"}),
    "review.add_span": ("/review/{waiting}/spans", {"words": "neighbours", "kind": "OTHER"}),
    "review.edit_text": ("/review/{waiting}/text", {"text": "A corrected text.", "base": "{base}"}),
    "review.publish": ("/review/{waiting}/publish", {}),
    "review.settle": ("/review/{waiting}/identifiers/1", {"how": "not_said"}),
    "review.mark_time": ("/review/{recorded}/time-marks", {"stretch": "0:01-0:02", "kind": "NAME"}),
    "review.details": ("/review/{waiting}/details", {"title": "Another title"}),
    "review.preview_audio": ("/review/{waiting}/preview-audio", {}),
    "review.search_again": ("/review/{waiting}/listen-for", {}),
    "review.typed_transcript": ("/review/{failed}/transcript", {"text": "손으로 적은 이야기입니다."}),
    "consent.start": ("/consent/", {"code": "{code}", "secret": "{secret}"}),  # records a "viewed" event
    "consent.withdraw_story": ("/consent/withdraw", {}),
    "consent.approve_story": ("/consent/stories/{asked}/approve", {}),  # the storyteller's yes
    "consent.signout": ("/consent/signout", {}),
    "consent.narrow_uses": ("/consent/change/uses", {"purposes": "teaching", "modalities": "text"}),
    "consent.change_end": ("/consent/change/period", {"ends_on": "2099-01-01"}),
    "consent_staff.reset": ("/staff/consent/stories/{waiting}/secret", {"checked": "y"}),
    "consent_staff.renew_consent": (
        "/ingest/reconsent/{due}",
        {"purposes": "teaching", "modalities": "text", "method": "signed"},
    ),
    "consent_staff.withdraw_on_word": ("/ingest/reconsent/{due}/withdraw", {"asked": "y"}),
    # Teaching (archive/library/): the admin owns the world's teaching set, item, clip and link.
    "teaching.create_set_view": ("/teaching/sets", {"title": "A forged set"}),
    "teaching.edit_set": ("/teaching/sets/{teaching_set}", {"title": "Renamed by a forged form"}),
    "teaching.delete_set_view": ("/teaching/sets/{teaching_set}/delete", {}),
    "teaching.duplicate_set_view": ("/teaching/sets/{teaching_set}/duplicate", {}),
    "teaching.add_item_view": (
        "/teaching/items",
        {"set_id": "{teaching_set}", "story_id": "{teaching_story2}"},
    ),
    "teaching.edit_item": ("/teaching/sets/{teaching_set}/items/{teaching_item}", {"prompt": "Forged"}),
    "teaching.move_item_view": (
        "/teaching/sets/{teaching_set}/items/{teaching_item}/move",
        {"direction": "down"},
    ),
    "teaching.remove_item_view": ("/teaching/sets/{teaching_set}/items/{teaching_item}/remove", {}),
    "teaching.create_link_view": ("/teaching/sets/{teaching_set}/links", {"days": "7"}),
    "teaching.revoke_link_view": ("/teaching/sets/{teaching_set}/links/{teaching_link}/revoke", {}),
    "teaching.create_clip_view": (
        "/stories/{teaching_story}/clips",
        {"title": "Forged", "phrase": "bitter bark"},
    ),
    "teaching.delete_clip_view": ("/clips/{teaching_clip}/delete", {}),
    "library.text_only": ("/library/text-only", {"text_only": "1"}),  # sets this browser's preference
}


def test_every_post_route_is_in_the_csrf_table(app):
    served = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert served == set(POSTS), (
        f"POST routes missing from tests/test_csrf.py POSTS: {sorted(served - set(POSTS))}; "
        f"rows for routes that are gone: {sorted(set(POSTS) - served)}"
    )


@dataclass(frozen=True)
class WorldSource:
    """The world, built once per session in a SQLite instance of its own (``world_source``)."""

    database: Path
    media: Path
    admin_email: str
    values: dict


@pytest.fixture(scope="session")
def world_source(tmp_path_factory, database_template) -> WorldSource:
    """Build the world once a session (five stories through the forms, two published, a teaching
    set: some 1.6 s of CPU, which every one of this module's 60 tests paid); each test gets a copy of
    its rows (``world``), as ``recorded`` does. Always on SQLite: the copy goes into whichever database
    the test runs on."""
    base = tmp_path_factory.mktemp("csrf-world")
    app = source_app(base, database_template)
    auth = Auth(app, itertools.count())
    admin, values = _make_world(app, auth, Stories(app, auth))
    close_source_app(app)
    return WorldSource(base / "instance" / "archive.db", Path(app.config["MEDIA_ROOT"]), admin.email, values)


@pytest.fixture
def world(app, auth, world_source):
    """An admin (allowed everywhere) who is also signed in as a storyteller, and a story in review:
    this test's own copy of the session's world, signed in afresh."""
    copy_instance(app, world_source)
    values = dict(world_source.values)
    admin = auth.staff_client(world_source.admin_email)
    sign_in_patient(admin, values["code"], values["secret"])
    return admin, values


def _make_world(app, auth: Auth, stories: Stories):
    """The admin's client and the URL placeholders' values of a new world in ``app``."""
    admin = auth.staff("admin", prefix="world-")

    def ingest(facilitator, **overrides):
        made = stories.typed_through_form(facilitator, **overrides)
        return made.facilitator, made.story_id, made.code, made.secret

    _, waiting, code, secret = ingest(admin)
    page = f"/review/{waiting}"
    marked = admin.submit(f"{page}/spans", {"words": "tomatoes", "kind": "OTHER"}, page=page)
    assert marked.status_code == 302
    review_page = admin.get(page).get_data(as_text=True)
    span = re.search(r'name="span-(\d+)"', review_page).group(1)
    base = re.search(r'name="base" type="hidden" value="(\w+)"', review_page).group(1)
    sign_in_patient(admin, code, secret)
    _, failed, _, _ = ingest(admin)
    _, due, _, _ = ingest(admin)
    _, recorded, _, _ = ingest(admin, title="Heard")
    with app.app_context():
        # A story in review with a timed transcript (its recording itself is not needed to mark a time).
        story = db.session.get(Story, recorded)
        story.kind = "audio"
        words = story.body.split()
        db.session.add(
            Transcript(
                story_id=recorded,
                language=story.language,
                words=[[w, 0.5 * i, 0.5 * i + 0.4, 0.9] for i, w in enumerate(words)],
                duration_s=0.5 * len(words),
            )
        )
        db.session.commit()
        tag = db.session.scalar(select(Tag.id).where(Tag.slug == "diagnosis"))
        # A recorded story whose transcription failed (its recording is gone, so it fails again).
        story = db.session.get(Story, failed)
        story.kind, story.status = "audio", "failed"
        db.session.add(Job(story_id=failed, kind="transcribe", state="failed", error="decoder crashed"))
        db.session.commit()
        consent_form = unused_consent_form()
        consent = db.session.get(Story, waiting).consent_id
        db.session.get(Story, due).consent.reconsent_due_at = utcnow()  # consent due again
        # The story in review was sent to its storyteller (the admin, signed in with its card) for a yes.
        asked = db.session.get(Story, waiting)
        asked.consent.preview_wanted, asked.approval_asked_at = True, utcnow()
        db.session.commit()
    values = {
        "due": due,
        "consent_form": consent_form,
        "consent": consent,
        "waiting": waiting,
        "recorded": recorded,
        "asked": waiting,
        "span": span,
        "failed": failed,
        "base": base,
        "tag": tag,
        "code": code,
        "secret": secret,
        "other_email": auth.account("educator", prefix="world-"),
    }
    values.update(teaching_world(app, admin.email))  # the admin's own teaching set, clip and link
    with app.app_context():
        values["other_user"] = str(
            db.session.scalar(select(User.id).where(User.email == values["other_email"]))
        )
        values["failed_job"] = str(db.session.scalar(select(Job.id).where(Job.story_id == failed)))
        report = StoryReport(
            story_id=values["teaching_story"], reporter_id=int(values["other_user"]), kind="other"
        )
        db.session.add(report)
        db.session.commit()
        values["report"] = str(report.id)
        db.session.remove()
    return admin, values


def state(app, client) -> dict:
    """Everything a request could change: every row of every table, the index, who is signed in, and
    this browser's preferences."""
    with app.app_context():
        snapshot = {
            table.name: sorted(repr(tuple(row)) for row in db.session.execute(select(table)))
            for table in db.metadata.sorted_tables
        }
        snapshot["index documents"] = app.extensions["search_index"].doc_count()
        snapshot["resumable uploads"] = sorted(e.path.name for e in resumable.staged_uploads())
        db.session.remove()
    account = client.get("/account")
    snapshot["staff signed in as"] = re.findall(r"<p>([^<]*@[^<]*)</p>", account.get_data(as_text=True))
    snapshot["storyteller signed in"] = client.get("/consent/mine").status_code
    snapshot["text-only mode"] = client.get_cookie("text_only") is not None
    return snapshot


# Headers a row's request needs besides its form (a tus creation says its protocol and length).
HEADERS = {"uploads.uploads": {"Tus-Resumable": "1.0.0", "Upload-Length": "1000"}}


def form_for(endpoint: str, values: dict) -> tuple[str, dict]:
    url, data = POSTS[endpoint]
    if endpoint == "ingest.new_story":
        data = story_form()
    return url.format(**values), {
        k.format(**values): v.format(**values) if isinstance(v, str) else v for k, v in data.items()
    }


@pytest.mark.parametrize("endpoint", sorted(POSTS))
def test_post_without_the_right_token_is_refused_and_changes_nothing(app, world, endpoint):
    client, values = world
    url, data = form_for(endpoint, values)
    before = state(app, client)
    tokens = {
        "no token": None,
        "an empty token": "",
        "a made-up token": "IjEyMzQ1Njc4OTAi.Zm9v.YmFy",
        "another browser's token": app.test_client().csrf_token(),
    }
    for name, token in tokens.items():
        sent = dict(data) if token is None else {**data, "csrf_token": token}
        response = client.post(url, data=sent, headers=HEADERS.get(endpoint))
        assert response.status_code == 400, f"{name}: {response.status_code}"
        assert EXPIRED in response.get_data(as_text=True).replace("&#39;", "'"), name
        assert state(app, client) == before, f"{name} changed something"

    # The same request with this browser's own token does change something.
    response = client.post(
        url, data={**data, "csrf_token": client.csrf_token()}, headers=HEADERS.get(endpoint)
    )
    assert response.status_code < 500
    if endpoint in NEEDS_A_RECORDING:
        return  # tests/test_workbench.py makes one from a real recording
    assert state(app, client) != before, "the request in the table must be one that changes something"


def test_every_get_route_leaves_everything_as_it_was(app, world, ingest, publish):
    """Links can be followed by anyone's browser: no GET, whatever its query string, changes state.

    One counter is the exception by design: an educator opening a story page adds to its view count
    (shown to the storyteller). This client is an admin, whose views are not counted.
    """
    client, values = world
    _, published, _, _ = ingest(client, title="Published")
    publish(published, reviewer=client)
    values = {**values, "published": published, "unknown": UNKNOWN_ID, "unknown_tag": 999_999}
    # Listening to a consent recording writes nothing either (not even an audit row).
    _, recorded, _, _ = ingest(client, title="Said aloud", **said_aloud())
    values["consent_recording"] = consent_copy_id(app, recorded)
    token = client.csrf_token()
    before = state(app, client)
    changed = []
    for (endpoint, method), access in ROUTES.items():
        if method != "GET":
            continue
        url = access.url.format(**values)
        queries = [{}]
        if endpoint in POSTS:
            # A whole valid form with its token, in the query string: still not a submitted form.
            queries.append({"csrf_token": token, **form_for(endpoint, values)[1]})
        for query in queries:
            response = client.get(url, query_string=query)
            assert response.status_code < 500, url
            response.close()  # a sent file (a recording) stays open until its response is closed
            if state(app, client) != before:
                changed.append(f"GET {url} {query}")
                before = state(app, client)
    assert not changed, f"GET requests that changed something: {changed}"


def test_the_withdrawal_page_only_asks_on_get(app, sign_in, ingest, publish):
    facilitator = sign_in("facilitator")
    _, story_id, code, secret = ingest(facilitator)
    publish(story_id, reviewer=sign_in("reviewer"))
    educator = sign_in("educator")
    patient = app.test_client()
    sign_in_patient(patient, code, secret)
    token = patient.csrf_token("/consent/withdraw")
    before = state(app, patient)

    for query in ({}, {"csrf_token": token}, {"csrf_token": token, "confirm": "yes"}):
        page = patient.get("/consent/withdraw", query_string=query)
        assert page.status_code == 200
        assert "cannot be undone" in page.get_data(as_text=True)
        assert '<form method="post">' in page.get_data(as_text=True)
    assert patient.head("/consent/withdraw").status_code == 200

    assert state(app, patient) == before
    assert educator.get(f"/stories/{story_id}").status_code == 200
    with app.app_context():
        assert app.extensions["search_index"].contains(story_id)
