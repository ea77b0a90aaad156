"""Readiness, request ids and task counts against a real Redis, PostgreSQL and `celery worker`.

Each test has a redis-server of its own (as broker, and as cache for this process), so that
stopping it disturbs nothing else.
"""

import base64
import json
import os
import time

import pytest
import redis
from django.contrib.auth.hashers import make_password
from prometheus_client.parser import text_string_to_metric_families

from accounts.factories import UserFactory
from accounts.models import User
from notifications.models import Event
from social.models import Follow
from threadly.redis_settings import redis_cache

from .conftest import CHUNK_SIZE
from .processes import wait_until

pytestmark = pytest.mark.redis


@pytest.fixture
def cache_on(redis_server, settings):
    """This process's cache on the test's Redis, under the key prefix its workers use."""
    settings.CACHES = {
        "default": redis_cache(redis_server.url, key_prefix=os.environ.get("CACHE_KEY_PREFIX", "threadly"))
    }


@pytest.mark.django_db
def test_ready_when_the_database_redis_and_the_broker_answer(client, celery_app_on, cache_on):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}


@pytest.mark.django_db
def test_degraded_naming_the_cache_and_the_broker_while_redis_is_stopped(client, redis_server, celery_app_on, cache_on):
    """The site serves without Redis (threadly.redis_guard), so it stays in service, saying what is down."""
    assert client.get("/readyz").json()["status"] == "ok"
    redis_server.stop()

    started = time.monotonic()
    response = client.get("/readyz")
    elapsed = time.monotonic() - started

    assert elapsed < 5
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("error: ")
    assert body["checks"]["broker"].startswith("error: ")
    assert client.get("/healthz").status_code == 200

    redis_server.start()
    assert client.get("/readyz").json()["status"] == "ok"


def queued_messages(redis_url: str, queue: str) -> list[dict]:
    client = redis.Redis.from_url(redis_url)
    try:
        return [json.loads(raw) for raw in client.lrange(queue, 0, -1)]
    finally:
        client.close()


def json_lines(path) -> list[dict]:
    lines = []
    for text in path.read_text(errors="replace").splitlines():
        if text.startswith("{"):
            lines.append(json.loads(text))
    return lines


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_request_id_follows_a_post_through_the_workers_and_their_counts_reach_metrics(
    api_as, client, redis_server, cache_on, start_worker, settings
):
    author = UserFactory(username="author")
    unusable_password = make_password(None)
    followers = User.objects.bulk_create(
        User(username=f"reader_{n}", email=f"reader_{n}@example.com", password=unusable_password)
        for n in range(CHUNK_SIZE + 50)
    )
    Follow.objects.bulk_create(Follow(follower=follower, followee=author, notify_posts=True) for follower in followers)

    response = api_as(author).post(
        "/api/threadly/v1/posts", {"body": "Traced end to end"}, format="json", HTTP_X_REQUEST_ID="trace-post-1"
    )

    assert response.status_code == 201
    assert response["X-Request-ID"] == "trace-post-1"
    [message] = queued_messages(redis_server.url, "notifications")
    assert message["headers"]["task"] == "notifications.tasks.fan_out_event"
    assert message["headers"]["request_id"] == "trace-post-1"
    assert json.loads(base64.b64decode(message["body"]))[0] == [Event.objects.get().pk]

    worker = start_worker()
    wait_until(
        lambda: Event.objects.filter(status=Event.Status.DONE).exists(),
        timeout=60,
        what="the post's fan-out to be done",
    )

    def finished_tasks() -> list[dict]:
        return [
            line
            for line in json_lines(worker.log)
            if line.get("logger") == "celery.app.trace" and " succeeded in " in line["message"]
        ]

    # Two chunks: the fan-out, run by the worker, published them, and they carry the id too; and the
    # post's push into the home feeds.
    wait_until(lambda: len(finished_tasks()) >= 4, timeout=30, what="four task lines in the worker's log")
    names = sorted(line["message"].split("[")[0].removeprefix("Task ") for line in finished_tasks())
    assert names == [
        "notifications.tasks.deliver_notifications",
        "notifications.tasks.deliver_notifications",
        "notifications.tasks.fan_out_event",
        "timelines.tasks.fan_out_post",
    ]
    assert {line.get("request_id") for line in finished_tasks()} == {"trace-post-1"}

    settings.METRICS_TOKEN = "integration-scrape"
    scrape = client.get("/metrics", HTTP_AUTHORIZATION="Bearer integration-scrape")
    assert scrape.status_code == 200
    labels = ("task", "outcome", "status")
    samples = {
        (sample.name, *(sample.labels.get(label) for label in labels)): sample.value
        for family in text_string_to_metric_families(scrape.text)
        for sample in family.samples
    }
    tasks = "threadly_celery_tasks_total"
    assert samples[(tasks, "notifications.tasks.fan_out_event", "succeeded", None)] == 1
    assert samples[(tasks, "notifications.tasks.deliver_notifications", "succeeded", None)] == 2
    assert samples[(tasks, "notifications.tasks.fan_out_event", "failed", None)] == 0
    assert samples[(tasks, "timelines.tasks.fan_out_post", "succeeded", None)] == 1
    assert samples[("threadly_outbox_events", None, None, "done")] == 1
    assert samples[("threadly_outbox_events", None, None, "pending")] == 0
    assert samples[("threadly_outbox_oldest_pending_age_seconds", None, None, None)] == 0
