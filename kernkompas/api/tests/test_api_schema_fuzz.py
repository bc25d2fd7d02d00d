"""The whole API against its own OpenAPI document, with schemathesis: every operation of every router (found in
/api/v1/openapi.json, so a router a new app adds is fuzzed without touching this file) gets a fixed number of
generated requests, valid ones and ones that break the schema, and every answer must be

- no server error (5xx),
- a status code the document declares for that operation,
- a body that matches the declared schema, with the declared content type.

The footfall endpoint is also called with a valid counter key, so its authenticated path is fuzzed and not only
the 401. Hypothesis runs derandomized with a fixed number of cases, so CI runs the same requests every time; the
requests go straight to the WSGI application, inside the test's database transaction, so nothing they write
outlives the test.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kernkompas.monitor.models import CounterToken, CountingPoint

CASES = 20  # per operation and per kind (valid, invalid): the whole API in well under a minute per database
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FUZZ = settings(
    max_examples=CASES,
    derandomize=True,
    database=None,  # no example database: the same cases on every machine, nothing written to .hypothesis/
    deadline=None,  # no timed assertions: a slow shared CI machine is not a failure
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def counter_key(cast):
    """A counting point on Maasdijk's Marktplein (public) and a valid counter key of Maasdijk."""
    cast.markt.is_public = True
    cast.markt.save()
    CountingPoint.objects.create(gebied=cast.markt, name="Markt Noord")
    key = CounterToken.new_key()
    CounterToken.objects.create(
        gemeente=cast.maasdijk, name="Teller Markt", prefix=key[3:11], key_hash=CounterToken.hash_key(key)
    )
    return key


@pytest.fixture
def application():
    """The site's WSGI application, kept inside the test's transaction: as Django's own test client does, the
    database connection is not closed at the end of each request (on PostgreSQL that would end the transaction
    the test runs in, and the fuzzer's writes with it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def operations(application):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


def takes_input(operation) -> bool:
    return bool(list(operation.iter_parameters()) or operation.body)


def fuzz(operation, mode: GenerationMode, headers: dict | None = None) -> None:
    # Schemathesis's WSGI transport asks for gzip but does not unpack it: ask for the body as it is (the compression
    # has its own tests, kernkompas/core/tests/test_compression.py).
    headers = {"Accept-Encoding": "identity", **(headers or {})}

    @FUZZ
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_every_operation_answers_within_its_openapi_document(application, counter_key, mode):
    found = operations(application)
    assert len(found) >= 6, [op.label for op in found]
    for operation in found:
        if mode == GenerationMode.NEGATIVE and not takes_input(operation):
            continue  # nothing to break
        fuzz(operation, mode)
        if operation.definition.raw.get("security"):
            fuzz(operation, mode, headers={"Authorization": f"Bearer {counter_key}"})
