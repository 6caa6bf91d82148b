"""Property-based checks of the served OpenAPI schema: no input makes the server fail (5xx)."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (test extra)")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from tests.integration.web.conftest import TOKEN  # noqa: E402

from newsweave.api import create_app  # noqa: E402

# Generated requests per operation: enough to hit every parameter's edge cases in ~20 s.
EXAMPLES = 40


def test_no_generated_request_makes_a_server_error(desk_engine):
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(desk_engine, token=TOKEN))
    labels = []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            response = case.call()
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            if response.status_code >= 400:
                content_type = response.headers["content-type"]
                kind = content_type[0] if isinstance(content_type, list) else content_type
                assert kind.startswith("application/problem+json"), response.text

        check()
    assert "POST /api/articles" in labels
    assert "GET /api/stories/{story_id}" in labels
