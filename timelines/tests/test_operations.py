"""What operators see and do: the rebuild command, and the feeds' figures in threadly_stats and /metrics."""

import io

import pytest
from django.core.management import CommandError, call_command

from operations.tests.test_threadly_stats import stats
from timelines import feeds
from timelines.reads import home_page
from timelines.tests.conftest import ready_feed

pytestmark = pytest.mark.redis


def rebuild(*arguments: str) -> str:
    out = io.StringIO()
    call_command("rebuild_home_feeds", *arguments, stdout=out)
    return out.getvalue()


def test_rebuild_one_person_or_everyone_active(world, reader, person):
    author = person("author")
    world.follow(reader, author)
    post = world.post(author)

    assert "Rebuilt 1 home feeds with 1 post ids." in rebuild("--user", "READER")
    assert feeds.feed_ids(reader.pk) == [post.pk]
    output = rebuild("--active-since", "3")
    assert "Rebuilding 2 home feeds." in output  # the reader and the author (both active)
    assert feeds.feed_ids(author.pk) == [post.pk]


def test_rebuild_refuses_what_it_cannot_do(reader, settings):
    with pytest.raises(CommandError, match="No active user named 'nobody'"):
        rebuild("--user", "nobody")
    with pytest.raises(CommandError, match="at least 1 day"):
        rebuild("--active-since", "0")
    settings.REDIS_URL = ""
    with pytest.raises(CommandError, match="set REDIS_URL"):
        rebuild()


def test_stats_show_reads_misses_rebuilds_lag_and_memory(world, reader, person, settings):
    settings.HOME_FEED_CAP = 3
    author = person("author")
    world.follow(reader, author)
    home_page(reader, before=None, size=5)  # a miss: the feed is built
    for number in range(4):
        world.post(author, f"post {number}")
    home_page(reader, before=None, size=5)  # a hit

    figures = stats()

    assert figures["home feed reads"] == "2 reads, 1 misses, 1 rebuilds, 1 hits"
    lag = dict(reversed(part.split(" ", 1)) for part in figures["home feed fan out lag seconds"].split(", "))
    assert 0 <= float(lag["p50"]) <= float(lag["p95"]) <= float(lag["max"]) < 60
    memory = dict(reversed(part.split(" ", 1)) for part in figures["home feed memory"].split(", "))
    assert int(memory["cap"]) == 3
    assert float(memory["ids_per_feed"]) <= 3
    assert float(memory["bytes_per_feed"].replace(",", "")) > 0


def test_reads_count_hits(reader):
    ready_feed(reader)
    home_page(reader, before=None, size=5)
    home_page(reader, before=None, size=5)

    assert stats()["home feed reads"] == "3 reads, 1 misses, 1 rebuilds, 2 hits"
