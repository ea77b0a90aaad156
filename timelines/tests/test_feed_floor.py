"""Pages past a feed's floor come from the database, even when older ids lie in the feed below it."""

import pytest

from posts import services
from timelines import feeds
from timelines.tests.conftest import all_pages, pull_ids, ready_feed

pytestmark = pytest.mark.redis


def test_ids_backfilled_below_the_floor_do_not_hide_what_the_trim_took(world, reader, person, settings, commit):
    """Found by reading timelines.reads beside the property test: a round that read ids from below the
    floor took them as the feed's next ones and skipped the posts the cap had trimmed in between."""
    settings.HOME_FEED_CAP = 9
    old, busy, gone = person("old"), person("busy"), person("gone")
    world.follow(reader, busy)
    world.follow(reader, gone)
    ready_feed(reader)
    early = [world.post(old) for _ in range(2)]
    trimmed = [world.post(busy) for _ in range(2)]
    later = [world.post(busy) for _ in range(6)]
    for _ in range(3):
        world.post(gone)
    world.unfollow(reader, gone)  # room in the feed
    world.follow(reader, old)  # backfilled into it, below the floor
    assert {post.pk for post in early} <= set(feeds.feed_ids(reader.pk))
    for post in later[1:]:
        commit(services.post_remove, post=post)

    assert all_pages(reader)[0] == pull_ids(reader) == [later[0].pk, *(post.pk for post in reversed(early + trimmed))]
