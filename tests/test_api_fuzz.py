"""Property-based fuzzing of every public API (schemathesis) against the OpenAPI schema it serves.

Schemathesis reads /api/hsds/openapi.json from the app itself and sends each operation generated
requests — valid and invalid parameters — through the WSGI app in this process, on a database
holding the demo directory plus one fully nested service. Each answer must not be a server error,
and must conform to the schema: a documented status code, the documented content type, a body
that validates against the documented response schema.

A bounded, derandomized number of examples per operation keeps the run short and repeatable;
`SPORTELLO_API_FUZZ_EXAMPLES=500 pytest tests/test_api_fuzz.py` searches harder.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sportello.directory.demo import load_directory
from sportello.directory.models import Service
from sportello.directory.search import search_index_rebuild
from tests.directory.hsds_data import make_full_service

EXAMPLES = int(os.environ.get("SPORTELLO_API_FUZZ_EXAMPLES", "50"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Every NinjaAPI of the project, by the address of the schema it serves.
SCHEMAS = ["/api/hsds/openapi.json"]


@pytest.fixture(scope="module")
def directory_data(django_db_setup, django_db_blocker):
    """The demo directory and one service with every nested part, loaded once for the module
    inside a transaction rolled back at its end (each test adds its own savepoint).

    Meanwhile Django's WSGI handler must not close "old" database connections around each
    request (as the test client does not): that would end the transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            load_directory()
            make_full_service()
            search_index_rebuild()
            assert Service.objects.filter(status=Service.Status.ACTIVE).count() > 10
            yield
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# The schema as the app serves it (no database needed), read when the tests are collected.
hsds = schemathesis.openapi.from_wsgi(SCHEMAS[0], WSGIHandler())


@hsds.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_hsds_api_answers_every_generated_request_as_its_schema_says(case, directory_data, db):
    case.call_and_validate(checks=CHECKS)


def served_schemas(patterns=None, namespace="") -> set[str]:
    """The address of every OpenAPI schema served by a django-ninja API in the URLconf."""
    found = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= served_schemas(pattern.url_patterns, inner)
        elif pattern.name == "openapi-json":
            found.add(reverse(f"{namespace}openapi-json"))
    return found


def test_every_ninja_api_is_fuzzed():
    assert served_schemas() == set(SCHEMAS)
