"""Identifier detection runs on every text before review and after every correction, and its findings
are reconciled with what reviewers already decided.

Known identifiers are found today; the tests marked "pattern" below expect the pattern recognisers
(e-mail, phone) the detection engine is getting, and fail until they arrive.
"""

from __future__ import annotations

from sqlalchemy import select

from archive.extensions import db
from archive.models import RedactionSpan, Story
from tests.review_helpers import base, events, span_id, spans

JOMO_TEXT = (
    "Jomo Kenyatta drove me to the clinic. Later jomo's brother came too, and we waited together.\n"
    "Nobody told us anything for hours."
)
JOMO = {"text": JOMO_TEXT, "speaker": "Jomo Kenyatta", "relatives": "", "village": "", "clinic": ""}


def test_a_typed_story_is_detected_when_it_is_submitted(app, ingest):
    _, story_id, _, _ = ingest(**JOMO)
    marked = spans(app, story_id)
    # The exact name is locked in; the first name alone is a variant, removed unless a reviewer keeps it.
    assert ("Jomo Kenyatta", "NAME", "known", "known identifier", "accepted") in marked
    assert ("jomo", "NAME", "known", "part of a known identifier", "accepted") in marked
    with app.app_context():
        assert db.session.get(Story, story_id).status == "needs_review"


def test_a_correction_is_detected_again_and_keeps_the_decisions_made(app, ingest, sign_in):
    _, story_id, _, _ = ingest(**JOMO)
    reviewer = sign_in("reviewer")
    page = f"/review/{story_id}"
    jomo = span_id(app, story_id, "jomo")
    reviewer.submit(f"{page}/decisions", {f"span-{jomo}": "rejected"}, page=page)
    reviewer.submit(f"{page}/spans", {"words": "hours", "kind": "OTHER"}, page=page)

    # A new sentence first (everything moves), a new mention of the full name at the end.
    edited = "It was raining.\n" + JOMO_TEXT + " Then Jomo Kenyatta said goodbye."
    r = reviewer.submit(f"{page}/text", {"text": edited, "base": base(reviewer, page)}, page=page)
    assert r.status_code == 302
    marked = spans(app, story_id)
    assert [m[0] for m in marked].count("Jomo Kenyatta") == 2, "the new mention is found"
    assert ("jomo", "NAME", "known", "part of a known identifier", "rejected") in marked, "not asked again"
    assert ("hours", "OTHER", "manual", None, "accepted") in marked, "the reviewer's mark stays"
    assert ("text edited", None, None, reviewer.email) in events(app, story_id)


def test_a_mark_over_edited_words_is_dropped_and_logged(app, ingest, sign_in):
    _, story_id, _, _ = ingest(**JOMO)
    reviewer = sign_in("reviewer")
    page = f"/review/{story_id}"
    reviewer.submit(f"{page}/spans", {"words": "brother", "kind": "OTHER"}, page=page)
    edited = JOMO_TEXT.replace("brother", "sister")
    reviewer.submit(f"{page}/text", {"text": edited, "base": base(reviewer, page)}, page=page)
    assert "sister" not in [m[0] for m in spans(app, story_id)]
    assert ("dropped", "OTHER", "manual", reviewer.email) in events(app, story_id)
    assert "1 marked span covered edited words" in reviewer.get(page).get_data(as_text=True)


def test_a_long_known_identifier_is_locked_as_a_whole(app, ingest):
    """A clinic's four-word name is locked whole, not left as parts a reviewer could keep."""
    _, story_id, _, _ = ingest()  # the default story names Gitaru Hill Health Centre
    assert ("Gitaru Hill Health Centre", "LOCATION", "known", "known identifier", "accepted") in spans(
        app, story_id
    )


def test_an_undecided_finding_is_still_asked_about_after_an_unrelated_edit(app, ingest, sign_in):
    _, story_id, _, _ = ingest(**JOMO)
    with app.app_context():  # a detector's proposal, waiting for a person
        story = db.session.get(Story, story_id)
        start = story.body.index("clinic")
        story.spans.append(RedactionSpan(start=start, end=start + 6, kind="LOCATION", source="model"))
        db.session.commit()
    reviewer = sign_in("reviewer")
    page = f"/review/{story_id}"
    reviewer.submit(
        f"{page}/text", {"text": "Told slowly. " + JOMO_TEXT, "base": base(reviewer, page)}, page=page
    )
    assert ("clinic", "LOCATION", "model", None, "pending") in spans(app, story_id)


def test_a_finished_transcription_is_detected(app, upload_recording):
    # 여의도 is among the words the Korean model hears in this fixture.
    story_id = upload_recording("clinic_visit.wav", village="여의도", title="A visit").story_id
    assert ("여의도", "LOCATION", "known", "known identifier", "accepted") in spans(app, story_id)


def test_a_typed_transcript_is_detected(app, upload_recording, sign_in):
    story_id = upload_recording("fever.wav", language="sw", title="Homa", speaker="Amani Baraka").story_id
    reviewer = sign_in("reviewer")
    form_page = f"/review/{story_id}/transcript"
    text = "Jina langu: Amani Baraka. Amani alikuwa na homa."
    assert reviewer.submit(form_page, {"text": text}, page=form_page).status_code == 302
    marked = spans(app, story_id)
    assert ("Amani Baraka", "NAME", "known", "known identifier", "accepted") in marked
    assert ("Amani", "NAME", "known", "part of a known identifier", "accepted") in marked


# -- expected once the pattern recognisers are in the detection engine -------------------------------
CONTACT_TEXT = (
    "When I was discharged they wrote to abdi.warsame@gmail.com and said to call +254 722 456 789 "
    "if the fever came back."
)


def test_pattern_an_email_address_and_a_phone_number_wait_for_a_decision(app, ingest):
    _, story_id, _, _ = ingest(text=CONTACT_TEXT, speaker="", relatives="", village="", clinic="")
    marked = {(m[0], m[1], m[4]) for m in spans(app, story_id)}
    assert ("abdi.warsame@gmail.com", "EMAIL", "pending") in marked
    assert ("+254 722 456 789", "PHONE", "pending") in marked
    with app.app_context():
        rules = db.session.scalars(select(RedactionSpan.rule).where(RedactionSpan.story_id == story_id))
        assert all(rules), "each finding says which rule found it"


def test_the_phone_regions_setting_reaches_detection(app, ingest):
    """A number valid only in the setting's country is marked as a phone number there."""
    text = "Me atendieron en el puesto de salud. Mi teléfono es 5523 8817, llámenme por la tarde."
    app.config["PHONE_REGIONS"] = "GT"
    _, story_id, _, _ = ingest(text=text, language="es", speaker="", relatives="", village="", clinic="")
    assert ("5523 8817", "PHONE", "pattern") in {m[:3] for m in spans(app, story_id)}
