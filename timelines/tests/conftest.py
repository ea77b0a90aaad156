"""Feeds need Redis; on_commit callbacks (the fan-out is handed over after commit) run in the test."""

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from posts import reposts, services
from social import services as social
from timelines import feeds
from timelines.reads import home_page


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`commit(action, **arguments)`: call a service and run what it hands over after commit."""

    def run(action, **arguments):
        with django_capture_on_commit_callbacks(execute=True):
            return action(**arguments)

    return run


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", last_active_at=timezone.now())


@pytest.fixture
def person(db):
    """`person(name)`: an active account."""
    return lambda name: UserFactory(username=name, last_active_at=timezone.now())


@pytest.fixture
def world(commit):
    """Short names for the services a feed test calls, each run with its after-commit work."""

    class World:
        def post(self, author, body="words", **fields):
            return commit(services.post_create, author=author, body=body, **fields)

        def reply(self, author, parent, body="an answer"):
            return commit(services.post_create, author=author, body=body, in_reply_to=parent)

        def repost(self, user, post):
            commit(reposts.repost_create, user=user, post=post)
            return post.reposts.get(author=user)

        def follow(self, follower, followee):
            commit(social.follow_create, follower=follower, followee=followee)

        def unfollow(self, follower, followee):
            commit(social.follow_delete, follower=follower, followee=followee)

        def mute(self, muter, muted):
            commit(social.mute_create, muter=muter, muted=muted)

        def unmute(self, muter, muted):
            commit(social.mute_delete, muter=muter, muted=muted)

        def block(self, blocker, blocked):
            commit(social.block_create, blocker=blocker, blocked=blocked)

    return World()


def all_pages(reader, *, size: int = 3) -> tuple[list[int], set[str]]:
    """Every id of the reader's home, page after page, and where the pages came from."""
    ids, sources, before = [], set(), None
    while True:
        page = home_page(reader, before=before, size=size)
        ids += [item.pk for item in page.items]
        sources.add(page.source)
        if page.next_cursor is None:
            return ids, sources
        before = page.next_cursor


def pull_ids(reader) -> list[int]:
    from posts.policy import home_posts

    return list(home_posts(reader).order_by("-id").values_list("pk", flat=True))


def ready_feed(reader) -> list[int]:
    """Build the reader's feed (as their first home page does) and give its ids."""
    home_page(reader, before=None, size=1)
    return feeds.feed_ids(reader.pk)
