"""Who gets a post pushed into their home feed, and pushing it there in chunks.

The audience follows the home rule (posts.policy.home_posts): the author's followers who read their
home lately, and the author; for a reply, only those of them who follow the person it answers (or
are that person), as Mastodon does. Whether a reader may still see the post is asked again at read
time, so a push may be generous but never misses anyone the pull query would show it to.
"""

import itertools
import time
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import User
from posts.models import Post
from social.models import Follow
from timelines import feeds, metrics

CHUNK = 1000
PULLED_AUTHORS_KEY = "timelines:pulled-authors"


def active_since() -> timezone.datetime:
    return timezone.now() - timedelta(days=settings.HOME_FEED_ACTIVE_DAYS)


def pulled_author_ids() -> list[int]:
    """The authors whose posts are read at request time, not pushed (cached; the list is short)."""
    ids = cache.get(PULLED_AUTHORS_KEY)
    if ids is None:
        ids = list(User.objects.filter(feed_pulled=True).values_list("pk", flat=True))
        cache.set(PULLED_AUTHORS_KEY, ids, timeout=300)
    return ids


def _pulled_from_now_on(author: User) -> bool:
    """An author over the threshold is pulled from their next post on, and stays pulled."""
    if author.feed_pulled:
        return True
    if author.follower_count <= settings.HOME_FEED_PUSH_MAX_FOLLOWERS:
        return False
    User.objects.filter(pk=author.pk).update(feed_pulled=True)
    cache.delete(PULLED_AUTHORS_KEY)
    return True


def audience(post: Post) -> Iterator[int]:
    """The active followers whose feeds get the post (not the author: feed_post_push adds them)."""
    followers = Follow.objects.filter(followee_id=post.author_id, follower__last_active_at__gte=active_since())
    if post.in_reply_to_id is not None:
        answered = post.in_reply_to.author_id
        follows_answered = Exists(Follow.objects.filter(follower_id=OuterRef("follower_id"), followee_id=answered))
        followers = followers.filter(Q(follower_id=answered) | follows_answered)
    return followers.values_list("follower_id", flat=True).iterator(chunk_size=CHUNK)


def _author_sees_it(post: Post) -> bool:
    """The author's own reply shows in their home only when it answers themselves or someone they follow."""
    if post.in_reply_to_id is None:
        return True
    answered = post.in_reply_to.author_id
    follows = Follow.objects.filter(follower_id=post.author_id, followee_id=answered)
    return answered == post.author_id or follows.exists()


def author_feed_push(post: Post) -> bool:
    """Into the author's own feed, when their home shows it; a Redis outage only leaves it to the fan-out."""
    if not _author_sees_it(post):
        return False
    try:
        feeds.ids_add([feeds.home_key(post.author_id)], [post.pk])
    except feeds.REDIS_ERRORS:
        return False
    return True


def feed_post_push(post: Post) -> int:
    """Push the post into its audience's feeds, the author's too (again, after posting: adding an id
    twice changes nothing); how many feeds were asked (those that exist take it)."""
    pushed = 0
    if _author_sees_it(post):
        feeds.ids_add([feeds.home_key(post.author_id)], [post.pk])
        pushed += 1
    if not _pulled_from_now_on(post.author):
        for chunk in itertools.batched(audience(post), CHUNK, strict=False):
            feeds.ids_add([feeds.home_key(user_id) for user_id in chunk], [post.pk])
            pushed += len(chunk)
    metrics.fan_out_lag_observe(time.time() - post.created_at.timestamp())
    return pushed
