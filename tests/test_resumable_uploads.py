"""Resumable uploads (tus 1.0 core, creation, termination) at /ingest/uploads: the protocol as tus
clients expect it (tuspy, the reference Python client, against a real server), a cut connection and a
server restart resumed without sending a finished byte again, the same content checks as the form,
caps per account, CSRF and roles, and the sweep and listing ``story-archive check`` relies on.
"""

from __future__ import annotations

import base64
import io
import os
import re
import time
from pathlib import Path

import pytest
import requests
from tusclient import client as tus_client
from tusclient.exceptions import TusCommunicationError

from archive import create_app
from archive.extensions import db
from ingest import resumable
from tests.conftest import PASSWORD, TOKEN_RE
from tests.fixtures.audio import fixture

URL = "/ingest/uploads"
TUS = {"Tus-Resumable": "1.0.0"}
OGG = fixture("clinic_visit.ogg")


def token(client, page: str = "/ingest/new") -> str:
    return client.csrf_token(page)


def start(client, length: int, field: str = "recording", csrf: str | None = None, **headers):
    meta = (
        "field "
        + base64.b64encode(field.encode()).decode()
        + ",filename "
        + base64.b64encode(b"Wanjiru Achieng.ogg").decode()
    )
    return client.post(
        URL,
        headers={
            **TUS,
            "Upload-Length": str(length),
            "Upload-Metadata": meta,
            "X-CSRFToken": csrf or token(client),
            **headers,
        },
    )


def patch(client, location: str, offset: int, body: bytes, csrf: str, **headers):
    return client.patch(
        location,
        data=body,
        headers={
            **TUS,
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
            "X-CSRFToken": csrf,
            **headers,
        },
    )


def head(client, location: str):
    return client.head(location, headers=TUS)


def test_options_says_version_extensions_and_cap(sign_in):
    facilitator = sign_in("facilitator")
    response = facilitator.options(URL)
    assert response.status_code == 204
    assert response.headers["Tus-Version"] == "1.0.0"
    assert set(response.headers["Tus-Extension"].split(",")) == {"creation", "termination"}
    assert int(response.headers["Tus-Max-Size"]) == 200 * 1024 * 1024


