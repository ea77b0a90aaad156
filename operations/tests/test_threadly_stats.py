"""`manage.py threadly_stats`: every app's registered figures, the broker's queues and the cache's hit rate."""

import io

import pytest
from django.core.management import call_command

from moderation import services as moderation
from notifications.models import Event
from posts import services as posts


def stats() -> dict[str, str]:
    out = io.StringIO()
    call_command("threadly_stats", stdout=out)
    lines = (line.split(":", 1) for line in out.getvalue().splitlines())
    return {label.strip(): value.strip() for label, value in lines}


@pytest.mark.django_db
def test_stats_print_each_apps_figures(alice, bob):
    posts.post_create(author=alice, body="One")
    removed = posts.post_create(author=alice, body="Two")
    moderation.content_remove(content=removed, moderator=None, reason="spam")
    moderation.user_suspend(user=bob, moderator=None, reason="spam")
    Event.objects.update(status=Event.Status.PENDING)

    figures = stats()

    assert figures["users"] == "1 active, 1 suspended"
    assert figures["posts"] == "1 visible, 1 removed"
    assert figures["replies"] == "0 visible, 0 removed"
    assert figures["reports"] == "0 open, 0 dismissed, 0 actioned"
    assert figures["outbox events"] == "2 pending, 0 done, 0 parked"
    assert float(figures["outbox oldest pending age seconds"].replace(",", "")) >= 0


@pytest.mark.django_db
def test_stats_without_redis_say_there_is_no_broker_to_measure(settings, db):
    settings.REDIS_URL = ""

    figures = stats()

    assert figures["queue backlogs"] == "no broker (tasks run in the web process)"
    assert figures["cache hit rate"].startswith("not measured")


@pytest.mark.redis
@pytest.mark.django_db
def test_stats_read_the_cache_hit_rate_from_redis(db):
    from django.core.cache import cache

    cache.set("warm", 1)
    cache.get("warm")
    cache.get("missing")

    assert "hits" in stats()["cache hit rate"]
