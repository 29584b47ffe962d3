"""Titles and tags are shown to educators as typed, so they must not carry a known identifier."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from archive.crypto import IdentifierCipher
from archive.errors import ValidationFailed
from archive.extensions import db
from archive.models import Consent, Story
from consent.records import ConsentTerms, grant
from tests.fixtures.stories import story_form


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Otieno carried me to the clinic", "The title names someone"),
        ("title", "Cough in GACHIKA", "The title names someone"),
        ("free_tags", "tuberculosis, Gitaru Hill Health Centre", "A tag names someone"),
        ("free_tags", "wanjiru achieng choir", "A tag names someone"),
    ],
    ids=["relative-in-title", "village-in-title-any-case", "clinic-as-tag", "speaker-inside-tag"],
)
def test_identifier_in_title_or_tag_is_refused(app, login_as, field, value, message):
    facilitator = login_as("facilitator")
    response = facilitator.submit("/ingest/new", story_form(**{field: value}), page="/ingest/new")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Story)) == 0


def test_a_word_that_only_contains_an_identifier_is_fine(login_as):
    facilitator = login_as("facilitator")
    form = story_form(title="Otienoville days", free_tags="gachikan weaving")
    assert facilitator.submit("/ingest/new", form, page="/ingest/new").status_code == 201


@pytest.mark.parametrize(
    ("witness", "version", "field"),
    [
        ("Ann\x00Kerubo", "2026-1", None),
        ("Ann Kerubo", "v" * 41, "form_version"),
        ("x" * 201, "1", "witness"),
    ],
    ids=["nul-in-witness-is-cleaned", "form-version-too-long", "witness-too-long"],
)
def test_consent_terms_are_cleaned_and_bounded_for_every_caller(app, witness, version, field):
    terms = ConsentTerms(
        purposes=frozenset({"teaching"}),
        modalities=frozenset({"text"}),
        method="thumbprint",
        witness=witness,
        form_version=version,
    )
    with app.app_context():
        if field is None:
            consent, _ = grant(terms, recorded_by_id=None)
            db.session.commit()
            stored = db.session.get(Consent, consent.id)
            assert stored.form_version == "2026-1"
            cipher = IdentifierCipher(app.config["IDENTIFIER_KEY"])
            assert cipher.decrypt(stored.witness_encrypted) == "AnnKerubo"
        else:
            with pytest.raises(ValidationFailed) as err:
                grant(terms, recorded_by_id=None)
            assert field in err.value.reasons
