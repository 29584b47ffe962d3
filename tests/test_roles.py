"""Who may use which view: every route against every role, 404s that tell nothing, and signing in.

The table ROUTES lists every route the app serves. A route missing from it fails
``test_every_route_is_in_the_access_table``, so a new view cannot arrive without its role check being
decided and tested here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from archive.extensions import db
from archive.models import ConsentForm, Story, Tag, utcnow
from tests.conftest import PASSWORD
from tests.fixtures.stories import consent_copy_id, said_aloud, without_csrf_token

ANONYMOUS, FACILITATOR, REVIEWER, EDUCATOR, ADMIN = (
    "anonymous",
    "facilitator",
    "reviewer",
    "educator",
    "admin",
)
ROLES = (ANONYMOUS, FACILITATOR, REVIEWER, EDUCATOR, ADMIN)
STAFF = frozenset(ROLES) - {ANONYMOUS}
EVERYONE = frozenset(ROLES)
UNKNOWN_ID = "NoSuchStory0000000000000"


@dataclass(frozen=True)
class Access:
    """Who may use a route, and what they get. ``ok`` is (status, Location prefix or None)."""

    url: str
    allowed: frozenset[str]
    ok: tuple[int, str | None] = (200, None)
    ok_for: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    refused: int = 403  # what signed-in staff without the role get (404 where an id must stay hidden)


# URL placeholders: {waiting} a story waiting for review, {published} a published story, both brought in
# by the facilitator in the table; {tag} a controlled tag; {unknown} an id that was never used;
# {consent_recording} the tag-free copy of a consent given aloud, kept with a third story of theirs;
# {consent} the consent of the waiting story; {consent_form} a consent form version nobody signed;
# {due} another of their stories whose consent is due again.
ROUTES: dict[tuple[str, str], Access] = {
    ("library.home", "GET"): Access(
        "/",
        EVERYONE,
        ok_for={
            FACILITATOR: (302, "/ingest/stories"),
            REVIEWER: (302, "/review/"),
            EDUCATOR: (302, "/library"),
            ADMIN: (302, "/admin/"),
        },
    ),
    ("auth.login", "GET"): Access("/login", EVERYONE),
    ("auth.login", "POST"): Access("/login", EVERYONE),  # empty form: shown again
    ("auth.logout", "POST"): Access("/logout", EVERYONE, (302, "/")),
    ("auth.account", "GET"): Access("/account", STAFF),
    ("auth.account", "POST"): Access("/account", STAFF),
    # Without the current password: refused with a message.
    ("auth.password", "POST"): Access("/account/password", STAFF, (400, None)),
    ("library.index", "GET"): Access("/library", {EDUCATOR, ADMIN}),
    ("library.search_csv", "GET"): Access("/library/search.csv", {EDUCATOR, ADMIN}),
    ("library.story", "GET"): Access("/stories/{published}", {EDUCATOR, ADMIN}),
    # The published (redacted) recording; the table's published story is typed, so there is nothing to
    # hear (tests/test_published_audio.py has recorded ones). Other staff are refused like the page.
    ("library.audio", "GET"): Access("/stories/{published}/audio", {EDUCATOR, ADMIN}, (404, None)),
    # Word timings of a recorded story (tests/test_story_player.py); the typed story has none.
    ("library.timings", "GET"): Access("/stories/{published}/timings.json", {EDUCATOR, ADMIN}, (404, None)),
    # This browser's text-only preference; an empty form names no choice: refused with a message.
    # A report with no kind chosen: refused with a message.
    ("library.report", "POST"): Access("/stories/{published}/report", {EDUCATOR, ADMIN}, (400, None)),
    ("library.text_only", "POST"): Access("/library/text-only", {EDUCATOR, ADMIN}, (400, None)),
    ("api.search", "GET"): Access("/api/v1/search", {EDUCATOR, ADMIN}),
    ("api.story", "GET"): Access("/api/v1/stories/{published}", {EDUCATOR, ADMIN}),
    ("admin.index", "GET"): Access("/admin/", {ADMIN}),
    ("admin.tags", "GET"): Access("/admin/tags", {ADMIN}),
    ("admin.users", "GET"): Access("/admin/users", {ADMIN}),
    ("admin.jobs", "GET"): Access("/admin/jobs", {ADMIN}),
    ("admin.speech_models", "GET"): Access("/admin/speech-models", {ADMIN}),
    # An empty form names no language: refused with a message (tests/test_admin_speech_models.py).
    ("admin.install_model", "POST"): Access("/admin/speech-models/install", {ADMIN}, (400, None)),
    ("admin.upload_model", "POST"): Access("/admin/speech-models/upload", {ADMIN}, (400, None)),
    ("admin.clear_install", "POST"): Access(
        "/admin/speech-models/sw/clear", {ADMIN}, (303, "/admin/speech-models")
    ),
    ("admin.retry_job", "POST"): Access("/admin/jobs/{unknown}/retry", {ADMIN}, (404, None)),
    ("consent_admin.consent_events", "GET"): Access("/admin/consent-events", {ADMIN}),
    ("admin.users", "POST"): Access("/admin/users", {ADMIN}, (400, None)),  # no e-mail
    ("admin.change_user", "POST"): Access("/admin/users/999999", {ADMIN}, (404, None)),
    ("admin.reset_user_password", "POST"): Access("/admin/users/999999/password", {ADMIN}, (404, None)),
    ("admin.tags", "POST"): Access("/admin/tags", {ADMIN}, (400, None)),  # empty form
    ("admin.relabel", "POST"): Access("/admin/tags/{tag}", {ADMIN}, (400, None)),  # no label
    ("admin.retire", "POST"): Access("/admin/tags/{unknown_tag}/retire", {ADMIN}, (404, None)),
    ("consent_admin.consent_recordings", "GET"): Access("/admin/consent-recordings", {ADMIN}),
    # Heard by admins and the storyteller only; other staff, its uploader included, get a 404.
    ("consent_admin.consent_recording", "GET"): Access(
        "/admin/consent-recordings/{consent_recording}", {ADMIN}, refused=404
    ),
    ("consent_admin.consent_forms", "GET"): Access("/admin/consent-forms", {ADMIN}),
    ("consent_admin.consent_forms", "POST"): Access(
        "/admin/consent-forms", {ADMIN}, (400, None)
    ),  # empty form
    ("consent_admin.consent_form", "GET"): Access("/admin/consent-forms/{consent_form}", {ADMIN}),
    # An empty correction of a version nobody signed: refused with a message (no title, no text).
    ("consent_admin.consent_form", "POST"): Access(
        "/admin/consent-forms/{consent_form}", {ADMIN}, (400, None)
    ),
    ("consent_admin.retire_consent_form", "POST"): Access(
        "/admin/consent-forms/{unknown_tag}/retire", {ADMIN}, (404, None)
    ),
    ("consent_admin.consent_events_csv", "GET"): Access("/admin/consent-events.csv", {ADMIN}),
    # One consent's terms: other staff get the same 404 as for an id that never existed.
    ("consent_admin.consent_fhir", "GET"): Access("/admin/consents/{consent}/fhir", {ADMIN}, refused=404),
    ("consent_staff.reconsent", "GET"): Access("/ingest/reconsent", {FACILITATOR, ADMIN}),
    # Recording a consent given again: {due} is the facilitator's story whose consent is due again.
    ("consent_staff.renew_consent", "GET"): Access("/ingest/reconsent/{due}", {FACILITATOR, ADMIN}),
    ("consent_staff.renew_consent", "POST"): Access(
        "/ingest/reconsent/{due}", {FACILITATOR, ADMIN}, (400, None)
    ),
    # Taken back on the storyteller's word: without the box ticked, back to the form with a message.
    ("consent_staff.withdraw_on_word", "POST"): Access(
        "/ingest/reconsent/{due}/withdraw", {FACILITATOR, ADMIN}, (302, "/ingest/reconsent/{due}")
    ),
    ("ingest.new_story", "GET"): Access("/ingest/new", {FACILITATOR, ADMIN}),
    ("ingest.new_story", "POST"): Access("/ingest/new", {FACILITATOR, ADMIN}, (400, None)),  # empty form
    ("ingest.my_stories", "GET"): Access("/ingest/stories", {FACILITATOR, ADMIN}),
    ("ingest.story", "GET"): Access("/ingest/stories/{waiting}", {FACILITATOR, ADMIN}),
    ("ingest.manifest", "GET"): Access("/ingest/manifest.webmanifest", {FACILITATOR, ADMIN}),
    ("ingest.service_worker", "GET"): Access("/ingest/sw.js", {FACILITATOR, ADMIN}),
    # Resumable uploads: tus clients are told 401, not sent to a sign-in page; the requests here lack
    # the protocol's version header, so those allowed get 412 (tests/test_resumable_uploads.py).
    ("uploads.uploads", "POST"): Access("/ingest/uploads", {FACILITATOR, ADMIN}, (412, None)),
    ("uploads.upload", "PATCH"): Access("/ingest/uploads/{unknown}", {FACILITATOR, ADMIN}, (412, None)),
    ("uploads.upload", "DELETE"): Access("/ingest/uploads/{unknown}", {FACILITATOR, ADMIN}, (412, None)),
    ("ingest.progress", "GET"): Access("/ingest/stories/{waiting}/progress", {FACILITATOR, ADMIN}),
    # A typed story has no transcription to retry: refused with a message (the route is still checked).
    ("ingest.retry", "POST"): Access("/ingest/stories/{waiting}/retry", {FACILITATOR, ADMIN}, (409, None)),
    # Correcting a story's details before publication: its facilitator, reviewers and admins. An empty
    # form has no title: refused with a message.
    ("ingest.details", "GET"): Access("/ingest/stories/{waiting}/details", {FACILITATOR, REVIEWER, ADMIN}),
    ("ingest.details", "POST"): Access(
        "/ingest/stories/{waiting}/details", {FACILITATOR, REVIEWER, ADMIN}, (400, None)
    ),
    # What the facilitator uploaded; the table's story is typed, so there is nothing to hear
    # (tests/test_story_corrections.py has a recorded one).
    ("ingest.listen", "GET"): Access("/ingest/stories/{waiting}/listen", {FACILITATOR, ADMIN}, (404, None)),
    ("review.queue", "GET"): Access("/review/", {REVIEWER, ADMIN}),
    ("review.story", "GET"): Access("/review/{waiting}", {REVIEWER, ADMIN}),
    ("review.decisions", "POST"): Access(
        "/review/{waiting}/decisions", {REVIEWER, ADMIN}, (302, "/review/{waiting}")
    ),
    # An empty form names no kind: refused with a message, back to the page.
    ("review.decide_kind", "POST"): Access(
        "/review/{waiting}/decisions/kind", {REVIEWER, ADMIN}, (302, "/review/{waiting}")
    ),
    ("review.add_span", "POST"): Access(
        "/review/{waiting}/spans", {REVIEWER, ADMIN}, (302, "/review/{waiting}")
    ),
    # An empty form carries no fingerprint of the text it started from, so it is refused as stale.
    ("review.edit_text", "POST"): Access("/review/{waiting}/text", {REVIEWER, ADMIN}, (409, None)),
    ("review.publish", "POST"): Access("/review/{unknown}/publish", {REVIEWER, ADMIN}, (404, None)),
    # A typed story has no recording: nothing to transcribe or hear (tests/test_review_audio.py has
    # the recorded ones). Educators are refused the recording like every other reviewer's page.
    ("review.typed_transcript", "GET"): Access(
        "/review/{waiting}/transcript", {REVIEWER, ADMIN}, (404, None)
    ),
    ("review.typed_transcript", "POST"): Access(
        "/review/{waiting}/transcript", {REVIEWER, ADMIN}, (404, None)
    ),
    # Problems educators reported in published stories (tests/test_reports.py has reports in them).
    ("reports.index", "GET"): Access("/review/reports/", {REVIEWER, ADMIN}),
    ("reports.report", "GET"): Access("/review/reports/{unknown}", {REVIEWER, ADMIN}, (404, None)),
    ("reports.close", "POST"): Access("/review/reports/{unknown}/close", {REVIEWER, ADMIN}, (404, None)),
    ("review.listen", "GET"): Access("/review/{waiting}/listen", {REVIEWER, ADMIN}, (404, None)),
    # The workbench (tests/test_workbench.py has recorded stories): the table's story is typed, so the
    # timings are empty, an empty form settles nothing, marks no time, saves no empty title, and there
    # is no recording to preview or search; each says so on the page.
    ("review.timings", "GET"): Access("/review/{waiting}/timings", {REVIEWER, ADMIN}),
    ("review.settle", "POST"): Access(
        "/review/{waiting}/identifiers/0", {REVIEWER, ADMIN}, (302, "/review/{waiting}")
    ),
    ("review.mark_time", "POST"): Access(
        "/review/{waiting}/time-marks", {REVIEWER, ADMIN}, (302, "/review/{waiting}")
    ),
    ("review.details", "POST"): Access(
        "/review/{waiting}/details", {REVIEWER, ADMIN}, (302, "/review/{waiting}")
    ),
    ("review.preview_audio", "GET"): Access(
        "/review/{waiting}/preview-audio", {REVIEWER, ADMIN}, (302, "/review/{waiting}")
    ),
    ("review.preview_audio", "POST"): Access(
        "/review/{waiting}/preview-audio", {REVIEWER, ADMIN}, (302, "/review/{waiting}")
    ),
    ("review.search_again", "POST"): Access(
        "/review/{waiting}/listen-for", {REVIEWER, ADMIN}, (302, "/review/{waiting}")
    ),
    # The patient's pages need the code and secret, not an account: without them, back to the start.
    ("consent.start", "GET"): Access("/consent/", EVERYONE),
    ("consent.start", "POST"): Access("/consent/", EVERYONE, (400, None)),  # empty form
    ("consent.mine", "GET"): Access("/consent/mine", EVERYONE, (302, "/consent/")),
    ("consent.withdraw_story", "GET"): Access("/consent/withdraw", EVERYONE, (302, "/consent/")),
    ("consent.withdraw_story", "POST"): Access("/consent/withdraw", EVERYONE, (302, "/consent/")),
    ("consent.signout", "POST"): Access("/consent/signout", EVERYONE, (302, "/consent/")),
    # Only for a browser signed in with that consent's code and secret, which nobody here is.
    ("consent.recording", "GET"): Access("/consent/recordings/{consent_recording}", EVERYONE, (404, None)),
    ("consent.story_audio", "GET"): Access("/consent/stories/{published}/audio", EVERYONE, (404, None)),
    ("consent.change", "GET"): Access("/consent/change", EVERYONE, (302, "/consent/")),
    # The storyteller's yes before publication, and the recording they hear first: signed in only.
    ("consent.approve_story", "POST"): Access(
        "/consent/stories/{waiting}/approve", EVERYONE, (302, "/consent/")
    ),
    ("consent.preview_audio", "GET"): Access("/consent/stories/{waiting}/preview", EVERYONE, (404, None)),
    ("consent.narrow_uses", "POST"): Access("/consent/change/uses", EVERYONE, (302, "/consent/")),
    ("consent.change_end", "POST"): Access("/consent/change/period", EVERYONE, (302, "/consent/")),
    # A new secret for a lost card: the story's facilitator or an admin. Without the "checked the
    # person" box ticked it is refused with a message on the story's page.
    ("consent_staff.reset", "POST"): Access(
        "/staff/consent/stories/{waiting}/secret", {FACILITATOR, ADMIN}, (302, "/ingest/stories/{waiting}")
    ),
    # Teaching sets and clips (archive/library/). {teaching_set} is a shared set of another educator
    # with a clip {teaching_clip}; changes are tried on unknown ids (404: nothing to say it exists).
    ("teaching.sets", "GET"): Access("/teaching/sets", {EDUCATOR, ADMIN}),
    ("teaching.create_set_view", "POST"): Access(
        "/teaching/sets", {EDUCATOR, ADMIN}, (400, None)
    ),  # no title
    ("teaching.set_page", "GET"): Access("/teaching/sets/{teaching_set}", {EDUCATOR, ADMIN}),
    ("teaching.edit_set", "POST"): Access("/teaching/sets/{unknown}", {EDUCATOR, ADMIN}, (404, None)),
    ("teaching.delete_set_view", "POST"): Access(
        "/teaching/sets/{unknown}/delete", {EDUCATOR, ADMIN}, (404, None)
    ),
    ("teaching.duplicate_set_view", "POST"): Access(
        "/teaching/sets/{unknown}/duplicate", {EDUCATOR, ADMIN}, (404, None)
    ),
    ("teaching.add_item_view", "POST"): Access("/teaching/items", {EDUCATOR, ADMIN}, (404, None)),  # no set
    ("teaching.edit_item", "POST"): Access(
        "/teaching/sets/{unknown}/items/1", {EDUCATOR, ADMIN}, (404, None)
    ),
    ("teaching.move_item_view", "POST"): Access(
        "/teaching/sets/{unknown}/items/1/move", {EDUCATOR, ADMIN}, (404, None)
    ),
    ("teaching.remove_item_view", "POST"): Access(
        "/teaching/sets/{unknown}/items/1/remove", {EDUCATOR, ADMIN}, (404, None)
    ),
    ("teaching.create_link_view", "POST"): Access(
        "/teaching/sets/{unknown}/links", {EDUCATOR, ADMIN}, (404, None)
    ),
    ("teaching.revoke_link_view", "POST"): Access(
        "/teaching/sets/{unknown}/links/1/revoke", {EDUCATOR, ADMIN}, (404, None)
    ),
    ("teaching.packet", "GET"): Access("/teaching/sets/{teaching_set}/packet", {EDUCATOR, ADMIN}),
    ("teaching.create_clip_view", "POST"): Access(
        "/stories/{published}/clips", {EDUCATOR, ADMIN}, (400, None)
    ),
    ("teaching.clip_page", "GET"): Access("/clips/{teaching_clip}", {EDUCATOR, ADMIN}),
    ("teaching.delete_clip_view", "POST"): Access("/clips/{unknown}/delete", {EDUCATOR, ADMIN}, (404, None)),
    ("teaching.transcript", "GET"): Access("/stories/{published}/transcript.txt", {EDUCATOR, ADMIN}),
    # Students without an account: the link is the key. The set's first story is typed (nothing to hear).
    ("course.page", "GET"): Access("/course/{course_token}", EVERYONE),
    ("course.audio", "GET"): Access(
        "/course/{course_token}/stories/{teaching_story}/audio", EVERYONE, (404, None)
    ),
}
SKIPPED_ENDPOINTS = {"static"}  # files from archive/static, public by design


def served_routes(app) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in SKIPPED_ENDPOINTS
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_route_is_in_the_access_table(app):
    served = served_routes(app)
    missing = sorted(served - set(ROUTES))
    stale = sorted(set(ROUTES) - served)
    assert not missing, (
        f"routes without a row in tests/test_roles.py ROUTES (decide who may use them): {missing}"
    )
    assert not stale, f"rows in ROUTES for routes that no longer exist: {stale}"


def expected(access: Access, role: str, url: str) -> tuple[int, str | None]:
    if role in access.allowed:
        return access.ok_for.get(role, access.ok)
    if role == ANONYMOUS:
        return (401, None) if url.startswith(("/api/", "/ingest/uploads")) else (302, "/login")
    return (access.refused, None)


def unused_consent_form() -> int:
    """Add a consent form version nobody has consented to (in the app context); return its id."""
    form = ConsentForm(language="fr", version="table-1", title="Formulaire", text="Vous acceptez…")
    db.session.add(form)
    db.session.commit()
    return form.id


@pytest.fixture
def library(app, sign_in, ingest, publish, quick_user):
    """A facilitator with one story waiting for review and one published, and ids for the URLs."""
    facilitator = sign_in(FACILITATOR)
    _, waiting, _, _ = ingest(facilitator)
    _, published, _, _ = ingest(facilitator, title="Published")
    _, recorded, _, _ = ingest(facilitator, title="Said aloud", **said_aloud())
    _, due, _, _ = ingest(facilitator, title="Due again")
    reviewer = sign_in(REVIEWER)
    publish(published, reviewer=reviewer)
    with app.app_context():
        tag = db.session.scalar(select(Tag.id).where(Tag.slug == "diagnosis"))
        consent = db.session.get(Story, waiting).consent_id
        consent_form = unused_consent_form()
        db.session.get(Story, due).consent.reconsent_due_at = utcnow()
        db.session.commit()
    ids = {
        "consent": consent,
        "consent_form": consent_form,
        "waiting": waiting,
        "published": published,
        "tag": tag,
        "unknown": UNKNOWN_ID,
        "unknown_tag": 999_999,
        "consent_recording": consent_copy_id(app, recorded),
        "due": due,
    }
    from tests.test_teaching_sets import teaching_world  # here: that module imports this one

    ids.update(teaching_world(app, quick_user(EDUCATOR)))  # a shared teaching set of another educator
    return {"ids": ids, FACILITATOR: facilitator, REVIEWER: reviewer}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_views(app, sign_in, library, role):
    if role == ANONYMOUS:
        client = app.test_client()
    else:
        client = library.get(role) or sign_in(role)
    token = client.csrf_token()
    wrong = []
    # Signing out last, so every other row is tried while signed in.
    for (_endpoint, method), access in sorted(ROUTES.items(), key=lambda kv: kv[0][0] == "auth.logout"):
        url = access.url.format(**library["ids"])
        if method == "GET":
            response = client.get(url)
        else:
            response = client.open(url, method=method, data={"csrf_token": token})
        status, location = expected(access, role, url)
        location = location.format(**library["ids"]) if location else None
        got_location = urlsplit(response.location).path if response.location else None
        if response.status_code != status or (location and got_location != location):
            wrong.append(
                f"{method} {url}: got {response.status_code} {got_location or ''}, want {status} {location}"
            )
        if response.status_code == 403:
            assert "not allowed" in response.get_data(as_text=True)
        if response.status_code == 401:
            assert response.get_json()["error"]["status"] == 401
        response.close()  # a sent file (a recording) stays open until its response is closed
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)
    assert client.get("/account").status_code == 302, "signed out at the end"


# -- 404s that tell nothing ---------------------------------------------------------------------
def same_answer(responses: dict[str, object], html_page: bool) -> None:
    """Assert every response has the same status, headers and body (HTML: CSRF token values aside;
    the request id, which is new for every request, aside)."""
    shapes = {}
    for name, response in responses.items():
        body = response.get_data(as_text=True)
        shapes[name] = (
            response.status_code,
            sorted((k, v) for k, v in response.headers.items() if k != "X-Request-Id"),
            without_csrf_token(body) if html_page else body,
        )
    first_name, first = next(iter(shapes.items()))
    assert first[0] == 404
    for name, shape in shapes.items():
        assert shape == first, f"{name} answers differently from {first_name}"


def test_facilitators_cannot_tell_others_stories_from_missing_ones(app, sign_in, ingest, withdraw):
    owner = sign_in(FACILITATOR)
    _, theirs, _, _ = ingest(owner, title="Their story")
    _, gone, code, secret = ingest(owner, title="Withdrawn story")
    withdraw(code, secret)
    other = sign_in(FACILITATOR)

    assert owner.get(f"/ingest/stories/{theirs}").status_code == 200
    assert "Their story" not in other.get("/ingest/stories").get_data(as_text=True)
    same_answer(
        {
            "another facilitator's story": other.get(f"/ingest/stories/{theirs}"),
            "an unknown id": other.get(f"/ingest/stories/{UNKNOWN_ID}"),
            "a withdrawn story": other.get(f"/ingest/stories/{gone}"),
        },
        html_page=True,
    )
    same_answer(
        {
            "own withdrawn story": owner.get(f"/ingest/stories/{gone}"),
            "an unknown id": owner.get(f"/ingest/stories/{UNKNOWN_ID}"),
        },
        html_page=True,
    )


@pytest.mark.parametrize("prefix, html_page", [("/stories/", True), ("/api/v1/stories/", False)])
def test_educators_get_the_same_404_for_unknown_withdrawn_and_unpublished(
    app, sign_in, ingest, publish, withdraw, prefix, html_page
):
    facilitator = sign_in(FACILITATOR)
    _, gone, code, secret = ingest(facilitator)
    publish(gone, reviewer=sign_in(REVIEWER))
    educator = sign_in(EDUCATOR)
    assert educator.get(prefix + gone).status_code == 200
    withdraw(code, secret)
    _, waiting, _, _ = ingest(facilitator)

    same_answer(
        {
            "an unknown id": educator.get(prefix + UNKNOWN_ID),
            "a withdrawn story": educator.get(prefix + gone),
            "a story waiting for review": educator.get(prefix + waiting),
            "a 300-character id": educator.get(prefix + "x" * 300),
        },
        html_page=html_page,
    )


# -- API tokens ---------------------------------------------------------------------------------
def api_token(client) -> str:
    page = client.submit("/account", {}, page="/account").get_data(as_text=True)
    match = re.search(r"<code>(sa_[\w-]+)</code>", page)
    assert match, "no token on the account page"
    return match.group(1)


def test_api_tokens_carry_their_role_and_only_work_on_the_api(app, sign_in, ingest, publish):
    facilitator = sign_in(FACILITATOR)
    _, story_id, _, _ = ingest(facilitator)
    publish(story_id, reviewer=sign_in(REVIEWER))
    educator_token = api_token(sign_in(EDUCATOR))
    facilitator_token = api_token(facilitator)
    bare = app.test_client()

    def bearer(token):
        return {"Authorization": f"Bearer {token}"}

    assert bare.get(f"/api/v1/stories/{story_id}", headers=bearer(educator_token)).status_code == 200
    refused = bare.get("/api/v1/search", headers=bearer(facilitator_token))
    assert refused.status_code == 403 and refused.get_json()["error"]["status"] == 403
    for token in ("sa_not-a-real-token", "", educator_token + "x"):
        assert bare.get("/api/v1/search", headers=bearer(token)).status_code == 401
    # Outside /api/ a token is no sign-in: pages need a session (and CSRF for changes).
    page = bare.get(f"/stories/{story_id}", headers=bearer(educator_token))
    assert page.status_code == 302 and page.location.startswith("/login")


# -- signing in ---------------------------------------------------------------------------------
NO_MATCH = "That e-mail and password do not match an account."


@pytest.mark.real_hashing
@pytest.mark.parametrize(
    "email, password",
    [
        pytest.param("known", "wrong password", id="wrong-password"),
        pytest.param("nobody@example.org", PASSWORD, id="unknown-email"),
        pytest.param("known", PASSWORD.upper(), id="password-in-other-case"),
        pytest.param("known", PASSWORD + " ", id="password-with-trailing-space"),
    ],
)
def test_failed_sign_in_says_the_same_thing_whatever_was_wrong(app, make_user, email, password):
    known = make_user(EDUCATOR)
    client = app.test_client()
    response = client.submit("/login", {"email": known if email == "known" else email, "password": password})
    assert response.status_code == 200
    assert NO_MATCH in html.unescape(response.get_data(as_text=True))
    assert client.get("/library").status_code == 302, "not signed in"


@pytest.mark.real_hashing
def test_sign_in_ignores_the_case_of_the_email(app, quick_user):
    email = quick_user(EDUCATOR)
    response = app.test_client().submit(
        "/login", {"email": email.upper(), "password": PASSWORD}, page="/login"
    )
    assert response.status_code == 302 and response.location == "/library"


@pytest.mark.real_hashing
def test_sign_in_is_locked_after_too_many_failures(app, make_user):
    app.config["LOGIN_MAX_FAILURES"] = 3
    email = make_user(EDUCATOR)
    client = app.test_client()
    for _ in range(3):
        r = client.submit("/login", {"email": email, "password": "wrong password"}, page="/login")
        assert r.status_code == 200 and NO_MATCH in html.unescape(r.get_data(as_text=True))

    # Locked now, even for the right password; the page says so and for how long.
    locked = client.submit("/login", {"email": email, "password": PASSWORD}, page="/login")
    assert locked.status_code == 429
    assert "Too many failed attempts. Please wait 15 minutes and try again." in locked.get_data(as_text=True)
    assert client.get("/library").status_code == 302, "not signed in"

    # The lock holds for the e-mail from another address too, but another account elsewhere can sign in.
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert (
        elsewhere.submit("/login", {"email": email, "password": PASSWORD}, page="/login").status_code == 429
    )
    other = make_user(EDUCATOR)
    assert (
        elsewhere.submit("/login", {"email": other, "password": PASSWORD}, page="/login").status_code == 302
    )


def test_lock_message_follows_the_configured_window(app, make_user):
    app.config.update(LOGIN_MAX_FAILURES=1, LOGIN_WINDOW_SECONDS=5 * 60)
    email = make_user(EDUCATOR)
    client = app.test_client()
    client.submit("/login", {"email": email, "password": "wrong password"}, page="/login")
    locked = client.submit("/login", {"email": email, "password": PASSWORD}, page="/login")
    assert locked.status_code == 429
    assert "Please wait 5 minutes" in locked.get_data(as_text=True)


def lands_on_this_site(location: str) -> bool:
    """Read a Location the way a browser does: tabs and newlines dropped, backslashes as slashes."""
    cleaned = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").strip()
    parts = urlsplit(cleaned)
    return not parts.scheme and not parts.netloc and cleaned.startswith("/") and not cleaned.startswith("//")


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "///evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/\\evil.example",
        "/\t/evil.example",
        "/\r\n/evil.example",
        "\t//evil.example",
        " //evil.example",
    ],
    ids=lambda v: repr(v),
)
def test_sign_in_never_follows_next_off_the_site(app, quick_user, next_url):
    email = quick_user(EDUCATOR)
    client = app.test_client()
    response = client.submit(
        "/login", {"email": email, "password": PASSWORD, "next": next_url}, page="/login"
    )
    assert response.status_code == 302
    assert lands_on_this_site(response.location)
    assert response.location == "/library", "an unsafe next is dropped for the role's home page"


@pytest.mark.parametrize("next_url", ["/library?q=waiting&tag=stigma", "/account", "/stories/abc"])
def test_sign_in_follows_next_on_the_site(app, quick_user, next_url):
    email = quick_user(EDUCATOR)
    client = app.test_client()
    response = client.submit(
        "/login", {"email": email, "password": PASSWORD, "next": next_url}, page="/login"
    )
    assert response.status_code == 302 and response.location == next_url


def test_next_from_a_refused_page_comes_back_after_sign_in(app, quick_user):
    email = quick_user(EDUCATOR)
    client = app.test_client()
    away = client.get("/library?q=cough")
    assert away.status_code == 302
    form_page = away.location
    page = client.get(form_page).get_data(as_text=True)
    next_value = html.unescape(re.search(r'name="next" type="hidden" value="([^"]*)"', page).group(1))
    response = client.submit(
        "/login", {"email": email, "password": PASSWORD, "next": next_value}, page=form_page
    )
    assert response.location == "/library?q=cough"


def test_a_refused_form_post_does_not_send_the_browser_back_to_a_post_only_address(app):
    client = app.test_client()
    response = client.post(f"/review/{UNKNOWN_ID}/publish", data={"csrf_token": client.csrf_token()})
    assert response.status_code == 302
    assert response.location == "/login", "after sign-in a GET there would only answer 405"


def test_next_is_shown_escaped_on_the_sign_in_page(client):
    page = client.get("/login", query_string={"next": '"><script>alert(1)</script>'}).get_data(as_text=True)
    assert "<script" not in page.lower()
