"""A post pushed into its followers' home feeds by a real `celery worker` on the `feeds` queue."""

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import User
from posts.services import post_create
from social.models import Follow
from threadly.models import UnpublishedTask
from timelines import feeds

from .processes import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

FOLLOWERS = 2000


@pytest.fixture
def feeds_on_test_redis(redis_server, settings):
    """The feeds this process reads are the worker's: its Redis is the cache and broker of both."""
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": redis_server.url}}


def test_a_post_reaches_every_active_followers_feed_through_the_worker(start_worker, feeds_on_test_redis):
    author = UserFactory(username="author", follower_count=FOLLOWERS, last_active_at=timezone.now())
    followers = User.objects.bulk_create(
        User(username=f"f{n}", email=f"f{n}@example.com", password=make_password(None), last_active_at=timezone.now())
        for n in range(FOLLOWERS)
    )
    Follow.objects.bulk_create(Follow(follower=follower, followee=author) for follower in followers)
    for follower in followers:
        feeds.build_start(follower.pk)
        feeds.build_finish(follower.pk, [], floor=0)
    start_worker()

    post = post_create(author=author, body="To every feed")

    def in_every_feed() -> bool:
        pipe = feeds.redis().pipeline(transaction=False)
        for follower in followers:
            pipe.zscore(feeds.home_key(follower.pk), post.pk)
        return all(score == post.pk for score in pipe.execute())

    wait_until(in_every_feed, timeout=30, what=f"post {post.pk} in {FOLLOWERS} feeds")
    assert not UnpublishedTask.objects.exists()
