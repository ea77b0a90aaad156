"""Fixtures for the notification tests: actions run through the services with their fan-out delivered."""

import pytest

from accounts.factories import UserFactory
from notifications.models import Notification
from social.factories import FollowFactory


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """`with delivered():` runs the wrapped actions' on-commit fan-out, eagerly, as a commit would."""

    def context():
        return django_capture_on_commit_callbacks(execute=True)

    return context


@pytest.fixture
def notified():
    """`notified(user)`: what `user` has been told, as (kind, actor username) pairs, newest first."""

    def told(user) -> list[tuple[str, str]]:
        notifications = Notification.objects.filter(recipient=user).select_related("actor").order_by("-id")
        return [(notification.kind, notification.actor.username) for notification in notifications]

    return told


@pytest.fixture
def followers_of_alice(alice):
    """`followers_of_alice(n)`: n new people who follow alice with her bell rung (told of her posts), in id order."""

    def make(count: int) -> list:
        followers = UserFactory.create_batch(count)
        for follower in followers:
            FollowFactory(follower=follower, followee=alice, notify_posts=True)
        return followers

    return make
