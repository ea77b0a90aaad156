"""The site with its Redis stopped (refused connections) and frozen (SIGSTOP: connections hang until their
socket timeout), through Redis's circuit breaker (threadly.redis_guard).

This process's cache, feeds and Celery publishing are on a redis-server of the test's own. While it is
down, the pages and the API reads answer 200 from the pull query, posting works with its outbox event
kept for the relay, logins pause (a closed scope) and posting does not (an open one), and Redis is tried
REDIS_BREAKER_FAILURES times, then once per cool-down, not on every request. When it is back and the
cool-down has passed, the breaker closes and the feed and the cache are used again.
"""

import math
import time

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse
from prometheus_client import REGISTRY

from accounts.factories import UserFactory
from notifications.models import Event
from posts.models import Post
from posts.services import post_create
from social.services import follow_create
from threadly import redis_guard
from threadly.circuit_breaker import State
from threadly.models import UnpublishedTask
from timelines import feeds, rebuild

from .outage import COOLDOWN, FAILURES, TIMEOUT, frozen

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reader_and_post(site_on_test_redis):
    reader, author = UserFactory(username="reader"), UserFactory(username="author")
    follow_create(follower=reader, followee=author)
    return reader, post_create(author=author, body="Before the outage")


def failed_calls() -> float:
    return REGISTRY.get_sample_value("threadly_redis_failed_calls_total") or 0.0


def reads_requested(client, api_as, reader, post) -> list[tuple[str, int, float]]:
    """Each page and API read a reader makes, with its status and how long it took."""
    api = api_as(reader)
    asks = [
        ("home", lambda: client.get(reverse("social:home"))),
        ("explore", lambda: client.get(reverse("social:explore"))),
        ("post", lambda: client.get(reverse("posts:detail", args=[post.pk]))),
        ("profile", lambda: client.get(reverse("social:profile", args=["author"]))),
        ("api home", lambda: api.get(reverse("api:post-list"))),
        ("mastodon home", lambda: api.get("/api/v1/timelines/home")),
    ]
    answers = []
    for name, ask in asks:
        started = time.monotonic()
        response = ask()
        answers.append((name, response.status_code, time.monotonic() - started))
    return answers


def act_during_outage(client, api_as, reader, post) -> dict:
    """Reads, a post and a login attempt while Redis is down; what happened, and what it cost in calls to Redis."""
    failed_before, started = failed_calls(), time.monotonic()
    client.force_login(reader)
    first = client.get(reverse("social:home"))
    answers = reads_requested(client, api_as, reader, post)
    posting_started = time.monotonic()
    posted = client.post(reverse("posts:create"), {"body": "During the outage", "visibility": "public"})
    answers.append(("posting", posted.status_code, time.monotonic() - posting_started))
    login = client.post(reverse("accounts:login"), {"username": "reader", "password": "anything"})
    return {
        "first": first.status_code,
        "answers": answers,
        "posted": posted.status_code,
        "login": login,
        "failed calls": failed_calls() - failed_before,
        # The breaker tries once per cool-down: the trials the elapsed time allowed.
        "allowed": FAILURES + math.ceil((time.monotonic() - started) / COOLDOWN),
    }


def assert_served_without_redis(outcome: dict) -> None:
    assert outcome["first"] == 200
    assert [(name, status) for name, status, _ in outcome["answers"]] == [
        (name, 302 if name == "posting" else 200) for name, _, _ in outcome["answers"]
    ]
    assert FAILURES <= outcome["failed calls"] <= outcome["allowed"]
    assert redis_guard.breaker().state != State.CLOSED
    assert outcome["posted"] == 302
    post = Post.objects.get(body="During the outage")
    assert Event.objects.get(post=post, kind=Event.Kind.POST).status == Event.Status.PENDING
    assert UnpublishedTask.objects.filter(task="timelines.tasks.fan_out_post", args=[post.pk]).exists()
    assert outcome["login"].status_code == 503
    assert int(outcome["login"]["Retry-After"]) >= 1


def assert_redis_used_again(client, redis_server, reader) -> None:
    """After the cool-down the next call is the trial: it closes the breaker, and the feed and the cache serve."""
    time.sleep(COOLDOWN)
    rebuild.home_feed_rebuild(reader)
    raw = redis.Redis.from_url(redis_server.url)
    try:
        reads_before = int(raw.get(feeds.READS_KEY) or 0)
        assert client.get(reverse("social:home")).status_code == 200
        assert redis_guard.breaker().state == State.CLOSED
        assert int(raw.get(feeds.READS_KEY) or 0) == reads_before + 1
        cache.set("after-the-outage", "kept")
        assert raw.exists("outage:1:after-the-outage")
    finally:
        raw.close()


def test_with_redis_stopped_the_site_serves_from_the_database(client, api_as, reader_and_post, site_on_test_redis):
    reader, post = reader_and_post
    site_on_test_redis.stop()

    outcome = act_during_outage(client, api_as, reader, post)

    assert_served_without_redis(outcome)
    site_on_test_redis.start()
    assert_redis_used_again(client, site_on_test_redis, reader)


def test_with_redis_frozen_only_the_first_calls_wait_for_the_timeout(
    client, api_as, reader_and_post, site_on_test_redis
):
    reader, post = reader_and_post

    with frozen(site_on_test_redis):
        outcome = act_during_outage(client, api_as, reader, post)

    assert_served_without_redis(outcome)
    # Each read and the post after the first request waited for no timeout, neither the cache's nor
    # the broker's (one trial per cool-down at most).
    slow = [name for name, _, seconds in outcome["answers"] if seconds >= TIMEOUT]
    assert len(slow) <= outcome["allowed"] - FAILURES
    assert_redis_used_again(client, site_on_test_redis, reader)
