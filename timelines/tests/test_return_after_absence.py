"""A reader back after the active window: every page, not only the first, waits for the rebuild."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from tests.brokers import broker_at
from timelines import feeds
from timelines.reads import home_page
from timelines.tests.conftest import pull_ids, ready_feed

pytestmark = pytest.mark.redis


def test_the_next_pages_are_not_read_from_the_feed_the_absence_left_behind(world, reader, person):
    """Found by reading timelines.reads beside the property test, whose tasks run at once: the first
    page saw the absence and asked for a rebuild, the second trusted the old feed while the rebuild
    was still queued and skipped what was posted meanwhile."""
    author = person("author")
    world.follow(reader, author)
    ready_feed(reader)
    world.post(author, "before the absence")
    User.objects.filter(pk=reader.pk).update(last_active_at=timezone.now() - timedelta(days=30))
    reader.refresh_from_db()
    for number in range(3):
        world.post(author, f"during the absence {number}")  # not pushed: the reader was away

    with broker_at("memory://"):  # the rebuild waits behind other work
        first = home_page(reader, before=None, size=2)
        second = home_page(reader, before=first.next_cursor, size=2)

    assert [first.source, second.source] == ["pull", "pull"]
    assert [item.pk for item in first.items + second.items] == pull_ids(reader)
    assert not feeds.feed_exists(reader.pk)
