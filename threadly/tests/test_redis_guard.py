"""Redis's circuit breaker as the site meets it: a Redis that hangs (it accepts connections and never
answers) costs REDIS_BREAKER_FAILURES timeouts, then nothing until the cool-down passes; the cache
answers misses meanwhile, /metrics shows the breaker, and the log says once that it opened.

tests/integration/test_redis_outage.py drives the same with a real redis-server stopped and frozen.
"""

import logging
import socket
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_redis import get_redis_connection
from prometheus_client.parser import text_string_to_metric_families

from tests.brokers import broker_at
from tests.integration.processes import free_port
from threadly import redis_guard
from threadly.circuit_breaker import State
from threadly.redis_settings import redis_cache
from threadly.tasks import enqueue, prune_idempotency_keys
from timelines import feeds

TIMEOUT = 0.2


@pytest.fixture
def hung_redis(settings):
    """The cache on a port that accepts connections (the kernel's backlog) and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        url = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
        settings.CACHES = {"default": redis_cache(url, connect_timeout=TIMEOUT, socket_timeout=TIMEOUT)}
        settings.REDIS_BREAKER_FAILURES = 3
        settings.REDIS_BREAKER_COOLDOWN_SECONDS = 30
        yield


def timed(call) -> float:
    started = time.monotonic()
    call()
    return time.monotonic() - started


def test_after_three_timeouts_redis_is_skipped_and_the_cache_answers_misses(hung_redis, caplog):
    caplog.set_level(logging.INFO, logger="threadly.redis_guard")
    waited = [timed(lambda: cache.get("anything")) for _ in range(3)]
    assert all(seconds >= TIMEOUT * 0.9 for seconds in waited)
    assert redis_guard.breaker().state == State.OPEN

    skipped = timed(lambda: [cache.get("anything") for _ in range(50)])

    assert skipped < TIMEOUT
    assert cache.get("anything", "default") == "default"
    assert [record.getMessage() for record in caplog.records if record.name == "threadly.redis_guard"] == [
        "Redis circuit breaker opened after 3 failed calls in a row: Redis is skipped for 30 s at a time"
    ]


def test_feeds_pipelines_and_scripts_go_through_the_breaker(hung_redis):
    for _ in range(3):
        cache.get("anything")

    client = get_redis_connection("default")
    started = time.monotonic()
    with pytest.raises(feeds.REDIS_ERRORS):
        feeds.page_read(1, before=None, count=10, counted=True)
    with pytest.raises(redis_guard.RedisUnavailable):
        feeds.ids_add([feeds.home_key(1)], [5])
    with pytest.raises(redis_guard.RedisUnavailable):
        client.pipeline().set("a", 1).execute()

    assert time.monotonic() - started < TIMEOUT


@pytest.mark.django_db
def test_metrics_show_the_breaker_open_and_the_calls_it_skipped(hung_redis, client, settings):
    settings.METRICS_TOKEN = "scrape-token"

    def samples() -> dict[str, float]:
        # A token rather than a staff session, whose loading would be a call to Redis too.
        text = client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer scrape-token").text
        return {
            sample.name: sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
            if sample.name.startswith("threadly_redis_breaker")
        }

    before = samples()
    for _ in range(3):
        cache.get("anything")
    for _ in range(5):
        cache.get("anything")

    after = samples()

    assert before["threadly_redis_breaker_open"] == 0
    assert after["threadly_redis_breaker_open"] == 1
    assert after["threadly_redis_breaker_openings_total"] == before["threadly_redis_breaker_openings_total"] + 1
    assert (
        after["threadly_redis_breaker_skipped_calls_total"] >= before["threadly_redis_breaker_skipped_calls_total"] + 5
    )


def test_a_log_line_of_a_skipped_call_is_dropped_and_one_of_a_real_failure_kept():
    skipped = logging.LogRecord("django_redis", logging.ERROR, __file__, 1, "Exception ignored", None, None)
    try:
        try:
            raise redis_guard.RedisUnavailable("skipped")
        except redis_guard.RedisUnavailable as error:
            raise RuntimeError("wrapped") from error
    except RuntimeError as wrapped:
        skipped.exc_info = (RuntimeError, wrapped, wrapped.__traceback__)
    real = logging.LogRecord("django_redis", logging.ERROR, __file__, 1, "Exception ignored", None, None)
    real.exc_info = (ConnectionError, ConnectionError("refused"), None)

    log_filter = redis_guard.SkippedCallFilter()

    assert not log_filter.filter(skipped)
    assert log_filter.filter(real)


def test_publishing_is_skipped_while_the_breaker_is_open_and_counted_when_the_broker_fails(settings):
    """The broker is the same Redis: an open breaker leaves the task to the outbox relay at once, and a
    broker that refuses counts as a failed call (one opens it here: each costs kombu's connect timeout)."""
    settings.REDIS_BREAKER_FAILURES = 1
    breaker = redis_guard.breaker()
    with broker_at("memory://"):
        for _ in range(breaker.failures):
            breaker.record_failure()
        assert not enqueue(prune_idempotency_keys)
        breaker.record_success()
        assert enqueue(prune_idempotency_keys)
    with broker_at(f"redis://127.0.0.1:{free_port()}/0"):
        assert not enqueue(prune_idempotency_keys)
        assert breaker.state == State.OPEN