def test_an_upload_in_three_pieces_completes_and_is_checked_by_content(app, sign_in):
    facilitator = sign_in("facilitator")
    csrf = token(facilitator)
    data = OGG.read_bytes()
    created = start(facilitator, len(data), csrf=csrf)
    assert created.status_code == 201 and created.headers["Tus-Resumable"] == "1.0.0"
    location = created.headers["Location"]
    assert re.fullmatch(r"/ingest/uploads/[A-Za-z0-9_-]{16}", location)
    thirds = [0, len(data) // 3, 2 * len(data) // 3, len(data)]
    for a, b in zip(thirds, thirds[1:], strict=False):
        response = patch(facilitator, location, a, data[a:b], csrf)
        assert response.status_code == 204 and response.headers["Upload-Offset"] == str(b)
        asked = head(facilitator, location)
        assert asked.status_code == 200 and asked.headers["Upload-Offset"] == str(b)
        assert asked.headers["Upload-Length"] == str(len(data))
        assert asked.headers["Cache-Control"] == "no-store"
    with app.app_context():
        (upload,) = resumable.uploads()
        assert upload.complete
        assert (resumable.folder() / f"{upload.id}.part").read_bytes() == data
        # The file's name (often a person's) is kept encrypted.
        assert upload.name == "Wanjiru Achieng.ogg"
        assert b"Wanjiru" not in (resumable.folder() / f"{upload.id}.json").read_bytes()
        # Under the instance folder, readable by its owner alone.
        assert resumable.folder().parent == Path(app.instance_path)
        assert oct(resumable.folder().stat().st_mode & 0o777) == "0o700"


def test_wrong_offset_wrong_type_and_wrong_version_are_refused_without_change(sign_in):
    facilitator = sign_in("facilitator")
    csrf = token(facilitator)
    data = OGG.read_bytes()
    location = start(facilitator, len(data), csrf=csrf).headers["Location"]
    assert patch(facilitator, location, 0, data[:1000], csrf).status_code == 204
    # A finished piece sent again (the client's idea of the offset is old): 409, nothing written.
    assert patch(facilitator, location, 0, data[:1000], csrf).status_code == 409
    assert (
        patch(
            facilitator, location, 1000, data[1000:2000], csrf, **{"Content-Type": "text/plain"}
        ).status_code
        == 415
    )
    old = facilitator.patch(
        location,
        data=data[1000:2000],
        headers={
            "Tus-Resumable": "0.2.2",
            "Upload-Offset": "1000",
            "X-CSRFToken": csrf,
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert old.status_code == 412 and old.headers["Tus-Version"] == "1.0.0"
    # More than the declared length: refused.
    assert patch(facilitator, location, 1000, data[1000:] + b"extra", csrf).status_code == 413
    assert head(facilitator, location).headers["Upload-Offset"] == "1000"


def test_a_cut_connection_keeps_what_arrived_and_the_client_resumes_there(sign_in):
    facilitator = sign_in("facilitator")
    csrf = token(facilitator)
    data = OGG.read_bytes()
    location = start(facilitator, len(data), csrf=csrf).headers["Location"]
    # The body stops after 10,000 of the 16,000 bytes announced, as when the signal drops.
    cut = facilitator.patch(
        location,
        input_stream=io.BytesIO(data[:10_000]),
        headers={
            **TUS,
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
            "X-CSRFToken": csrf,
        },
        environ_overrides={"CONTENT_LENGTH": str(len(data))},
    )
    assert cut.status_code == 400
    offset = int(head(facilitator, location).headers["Upload-Offset"])
    assert offset == 10_000
    done = patch(facilitator, location, offset, data[offset:], csrf)
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))


def test_an_upload_survives_a_server_restart(app, tmp_path, sign_in):
    facilitator = sign_in("facilitator")
    csrf = token(facilitator)
    data = OGG.read_bytes()
    location = start(facilitator, len(data), csrf=csrf).headers["Location"]
    patch(facilitator, location, 0, data[:7000], csrf)
    # A new process on the same instance folder (and database): the upload is where it was left.
    keys = ("TESTING", "SECRET_KEY", "INSTANCE_PATH", "MEDIA_ROOT", "DATABASE_URL", "JOBS_IMMEDIATE")
    keys += ("SEARCH_BACKEND",)
    again = create_app({k: app.config[k] for k in keys})
    client = again.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    m = TOKEN_RE.search(login_page)
    signed = client.post(
        "/login",
        data={"email": facilitator.email, "password": PASSWORD, "csrf_token": m.group(1) or m.group(2)},
    )
    assert signed.status_code == 302
    page = client.get("/ingest/new").get_data(as_text=True)
    m = TOKEN_RE.search(page)
    csrf2 = m.group(1) or m.group(2)
    assert client.head(location, headers=TUS).headers["Upload-Offset"] == "7000"
    done = patch(client, location, 7000, data[7000:], csrf2)
    assert done.status_code == 204 and done.headers["Upload-Offset"] == str(len(data))
    with again.app_context():
        db.session.remove()
        db.engine.dispose()  # the second process's connections, closed like the app fixture's
        again.extensions["search"].close()


def test_a_finished_upload_that_is_no_recording_is_refused_and_deleted(app, sign_in):
    facilitator = sign_in("facilitator")
    csrf = token(facilitator)
    body = b"MZ" + os.urandom(5000)  # a program, named .ogg by nobody: refused by content
    location = start(facilitator, len(body), csrf=csrf).headers["Location"]
    refused = patch(facilitator, location, 0, body, csrf)
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["status"] == 422 and "not a recording" in error["message"]
    assert head(facilitator, location).status_code == 404
    with app.app_context():
        assert resumable.staged_uploads() == []


@pytest.mark.parametrize(
    ("field", "length", "status"),
    [
        ("recording", 200 * 1024 * 1024 + 1, 413),
        ("consent_recording", 100 * 1024 * 1024 + 1, 413),
        ("transcript", 1000, 400),
        ("recording", 0, 400),
    ],
)
def test_creation_refuses_what_no_form_field_takes(sign_in, field, length, status):
    facilitator = sign_in("facilitator")
    assert start(facilitator, length, field=field).status_code == status


@pytest.mark.parametrize(
    "app_config", [{"UPLOAD_MAX_PER_ACCOUNT": 2, "UPLOAD_MAX_BYTES_PER_ACCOUNT": 50_000}]
)
def test_each_account_holds_a_few_uploads_and_bytes_at_most(sign_in):
    one, other = sign_in("facilitator"), sign_in("facilitator")
    assert start(one, 10_000).status_code == 201
    assert start(one, 45_000).status_code == 429  # bytes
    assert start(one, 10_000).status_code == 201
    assert start(one, 10).status_code == 429  # count
    assert start(other, 10_000).status_code == 201  # another account has its own share
    # Giving one up makes room again.
    location = start(other, 10_000).headers["Location"]
    assert other.delete(location, headers={**TUS, "X-CSRFToken": token(other)}).status_code == 204
    assert head(other, location).status_code == 404


def test_only_the_owner_sees_or_touches_an_upload_and_only_with_the_csrf_token(app, sign_in):
    owner, stranger = sign_in("facilitator"), sign_in("facilitator")
    location = start(owner, 5000).headers["Location"]
    assert head(stranger, location).status_code == 404
    assert stranger.delete(location, headers={**TUS, "X-CSRFToken": token(stranger)}).status_code == 404
    # No token: refused by CSRF protection before anything is written.
    assert (
        owner.patch(
            location,
            data=b"x" * 10,
            headers={**TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
        ).status_code
        == 400
    )
    assert owner.post(URL, headers={**TUS, "Upload-Length": "10"}).status_code == 400
    assert head(owner, location).headers["Upload-Offset"] == "0"
    assert head(owner, URL + "/../../secret_key").status_code == 404
    assert head(owner, URL + "/not-an-id").status_code == 404
    educator = sign_in("educator")
    assert start(educator, 5000).status_code == 403
    anonymous = app.test_client()
    assert anonymous.head(location, headers=TUS).status_code == 401


def test_abandoned_uploads_and_leftovers_are_swept_and_listed_for_check(app, sign_in):
    facilitator = sign_in("facilitator")
    start(facilitator, 5000)
    fresh = start(facilitator, 5000).headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        folder = resumable.folder()
        (folder / "leftover.part").write_bytes(b"x")  # a crash between the two files
        listed = resumable.staged_uploads()
        assert len(listed) == 5 and sum(e.leftover for e in listed) == 1
        assert all(e.user_id is not None for e in listed if not e.leftover)
        assert resumable.sweep() == 0  # nothing old yet
        old = time.time() - 3 * 24 * 3600
        for path in folder.iterdir():
            if not path.name.startswith(fresh):
                os.utime(path, (old, old))
        assert resumable.sweep() == 3
        assert {e.upload_id for e in resumable.staged_uploads()} == {fresh}


def test_tuspy_uploads_and_resumes_against_the_real_server(app, live_server, make_user, tmp_path):
    email = make_user("facilitator")
    session = requests.Session()
    m = TOKEN_RE.search(session.get(live_server + "/login").text)
    assert (
        session.post(
            live_server + "/login",
            data={"email": email, "password": PASSWORD, "csrf_token": m.group(1) or m.group(2)},
            allow_redirects=False,
        ).status_code
        == 302
    )
    m = TOKEN_RE.search(session.get(live_server + "/ingest/new").text)
    headers = {
        "X-CSRFToken": m.group(1) or m.group(2),
        "Cookie": "; ".join(f"{c.name}={c.value}" for c in session.cookies),
    }
    tus = tus_client.TusClient(live_server + URL, headers=headers)
    data = OGG.read_bytes()
    with open(OGG, "rb") as stream:
        first = tus.uploader(file_stream=stream, chunk_size=4096, metadata={"field": "recording"})
        first.upload(stop_at=8192)  # then the phone loses its signal
    url = first.url
    with open(OGG, "rb") as stream:
        second = tus.uploader(file_stream=stream, url=url, chunk_size=4096)
        assert second.get_offset() == 8192  # asked, not assumed
        second.upload()
    assert second.offset == len(data)
    with app.app_context():
        (upload,) = resumable.uploads()
        assert upload.complete and (resumable.folder() / f"{upload.id}.part").read_bytes() == data
    # Anyone else's client is told nothing.
    with open(OGG, "rb") as stream, pytest.raises(TusCommunicationError):
        tus_client.TusClient(live_server + URL).uploader(file_stream=stream, url=url).get_offset()


@pytest.mark.parametrize("app_config", [{"UPLOAD_BYTES_PER_DAY": 10_000}])
def test_the_daily_quota_counts_an_upload_before_it_starts(sign_in):
    facilitator = sign_in("facilitator")
    refused = start(facilitator, 20_000)
    assert refused.status_code == 429 and "daily limit" in refused.get_json()["error"]["message"]
    assert start(facilitator, 5_000).status_code == 201


@pytest.mark.parametrize("app_config", [{"MAX_CONTENT_LENGTH": 10_000}])
def test_a_piece_larger_than_any_request_may_be_is_refused(sign_in):
    facilitator = sign_in("facilitator")
    csrf = token(facilitator)
    data = OGG.read_bytes()
    location = start(facilitator, len(data), csrf=csrf).headers["Location"]
    assert patch(facilitator, location, 0, data, csrf).status_code == 413  # the whole file at once
    assert head(facilitator, location).headers["Upload-Offset"] == "0"
    for a in range(0, len(data), 8000):  # in pieces, as clients send it
        assert patch(facilitator, location, a, data[a : a + 8000], csrf).status_code == 204
    assert head(facilitator, location).headers["Upload-Offset"] == str(len(data))
