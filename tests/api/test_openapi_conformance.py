"""Schemathesis drives every operation of the published schema, as a signed-in user.

It sends valid and invalid input generated from the schema itself and checks that nothing
answers with a 5xx, that invalid input is refused, and that every answer (status, headers,
body) is the one documented. One check is left out: "schema-valid input is accepted" (and, for
multipart uploads, "schema-violating input is refused": see the test).
Some rules cannot be written in a schema (a cursor or refresh token must be one the API
issued, a password must not be common, an Idempotency-Key is not reused for another body),
so their documented 400/401/422 answers are right even for schema-valid input.
"""

import hypothesis
import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from rest_framework_simplejwt.tokens import RefreshToken

from posts.services import post_create
from threadly.wsgi import application

EXAMPLES_PER_OPERATION = 30


# Loaded at collection, before any test database exists: the throttles count this request in a cache
# of the process's own, not in the embedded default's cache table (which would be a database query).
with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
    schema = schemathesis.openapi.from_wsgi("/api/threadly/schema/", application)
schema.config.generation.update(max_examples=EXAMPLES_PER_OPERATION)


@pytest.fixture
def in_test_transaction():
    """Keep Django from closing the test's connection after each request, as its test client does.

    Schemathesis calls the WSGI application directly, so the request signals fire for real.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(settings, in_test_transaction, alice, bob):
    """alice, with a post and a reply by bob, so that some ids and names exist.

    One set-up for all the generated requests of an operation: they share the database,
    as a real client's requests do.
    """
    # Throttling is tested on its own; here it would only turn most answers into 429s.
    settings.RATE_LIMITS = dict.fromkeys(django_settings.RATE_LIMITS, "1000000/60")
    post = post_create(author=alice, body="Fuzzing #threadly")
    post_create(author=bob, in_reply_to=post, body="@alice hello")
    return {"Authorization": f"Bearer {RefreshToken.for_user(alice).access_token}"}


@schema.parametrize()
@hypothesis.settings(suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_every_operation_answers_as_documented(case, bearer):
    excluded = [schemathesis.checks.positive_data_acceptance]
    if case.media_type == "multipart/form-data":
        # A form field is text on the wire: the "non-string" alt text generated as invalid arrives as a
        # string the schema allows. What uploads refuse is tested in images/tests/test_api.py.
        excluded.append(schemathesis.checks.negative_data_rejection)
    case.call_and_validate(headers=bearer, excluded_checks=excluded)
