"""After the soak: was every notification delivered exactly once? (bench/soak.py, with Django set up on
the stack's database.)

Read from the database, not from locust: every like, reply, repost and follow made since `since` (the
rows the soak created) must have exactly one Notification to the person acted upon, except for one's
own posts and for people who blocked or muted the actor (notifications.recipients); the outbox must
have nothing pending or parked.
"""

import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from accounts.models import User
from notifications.models import Event, Notification
from notifications.recipients import refusing_recipient_ids
from posts.models import Like, Post
from social.models import Follow


@dataclass(frozen=True)
class Delivery:
    actions: Counter  # kind -> actions that must notify
    missing: list  # (recipient, actor, kind, post) without a notification
    duplicated: list  # ... with more than one
    unexpected: list  # notifications of these kinds no action here explains
    pending: int
    parked: int

    @property
    def exact(self) -> bool:
        return not (self.missing or self.duplicated or self.unexpected or self.pending or self.parked)


def outbox_waiting() -> tuple[int, int]:
    return (
        Event.objects.filter(status=Event.Status.PENDING).count(),
        Event.objects.filter(status=Event.Status.PARKED).count(),
    )


def wait_for_outbox(*, timeout: float) -> float:
    """Seconds until nothing is pending (the workers, then the relay, hand everything over)."""
    started = time.monotonic()
    while outbox_waiting()[0] and time.monotonic() - started < timeout:
        time.sleep(2)
    return time.monotonic() - started


def _actions(since: datetime) -> list[tuple[int, int, str, int | None]]:
    """(recipient, actor, kind, post) of each action since `since`, as recipients.recipient_ids tells them."""
    likes = Like.objects.filter(created_at__gte=since).values_list("post__author_id", "user_id", "post_id")
    replies = Post.objects.filter(created_at__gte=since, in_reply_to__isnull=False).values_list(
        "in_reply_to__author_id", "author_id", "pk"
    )
    reposts = Post.objects.filter(created_at__gte=since, repost_of__isnull=False).values_list(
        "repost_of__author_id", "author_id", "repost_of_id"
    )
    follows = Follow.objects.filter(created_at__gte=since).values_list("followee_id", "follower_id")
    return [
        *((recipient, actor, Event.Kind.LIKE, post) for recipient, actor, post in likes),
        *((recipient, actor, Event.Kind.REPLY, post) for recipient, actor, post in replies),
        *((recipient, actor, Event.Kind.REPOST, post) for recipient, actor, post in reposts),
        *((recipient, actor, Event.Kind.FOLLOW, None) for recipient, actor in follows),
    ]


def delivery_since(since: datetime) -> Delivery:
    actions = _actions(since)
    refusing = {actor: refusing_recipient_ids(User(pk=actor)) for actor in {action[1] for action in actions}}
    expected = Counter(action for action in actions if action[0] != action[1] and action[0] not in refusing[action[1]])
    kinds = [Event.Kind.LIKE, Event.Kind.REPLY, Event.Kind.REPOST, Event.Kind.FOLLOW]
    delivered = Counter(
        Notification.objects.filter(event__created_at__gte=since, kind__in=kinds).values_list(
            "recipient_id", "actor_id", "kind", "post_id"
        )
    )
    pending, parked = outbox_waiting()
    return Delivery(
        actions=Counter(str(action[2]) for action in expected),
        missing=sorted(action for action in expected if action not in delivered),
        duplicated=sorted(action for action, count in delivered.items() if count > 1 or expected[action] > 1),
        unexpected=sorted(action for action in delivered if action not in expected),
        pending=pending,
        parked=parked,
    )
