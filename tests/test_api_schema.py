"""The JSON API against its own OpenAPI description (``/api/v1/openapi.json``), with schemathesis: every
operation, with generated parameters and a real bearer token, must answer as described (status codes,
content types, response schemas), never with a server error; without the token it must refuse."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi import checks as openapi_checks

from archive.auth import issue_api_token
from archive.extensions import db
from archive.models import User
from tests.test_search import SCRIPT


@pytest.fixture
def library_with_token(app, stories, make_user):
    """Three published stories (one with markup, one in Swahili) and an educator's bearer token."""
    stories.shelved(
        "Nobody explained what the sputum test was for.", title="The sputum test", topics=("stigma",)
    )
    stories.shelved(f"Somebody wrote {SCRIPT} on the clinic wall.", title=f"The wall {SCRIPT}")
    stories.shelved("Nilisubiri kliniki siku nzima.", title="Kusubiri", language="sw")
    email = make_user("educator")
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        token = issue_api_token(user)
        db.session.remove()
    return token


def test_the_description_is_served_to_anyone_and_names_every_api_route(app, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    described = set(response.get_json()["paths"])
    served = {
        rule.rule.replace("<story_id>", "{story_id}")
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.openapi"
    }
    assert described == served


def operations(app) -> list:
    """Every operation the served description names (schemathesis reads it through the WSGI app)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


# (schemathesis's own pytest plugin, ``from_fixture``, reads a node attribute pytest 9 no longer has;
# the operations' Hypothesis strategies are driven directly instead.)
@pytest.mark.parametrize("operation_id", ["search", "story"])
def test_the_api_answers_as_described(app, library_with_token, operation_id):
    (operation,) = [op for op in operations(app) if op.definition.raw.get("operationId") == operation_id]
    bearer = {"Authorization": f"Bearer {library_with_token}"}

    @given(case=operation.as_strategy())
    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def answers_as_described(case):
        case.call_and_validate(
            headers=bearer,
            # Values outside the description (a page of "x", say) are read leniently (page 1), not refused.
            excluded_checks=[openapi_checks.negative_data_rejection],
        )

    answers_as_described()


def test_the_api_refuses_without_a_token(app, library_with_token):
    for operation in operations(app):

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def refused(case):
            response = case.call()
            assert response.status_code == 401
            assert response.json()["error"]["status"] == 401

        refused()
