"""The storyteller's pages as people meet them: the consent card in their language, choices before the
story, a history in whole sentences, how the story was used (teaching sets and course links, views
counted once per teacher a day), error pages in their language, and the yes a storyteller may ask to
give before their story is published. Through the real views, services and the SQLite file."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from archive.extensions import db
from archive.library.stories import count_view
from archive.models import Story, StoryStatus, StoryView, utcnow
from tests.fixtures.stories import read_card, sign_in_patient, story_form
from tests.test_teaching_sets import add, new_set

COMES_OF_AGE = (utcnow().date() + timedelta(days=1000)).isoformat()


def page_of(app, code: str, secret: str, path: str = "/consent/mine", **headers) -> str:
    patient = app.test_client()
    sign_in_patient(patient, code, secret)
    return html.unescape(patient.get(path, headers=headers).get_data(as_text=True))


def status_of(app, story_id: str) -> tuple[str, object, object]:
    with app.app_context():
        story = db.session.get(Story, story_id)
        found = story.status, story.approval_asked_at, story.approved_at
        db.session.remove()
    return found


# -- the card ---------------------------------------------------------------------------------------
def test_the_card_is_in_the_storyteller_s_language_and_says_what_was_agreed(app, sign_in):
    app.config["CONTACT"] = "+255 700 000 111, Kliniki ya Gitaru"
    facilitator = sign_in("facilitator")
    response = facilitator.submit(
        "/ingest/new",
        story_form(storyteller_language="fr"),
        page="/ingest/new",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 201
    card = page.split('<section class="consent-card"', 1)[1].split("</section>", 1)[0]
    assert card.startswith(' lang="fr"')
    text = html.unescape(card)
    for words in (
        "Votre histoire et votre consentement",
        "vous avez accepté que votre histoire « The cough that would not leave »",
        "la formation d'agents de santé dans un cours fermé",
        "l'histoire écrite",
        "sans date de fin",
        "Vous avez signé le formulaire de consentement.",
        "Pour joindre l'archive : +255 700 000 111, Kliniki ya Gitaru",
        "Code secret",
    ):
        assert words in text, words
    code, secret = read_card(page)
    assert code and len(secret) == 10
    # The staff page around it stays in English, with a print button (shown by the script).
    assert "Print this card or copy it by hand" in page and "data-print hidden" in page
    assert "print.js" in page and '<html lang="en">' in page


def test_a_guardian_gets_the_guardian_s_card(ingest):
    facilitator, story_id, _, _ = ingest(
        method="guardian", witness="Grace Njeri", comes_of_age_on=COMES_OF_AGE
    )
    reset = facilitator.submit(
        f"/staff/consent/stories/{story_id}/secret", {"checked": "y"}, page=f"/ingest/stories/{story_id}"
    )
    text = html.unescape(reset.get_data(as_text=True))
    assert "The story of the person in your care, and your consent" in text
    assert "You agreed as the guardian of a child, with a witness." in text
    assert "its version for a guardian" in text


# -- the page: choices first, the history in sentences, the fixes ---------------------------------------
def test_the_choices_come_before_the_story(app, published_card):
    card = published_card()
    page = page_of(app, card.code, card.secret)
    assert page.index("Take my story back") < page.index("The quinine tasted of bitter bark")
    assert page.index("Change what you agreed to") < page.index("The quinine tasted of bitter bark")


def test_the_history_speaks_in_whole_sentences(app, ingest):
    _, _, code, secret = ingest()
    page = page_of(app, code, secret)
    history = page.split('<ul class="history">', 1)[1].split("</ul>", 1)[0]
    assert "You gave your consent to a health worker (consent form version 2026-1)" in history
    assert "by you" not in page and "by a health worker" not in page
    assert "You opened your story's page on this website" in history


def test_a_guardian_s_consent_reads_as_given_for_the_storyteller(app, ingest):
    _, _, code, secret = ingest(method="guardian", witness="Grace Njeri", comes_of_age_on=COMES_OF_AGE)
    history = page_of(app, code, secret).split('<ul class="history">', 1)[1]
    assert "A guardian gave consent for you to a health worker" in history
    assert "You gave your consent" not in history


def test_the_change_page_keeps_its_sentences_apart_and_boxes_beside_their_words(app, published_card):
    card = published_card()
    page = page_of(app, card.code, card.secret, "/consent/change")
    assert "no end date.If" not in page
    assert re.search(
        r'<label class="check" for="no_end"><input[^>]*id="no_end"[^>]*> No end date</label>', page
    )
    assert re.search(r'<label class="check" for="purposes-0"><input[^>]*> teaching health workers', page)


@pytest.mark.parametrize(
    "accept, title, message",
    [
        ("fr", "Introuvable", "Il n'y a rien à cette adresse."),
        ("ko", "찾을 수 없어요", "이 주소에는 아무것도 없어요."),
        ("ne", "भेटिएन", "यो ठेगानामा केही छैन।"),
    ],
)
def test_error_pages_on_the_storyteller_s_addresses_speak_their_language(client, accept, title, message):
    response = client.get("/consent/no-such-page", headers={"Accept-Language": accept})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 404
    assert f"<h1>{title}</h1>" in page and message in page
    assert f'<html lang="{accept}">' in page
    assert 'href="/consent/"' in page  # back to the storyteller's start, not the staff sign-in
    assert "Staff sign-in" not in page


def test_staff_error_pages_stay_in_english(client):
    page = client.get("/ingest/no-such-page", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "There is nothing at this address." in page and '<html lang="en">' in page


# -- how the story was used -------------------------------------------------------------------------
def test_teaching_sets_and_course_links_are_listed_without_teachers_names(app, published_card, sign_in):
    card = published_card()
    educator = sign_in("educator")
    set_id = new_set(educator, title="Week 3: listening")
    add(educator, set_id, story_id=card.story_id)
    made = educator.submit(
        f"/teaching/sets/{set_id}/links", {"days": "7", "label": "Nursing cohort B"}, page="/teaching/sets"
    )
    assert made.status_code in (200, 201, 302)
    page = page_of(app, card.code, card.secret)
    used = page.split("How your story was used", 1)[1].split("What happened", 1)[0]
    assert "“Week 3: listening”, since" in used
    assert "“Nursing cohort B” (set “Week 3: listening”): open from" in used
    assert educator.email not in page and "@example.org" not in page


def test_a_view_counts_once_per_teacher_a_day(app, published_card, sign_in):
    card = published_card()
    first, second = sign_in("educator"), sign_in("educator")
    for _ in range(4):
        assert first.get(f"/stories/{card.story_id}").status_code == 200
    # A link a browser fetched ahead of a click is not a view.
    assert second.get(f"/stories/{card.story_id}", headers={"Sec-Purpose": "prefetch"}).status_code == 200
    assert second.get(f"/stories/{card.story_id}").status_code == 200
    with app.app_context():
        story = db.session.get(Story, card.story_id)
        assert story.view_count == 2
        # Tomorrow the same teacher counts again, and yesterday's rows are gone.
        educator_id = db.session.scalar(select(StoryView.user_id).limit(1))
        assert count_view(story, educator_id, today=utcnow().date() + timedelta(days=1))
        assert db.session.get(Story, card.story_id).view_count == 3
        assert db.session.scalar(select(func.count()).select_from(StoryView)) == 1
        db.session.remove()
    assert "Teachers opened your story 3 times (each teacher counts once a day)." in page_of(
        app, card.code, card.secret
    )


def test_withdrawal_forgets_who_read_the_story(app, published_card, sign_in, withdraw):
    card = published_card()
    assert sign_in("educator").get(f"/stories/{card.story_id}").status_code == 200
    withdraw(card.code, card.secret)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StoryView)) == 0
        db.session.remove()


# -- the storyteller's yes before publication -------------------------------------------------------
def test_publication_waits_for_the_storyteller_s_yes(app, ingest, publish, sign_in):
    facilitator, story_id, code, secret = ingest(preview_wanted="y")
    reviewer = publish(story_id)
    status, asked, approved = status_of(app, story_id)
    assert status == StoryStatus.NEEDS_REVIEW and asked is not None and approved is None
    assert "waiting for the storyteller's yes" in html.unescape(
        reviewer.get("/review/").get_data(as_text=True)
    )
    assert "Waiting for the storyteller's yes" in html.unescape(
        reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    )
    assert sign_in("educator").get(f"/stories/{story_id}").status_code == 404
    with app.app_context():
        assert not app.extensions["search_index"].contains(story_id)

    patient = app.test_client()
    sign_in_patient(patient, code, secret)
    page = html.unescape(patient.get("/consent/mine").get_data(as_text=True))
    assert "Your story is ready, and it waits for you" in page
    assert "Your story as it would be published" in page and "[NAME]" in page
    assert "Wanjiru" not in page  # what they read is what would be published
    said = patient.submit(f"/consent/stories/{story_id}/approve", {}, page="/consent/mine")
    assert said.status_code == 302

    status, _, approved = status_of(app, story_id)
    assert status == StoryStatus.PUBLISHED and approved is not None
    assert sign_in("educator").get(f"/stories/{story_id}").status_code == 200
    page = html.unescape(patient.get("/consent/mine").get_data(as_text=True))
    assert "You said on this website that your story may be published" in page
    assert "A reviewer sent you your story to read before it is published" in page


def test_a_text_changed_after_it_was_sent_is_sent_again(app, ingest, publish):
    _, story_id, code, secret = ingest(preview_wanted="y")
    reviewer = publish(story_id)
    review_page = reviewer.get(f"/review/{story_id}").get_data(as_text=True)
    base = re.search(r'name="base" type="hidden" value="(\w+)"', review_page).group(1)
    edited = reviewer.submit(
        f"/review/{story_id}/text",
        {"text": "The nurse held my hand and explained the test.", "base": base},
        page=f"/review/{story_id}",
    )
    assert edited.status_code == 302
    patient = app.test_client()
    sign_in_patient(patient, code, secret)
    assert patient.submit(f"/consent/stories/{story_id}/approve", {}, page="/consent/mine").status_code == 302
    # They said yes to the old text: the new one goes to them again instead of being published.
    status, asked, approved = status_of(app, story_id)
    assert status == StoryStatus.NEEDS_REVIEW and approved is None
    page = html.unescape(patient.get("/consent/mine").get_data(as_text=True))
    assert "The nurse held my hand and explained the test." in page
    patient.submit(f"/consent/stories/{story_id}/approve", {}, page="/consent/mine")
    assert status_of(app, story_id)[0] == StoryStatus.PUBLISHED


def test_only_the_storyteller_of_a_waiting_story_can_say_yes(app, ingest, publish):
    _, story_id, code, secret = ingest(preview_wanted="y")
    _, other_id, other_code, other_secret = ingest()
    other = app.test_client()
    sign_in_patient(other, other_code, other_secret)
    assert other.submit(f"/consent/stories/{story_id}/approve", {}, page="/consent/mine").status_code == 404
    # Not sent to them yet: a yes does nothing.
    patient = app.test_client()
    sign_in_patient(patient, code, secret)
    patient.submit(f"/consent/stories/{story_id}/approve", {}, page="/consent/mine")
    assert status_of(app, story_id) == (StoryStatus.NEEDS_REVIEW, None, None)


def test_a_recording_waiting_for_the_yes_can_be_heard_by_its_storyteller_only(
    app, upload_recording, publish_recorded
):
    up = upload_recording("clinic_visit.wav", preview_wanted="y", modalities=["text", "audio"])
    publish_recorded(up.story_id)
    assert status_of(app, up.story_id)[0] == StoryStatus.NEEDS_REVIEW
    patient = app.test_client()
    sign_in_patient(patient, up.code, up.secret)
    page = patient.get("/consent/mine").get_data(as_text=True)
    assert f'src="/consent/stories/{up.story_id}/preview"' in page
    with patient.get(f"/consent/stories/{up.story_id}/preview") as heard:
        assert heard.status_code == 200 and heard.headers["Cache-Control"] == "private, no-store"
        heard.get_data()
    assert app.test_client().get(f"/consent/stories/{up.story_id}/preview").status_code == 404
    patient.submit(f"/consent/stories/{up.story_id}/approve", {}, page="/consent/mine")
    assert status_of(app, up.story_id)[0] == StoryStatus.PUBLISHED
    assert patient.get(f"/consent/stories/{up.story_id}/preview").status_code == 404
