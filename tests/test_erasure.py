"""Erasure knows everything a story owns: a new table or column holding story rows fails here until
``archive/erasure.py`` says what withdrawal does with it, and a withdrawal reaches every row it lists."""

from __future__ import annotations

from sqlalchemy import func, select

from archive import jobs
from archive.crypto import IdentifierCipher
from archive.erasure import CONSENT_OWNS, STORY_OWNS, Fate
from archive.extensions import db
from archive.models import (
    Clip,
    Consent,
    IdentifierSearch,
    IdentifierSettlement,
    Job,
    JobState,
    KnownIdentifier,
    MediaFile,
    MediaKind,
    RedactionEvent,
    RedactionSpan,
    Story,
    StoryReport,
    StorySearch,
    StoryView,
    Tag,
    TeachingSet,
    TeachingSetItem,
    TimeMark,
    Transcript,
    User,
    utcnow,
)
from archive.storage import current_store
from consent.withdrawal import withdraw
from tests.fixtures.stories import Stories


def _refers_to(table, target: str) -> bool:
    """Whether ``table`` has a foreign key to ``target`` ("stories" or "consents")."""
    return any(fk.column.table.name == target for fk in table.foreign_keys)


def test_every_table_holding_rows_of_a_story_or_its_consent_is_decided(app):
    """A foreign key to stories or consents (or a story_id column) means rows that are a story's."""
    tables = db.metadata.tables.values()
    of_stories = {t.name for t in tables if _refers_to(t, "stories") or "story_id" in t.c} | {"stories"}
    of_consents = {t.name for t in tables if _refers_to(t, "consents")} - {"stories"} | {"consents"}
    assert of_stories == {owned.table for owned in STORY_OWNS}
    assert of_consents == {owned.table for owned in CONSENT_OWNS}


def test_every_column_of_a_row_that_stays_is_emptied_or_kept_for_a_reason(app):
    for owned in (*STORY_OWNS, *CONSENT_OWNS):
        if owned.fate == Fate.DELETED:
            assert not owned.emptied and not owned.kept, owned.table
            continue
        columns = set(db.metadata.tables[owned.table].c.keys())
        decided = set(owned.emptied) | set(owned.kept)
        assert columns == decided, (
            f"{owned.table}: decide {sorted(columns - decided)}; gone {sorted(decided - columns)}"
        )
        assert not set(owned.emptied) & set(owned.kept), owned.table
        assert owned.fate == Fate.EMPTIED or not owned.emptied, owned.table


def _rows(table_name: str, key: str, value: str) -> list:
    table = db.metadata.tables[table_name]
    return list(db.session.execute(select(table).where(table.c[key] == value)).mappings())


def test_a_withdrawal_reaches_every_row_erasure_lists(app):
    """A published story with a row in every table of STORY_OWNS, withdrawn: each is deleted, emptied
    or kept as listed, and the recording's file is gone."""
    made = Stories(app).published(title="Every row")
    with app.app_context():
        story = db.session.get(Story, made.story_id)
        story_id, consent, consent_id = story.id, story.consent, story.consent_id
        cipher = IdentifierCipher(app.config["IDENTIFIER_KEY"])
        consent.witness_encrypted = cipher.encrypt("Mary Wambui")
        consent.place_encrypted = cipher.encrypt("Gachika")
        store = current_store()
        wav = store.staging_path("originals")
        wav.write_bytes(b"RIFF not really a recording")
        media = MediaFile(
            story_id=story_id,
            kind=MediaKind.ORIGINAL,
            path="originals/every-row.wav",
            media_type="audio/wav",
            size_bytes=27,
        )
        free_slug = "every-row-free-tag"
        free = Tag(kind="topic", slug=free_slug, label="Every row free tag", controlled=False)
        clip = Clip(story_id=story_id, title="A clip", note="quoting the story", text_start=0, text_end=5)
        teaching_set = TeachingSet(title="A set")
        teaching_set.items.append(
            TeachingSetItem(story_id=story_id, position=0, prompt="quoting", questions="more", clip=clip)
        )
        story.tags.append(free)
        db.session.add_all(
            [
                free,
                clip,
                teaching_set,
                Transcript(story_id=story_id, language="en", words=[["quinine", 0.0, 0.5, 0.9]]),
                RedactionSpan(story_id=story_id, start=4, end=11, kind="NAME", source="manual"),
                RedactionEvent(story_id=story_id, action="added", span_start=4, span_end=11, kind="NAME"),
                KnownIdentifier(story_id=story_id, role="speaker", value_encrypted=cipher.encrypt("Wanjiru")),
                StorySearch(
                    story_id=story_id,
                    config="english",
                    language="en",
                    title="Every row",
                    body="quinine",
                    tags=[],
                    warnings=[],
                    document="'quinin':1",
                ),
                Job(story_id=story_id, kind=jobs.JobKind.TRANSCRIBE, state=JobState.FAILED, error="quinine"),
                Job(story_id=story_id, kind=jobs.JobKind.PUBLISH_AUDIO, state=JobState.QUEUED),
            ]
        )
        reader = User(email="reader@example.org", role="educator", password_hash="not a password")
        db.session.add(reader)
        db.session.flush()
        db.session.add(StoryView(story_id=story_id, user_id=reader.id, day=utcnow().date()))
        known = db.session.scalar(select(KnownIdentifier).where(KnownIdentifier.story_id == story_id))
        db.session.add_all(
            [
                IdentifierSettlement(story_id=story_id, identifier_id=known.id, how="not_said"),
                TimeMark(story_id=story_id, start_s=1.0, end_s=2.0, kind="NAME"),
                IdentifierSearch(story_id=story_id, supported=True, hits=[[known.id, 1.0, 2.0, 0.9]]),
            ]
        )
        db.session.add(
            StoryReport(
                story_id=story_id,
                reporter_id=reader.id,
                kind="redaction",
                note_encrypted=cipher.encrypt("Wanjiru"),
            )
        )
        db.session.add(media)
        db.session.commit()
        store.put(wav, media.path)
        for owned in STORY_OWNS:
            if owned.table != "index_removals":  # filled by the withdrawal itself
                assert _rows(owned.table, owned.key, story_id), f"give the test a row in {owned.table}"

        assert withdraw(db.session.get(Consent, consent_id), "staff_web")
        db.session.remove()

        for owned in STORY_OWNS:
            rows = _rows(owned.table, owned.key, story_id)
            if owned.fate == Fate.DELETED:
                assert rows == [], f"{owned.table} kept rows of a withdrawn story"
            for row in rows:
                for column, value in owned.emptied.items():
                    assert row[column] == value, f"{owned.table}.{column} not emptied"
        (consent_owned,) = [o for o in CONSENT_OWNS if o.table == "consents"]
        (row,) = _rows("consents", "id", consent_id)
        assert {c: row[c] for c in consent_owned.emptied} == dict(consent_owned.emptied)
        assert db.session.get(Story, story_id).status == "withdrawn"
        assert db.session.scalar(select(func.count()).select_from(Tag).where(Tag.slug == free_slug)) == 0
        assert db.session.scalar(select(Job.state).where(Job.kind == jobs.JobKind.PUBLISH_AUDIO)) == (
            JobState.CANCELLED
        )
        assert not store.exists("originals/every-row.wav")
        db.session.remove()
