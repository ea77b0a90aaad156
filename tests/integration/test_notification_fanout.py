"""A post's notifications fanned out by real `celery worker` processes on a real Redis and PostgreSQL.

Each test makes the post as a request does, through posts.services.post_create in its own
transaction, whose commit hands the event to the workers.
"""

import time
from io import StringIO

import pytest
import redis
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db.models import Count

from accounts.factories import UserFactory
from accounts.models import User
from notifications.models import Event, Notification
from posts.models import Post
from posts.services import post_create
from social.models import Follow

from .conftest import VISIBILITY_TIMEOUT
from .processes import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

FOLLOWERS = 2000
DELIVERY_TIMEOUT = 60


@pytest.fixture
def author(transactional_db) -> User:
    return UserFactory(username="author", follower_count=FOLLOWERS)


@pytest.fixture
def follower_ids(author) -> set[int]:
    unusable_password = make_password(None)
    followers = User.objects.bulk_create(
        User(username=f"follower_{n}", email=f"follower_{n}@example.com", password=unusable_password, following_count=1)
        for n in range(FOLLOWERS)
    )
    Follow.objects.bulk_create(Follow(follower=follower, followee=author, notify_posts=True) for follower in followers)
    return {follower.pk for follower in followers}


def told_of(post) -> int:
    return Notification.objects.filter(post=post).count()


def wait_for_every_follower(post) -> None:
    wait_until(
        lambda: told_of(post) >= FOLLOWERS and Event.objects.filter(post=post, status=Event.Status.DONE).exists(),
        timeout=DELIVERY_TIMEOUT,
        what=f"{FOLLOWERS} notifications of post {post.pk} (have {told_of(post)})",
    )


def assert_each_follower_told_once(post, follower_ids: set[int]) -> None:
    per_recipient = dict(
        Notification.objects.filter(post=post).values("recipient").annotate(n=Count("id")).values_list("recipient", "n")
    )
    told_more_than_once = {recipient: n for recipient, n in per_recipient.items() if n > 1}
    assert told_more_than_once == {}
    assert set(per_recipient) == follower_ids
    assert sum(per_recipient.values()) == FOLLOWERS
    assert Event.objects.filter(post=post).count() == 1


def test_a_post_reaches_each_of_2000_followers_once(author, follower_ids, start_worker):
    start_worker()

    post = post_create(author=author, body="Hello, all 2,000 of you")

    wait_for_every_follower(post)
    assert_each_follower_told_once(post, follower_ids)
    event = Event.objects.get(post=post)
    assert (event.kind, event.attempts, event.last_error) == (Event.Kind.POST, 1, "")
    assert set(Notification.objects.filter(post=post).values_list("kind", "actor", "read_at").distinct()) == {
        (Event.Kind.POST, author.pk, None)
    }


def test_a_post_made_while_redis_is_down_reaches_every_follower_once_after_the_relay(
    author, follower_ids, redis_server, start_worker
):
    start_worker()
    redis_server.stop()

    post = post_create(author=author, body="Posted while the broker is down")

    assert Post.objects.filter(pk=post.pk).exists()
    event = Event.objects.get(post=post)
    assert (event.status, event.attempts) == (Event.Status.PENDING, 0)
    assert told_of(post) == 0

    redis_server.start()
    output = StringIO()
    call_command("relay_outbox", stdout=output)

    assert "Handed 1 events to the workers." in output.getvalue()
    wait_for_every_follower(post)
    assert_each_follower_told_once(post, follower_ids)
    event.refresh_from_db()
    assert event.relayed_at is not None
    assert event.attempts == 1


def test_a_worker_killed_mid_fan_out_is_replaced_and_every_follower_is_told_once(
    author, follower_ids, redis_server, start_worker
):
    worker = start_worker()

    post = post_create(author=author, body="The worker will not finish telling you this")
    wait_until(lambda: told_of(post) > 0, timeout=DELIVERY_TIMEOUT, what="the fan-out to start", interval=0.005)
    worker.kill()

    told_before_the_kill = told_of(post)
    assert told_before_the_kill < FOLLOWERS, "the fan-out ended before the kill: give it more, smaller chunks"
    _wait_for_unacknowledged_messages_to_be_visible_again(redis_server)
    start_worker()
    # What beat does every minute, without waiting OUTBOX_RELAY_AFTER: runs the fan-out again
    # if the kill caught it before it had handed over every chunk (the event is still pending).
    call_command("relay_outbox", stdout=StringIO())

    wait_for_every_follower(post)
    assert_each_follower_told_once(post, follower_ids)


def _wait_for_unacknowledged_messages_to_be_visible_again(redis_server) -> None:
    """The killed worker's unacknowledged messages go back to their queue when a worker sweeps them
    after VISIBILITY_TIMEOUT; kombu sweeps when a worker starts and then only every ~100 s, so the new
    worker is started once the last of them is that old. A wait on the clock, as the broker's is."""
    client = redis.Redis.from_url(redis_server.url)
    try:
        delivered = client.zrange("unacked_index", 0, -1, withscores=True)
    finally:
        client.close()
    if delivered:
        last_delivery = max(score for _, score in delivered)
        time.sleep(max(0.0, last_delivery + VISIBILITY_TIMEOUT + 0.5 - time.time()))
