"""X-Request-ID: taken or made per request, returned, in every log line, carried into tasks."""

import io
import json
import logging
import uuid

import pytest
from celery import shared_task
from django.conf import settings as django_settings

from accounts.factories import UserFactory
from tests.brokers import broker_at
from threadly.observability.logs import JsonFormatter, RequestIdFilter
from threadly.observability.request_id import reset_request_id, set_request_id

pytestmark = pytest.mark.django_db

task_logger = logging.getLogger("threadly.tests.task")


@shared_task(name="threadly.tests.test_request_id.log_something")
def log_something(text: str) -> None:
    task_logger.info("task says %s", text)


@pytest.fixture
def log_lines():
    """The lines the configured console handler writes while the test runs, parsed as JSON.

    The handler is the one LOGGING set up (JSON by default; with LOG_FORMAT=text in the
    environment it is given the JSON formatter for the test).
    """
    console = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(candidate, RequestIdFilter) for candidate in handler.filters)
    )
    stream = io.StringIO()
    previous_stream = console.setStream(stream)
    previous_formatter = console.formatter
    if django_settings.LOG_FORMAT != "json":
        console.setFormatter(JsonFormatter())

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    console.setStream(previous_stream)
    console.setFormatter(previous_formatter)


def access_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "threadly.requests"]


def test_a_request_without_an_id_is_given_a_new_one(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert uuid.UUID(hex=first).version == 4
    assert first != second


@pytest.mark.parametrize("sent", ["abc-123", "7f3e2a1c-proxy:frontend/1", "x" * 100, "a b"])
def test_a_valid_id_is_kept_and_returned(client, sent):
    assert client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent


@pytest.mark.parametrize("sent", ["", " ", "x" * 101, "line\nbreak", "tab\there", "caf\u00e9", "\x7f"])
def test_an_invalid_id_is_replaced(client, sent):
    returned = client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]

    assert returned != sent
    assert uuid.UUID(hex=returned).version == 4


def test_each_request_logs_one_json_line(client, log_lines):
    client.get("/healthz", HTTP_X_REQUEST_ID="probe-1")

    [line] = access_lines(log_lines())
    assert line["level"] == "INFO"
    assert line["message"].startswith("GET /healthz 200 ")
    assert {key: line[key] for key in ("method", "path", "route", "status", "user_id", "request_id")} == {
        "method": "GET",
        "path": "/healthz",
        "route": "healthz",
        "status": 200,
        "user_id": None,
        "request_id": "probe-1",
    }
    assert isinstance(line["duration_ms"], float)
    assert "timestamp" in line


def test_the_log_line_names_the_user_and_the_route(client, log_lines):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)

    response = client.get("/metrics?x=secret")
    client.get("/no/such/page/")

    [metrics_line, missing_line] = access_lines(log_lines())
    assert (metrics_line["user_id"], metrics_line["route"], metrics_line["path"]) == (staff.pk, "metrics", "/metrics")
    assert metrics_line["request_id"] == response["X-Request-ID"]
    assert (missing_line["status"], missing_line["route"]) == (404, None)


def test_every_log_record_of_the_request_carries_its_id(client, log_lines):
    """Django's own warning about the missing page too, not only the access line."""
    client.get("/no/such/page/", HTTP_X_REQUEST_ID="trace-me")

    lines = log_lines()
    assert {line["logger"] for line in lines} >= {"django.request", "threadly.requests"}
    assert {line.get("request_id") for line in lines} == {"trace-me"}


def test_records_outside_a_request_have_no_id(log_lines):
    logging.getLogger("threadly.tests").warning("no request here")

    [line] = log_lines()
    assert "request_id" not in line


@pytest.mark.django_db(transaction=True)
def test_a_task_caused_by_a_request_logs_with_its_id(api_as, alice, bob, log_lines):
    """Eager, as in unit tests and the embedded default: the fan-out runs in the request, when
    the post's transaction really commits."""
    api = api_as(alice)
    api.post(f"/api/threadly/v1/users/{bob.username}/follow", HTTP_X_REQUEST_ID="follow-1")

    response = api.post(
        "/api/threadly/v1/posts", {"body": "Follow this one"}, format="json", HTTP_X_REQUEST_ID="post-42"
    )

    assert response.status_code == 201
    task_lines = [line for line in log_lines() if line["logger"] == "celery.app.trace"]
    fan_outs = [line for line in task_lines if line["message"].startswith("Task notifications.tasks.fan_out_event[")]
    assert [line["request_id"] for line in fan_outs] == ["follow-1", "post-42"]
    # With Redis, the home feeds' tasks (a backfill, then the post's push) run too, each with its request's id.
    assert {line["request_id"] for line in task_lines} == {"follow-1", "post-42"}


def test_a_task_takes_the_id_from_its_message_headers(log_lines):
    """What a worker does with a published message: the header, not the publisher's context."""
    token = set_request_id("the-publisher")
    try:
        log_something.apply_async(("hello",), headers={"request_id": "from-the-header"})
        log_something.delay("again")
    finally:
        reset_request_id(token)
    log_something.delay("afterwards")

    said = {line["message"]: line.get("request_id") for line in log_lines() if line["logger"] == "threadly.tests.task"}
    assert said == {
        "task says hello": "from-the-header",
        "task says again": "the-publisher",
        "task says afterwards": None,
    }


def test_publishing_puts_the_id_in_the_message_headers(settings):
    """Through a real (in-memory) kombu transport, as to Redis: the header the worker will read."""
    with broker_at("memory://") as app:
        token = set_request_id("published-1")
        try:
            log_something.apply_async(("queued",), queue="observability-test")
        finally:
            reset_request_id(token)
        log_something.apply_async(("no request",), queue="observability-test")
        with app.connection_for_read() as connection:
            queue = connection.SimpleQueue("observability-test")
            messages = [queue.get(timeout=2), queue.get(timeout=2)]
            for message in messages:
                message.ack()
            queue.close()

    assert [message.headers.get("request_id") for message in messages] == ["published-1", None]
    assert [message.headers["task"] for message in messages] == [log_something.name] * 2
