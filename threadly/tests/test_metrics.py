"""/metrics: for staff, the METRICS_TOKEN or allowed addresses; counts that move with the traffic."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from accounts.factories import UserFactory
from notifications.models import Event
from posts.services import post_create
from social.services import follow_create

pytestmark = pytest.mark.django_db


@shared_task(name="threadly.tests.test_metrics.always_fails")
def always_fails() -> None:
    raise RuntimeError("this task always fails")


@shared_task(bind=True, name="threadly.tests.test_metrics.fails_once", max_retries=1, default_retry_delay=0)
def fails_once(self) -> str:
    if self.request.retries == 0:
        raise self.retry(exc=RuntimeError("first try"))
    return "done"


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def scrape(client) -> dict[tuple[str, frozenset], float]:
    """Every sample of one scrape, by name and labels."""
    response = client.get("/metrics")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples, name: str, **labels) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_anonymous_callers_are_asked_for_credentials(client):
    response = client.get("/metrics")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert b"threadly_" not in response.content


def test_people_who_are_not_staff_are_refused(client):
    client.force_login(UserFactory())

    assert client.get("/metrics").status_code == 403


def test_a_staff_session_reads_the_metrics(staff_client):
    assert "threadly_http_requests_total" in staff_client.get("/metrics").text


def test_a_superuser_reads_the_metrics(client):
    client.force_login(UserFactory(is_superuser=True))

    assert client.get("/metrics").status_code == 200


def test_the_metrics_token_opens_them_and_a_wrong_one_does_not(client, settings):
    settings.METRICS_TOKEN = "scrape-secret-1"

    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-1").status_code == 200
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-2").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Basic c2NyYXBlOnNlY3JldA==").status_code == 401


def test_without_a_metrics_token_no_bearer_token_is_accepted(client, settings):
    settings.METRICS_TOKEN = ""

    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_allowed_addresses_read_the_metrics_without_credentials(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "192.0.2.7"]

    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.8").status_code == 401


def test_requests_are_counted_and_timed_by_view_and_status(client, staff_client):
    before = scrape(staff_client)

    for _ in range(3):
        client.get("/healthz")
    client.get("/no/such/page/")
    client.post("/healthz")

    after = scrape(staff_client)
    ok = {"view": "healthz", "method": "GET", "status": "200"}
    assert value(after, "threadly_http_requests_total", **ok) - value(before, "threadly_http_requests_total", **ok) == 3
    count = "threadly_http_request_duration_seconds_count"
    assert value(after, count, view="healthz", status="200") - value(before, count, view="healthz", status="200") == 3
    total = "threadly_http_request_duration_seconds_sum"
    assert value(after, total, view="healthz", status="200") > value(before, total, view="healthz", status="200")
    unresolved = {"view": "unresolved", "method": "GET", "status": "404"}
    assert value(after, "threadly_http_requests_total", **unresolved) == (
        value(before, "threadly_http_requests_total", **unresolved) + 1
    )
    not_allowed = {"view": "healthz", "method": "POST", "status": "405"}
    assert value(after, "threadly_http_requests_total", **not_allowed) == (
        value(before, "threadly_http_requests_total", **not_allowed) + 1
    )


def test_made_up_methods_do_not_grow_the_label_set(client, staff_client):
    client.generic("BREW", "/healthz")

    samples = scrape(staff_client)

    assert value(samples, "threadly_http_requests_total", view="healthz", method="other", status="405") == 1
    assert not any(dict(labels).get("method") == "BREW" for _, labels in samples)


def test_tasks_are_counted_by_name_and_outcome(staff_client, alice, bob, django_capture_on_commit_callbacks):
    follow_create(follower=bob, followee=alice)
    with django_capture_on_commit_callbacks(execute=True):
        post_create(author=alice, body="Counted by the workers' signals")
    # Traced as a worker would (an eager task that propagates its error sends no failure signal).
    assert always_fails.apply(throw=False).state == "FAILURE"
    assert fails_once.apply(throw=False).get() == "done"  # On its retry, run at once.

    samples = scrape(staff_client)

    tasks = "threadly_celery_tasks_total"
    assert value(samples, tasks, task="notifications.tasks.fan_out_event", outcome="succeeded") >= 1
    assert value(samples, tasks, task="notifications.tasks.fan_out_event", outcome="failed") == 0
    assert value(samples, tasks, task=always_fails.name, outcome="failed") == 1
    assert value(samples, tasks, task=always_fails.name, outcome="succeeded") == 0
    assert value(samples, tasks, task=fails_once.name, outcome="retried") == 1
    assert value(samples, tasks, task=fails_once.name, outcome="succeeded") == 1
    assert value(samples, tasks, task="threadly.tasks.prune_idempotency_keys", outcome="succeeded") == 0


def test_the_outbox_backlog_by_status_and_the_age_of_the_oldest_pending_event(staff_client, alice, bob):
    now = timezone.now()
    for status, age in [("pending", 600), ("pending", 30), ("parked", 5000), ("done", 9000), ("done", 10)]:
        Event.objects.create(
            kind=Event.Kind.FOLLOW, actor=alice, subject=bob, status=status, created_at=now - timedelta(seconds=age)
        )

    samples = scrape(staff_client)

    assert value(samples, "threadly_outbox_events", status="pending") == 2
    assert value(samples, "threadly_outbox_events", status="parked") == 1
    assert value(samples, "threadly_outbox_events", status="done") == 2
    assert 600 <= value(samples, "threadly_outbox_oldest_pending_age_seconds") < 660


def test_no_pending_event_is_an_age_of_zero(staff_client):
    samples = scrape(staff_client)

    assert value(samples, "threadly_outbox_events", status="pending") == 0
    assert ("threadly_outbox_oldest_pending_age_seconds", frozenset()) in samples
    assert value(samples, "threadly_outbox_oldest_pending_age_seconds") == 0
