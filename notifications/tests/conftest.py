"""Fixtures for the notification tests: actions run through the services with their fan-out delivered."""

import pytest

from notifications.models import Notification


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
