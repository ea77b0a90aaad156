"""The outbox and notifications in the admin: lists of fixed cost, search, and handing parked events back."""

import itertools

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import UserFactory
from notifications import services
from notifications.models import Event, Notification
from posts.factories import CommentFactory
from social.services import follow_create

pytestmark = pytest.mark.django_db

_kinds = itertools.cycle(Event.Kind.values)


def make_event() -> Event:
    """An event of each kind in turn, with everything it can point at, parked with an error."""
    comment = CommentFactory()
    event = Event.objects.create(
        kind=next(_kinds), actor=UserFactory(), subject=UserFactory(), post=comment.post, comment=comment
    )
    services.event_park(event_id=event.pk, error="RuntimeError: boom")
    return event


def make_notification() -> Notification:
    event = make_event()
    return Notification.objects.create(
        recipient=UserFactory(), event=event, kind=event.kind, actor=event.actor, post=event.post, comment=event.comment
    )


FACTORIES = {"notifications_event": make_event, "notifications_notification": make_notification}


def changelist_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_both_models_are_in_the_admin():
    assert admin.site.is_registered(Event)
    assert admin.site.is_registered(Notification)


@pytest.mark.parametrize("model", FACTORIES)
def test_admin_list_costs_the_same_with_one_row_and_thirty(admin_client, model):
    make = FACTORIES[model]
    url = reverse(f"admin:{model}_changelist")
    make()
    with_one = changelist_queries(admin_client, url)
    for _ in range(29):
        make()

    assert changelist_queries(admin_client, url) == with_one


@pytest.mark.parametrize("model", FACTORIES)
def test_admin_search_and_filters_answer(admin_client, model):
    FACTORIES[model]()
    url = reverse(f"admin:{model}_changelist")

    assert admin_client.get(url, {"q": "a"}).status_code == 200
    assert admin_client.get(url, {"kind__exact": "like"}).status_code == 200


def test_admin_shows_a_parked_events_error(admin_client):
    event = make_event()

    response = admin_client.get(reverse("admin:notifications_event_changelist"), {"status__exact": "parked"})

    assert "RuntimeError: boom" in response.content.decode()
    assert admin_client.get(reverse("admin:notifications_event_change", args=[event.pk])).status_code == 200


def test_admin_retry_hands_parked_events_back_and_they_are_delivered(admin_client, alice, bob, carol):
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    for event in Event.objects.all():
        services.event_park(event_id=event.pk, error="RuntimeError: boom")

    response = admin_client.post(
        reverse("admin:notifications_event_changelist"),
        {"action": "retry", admin.helpers.ACTION_CHECKBOX_NAME: list(Event.objects.values_list("pk", flat=True))},
        follow=True,
    )

    assert response.status_code == 200
    assert "Handed 2 events to the workers." in response.content.decode()
    assert set(Event.objects.values_list("status", "last_error")) == {(Event.Status.DONE, "")}
    assert sorted(Notification.objects.filter(recipient=alice).values_list("actor__username", flat=True)) == [
        "bob",
        "carol",
    ]


def test_admin_retry_counts_only_what_reached_the_workers(admin_client, alice, bob, monkeypatch):
    follow_create(follower=bob, followee=alice)
    event = Event.objects.get()
    monkeypatch.setattr(services, "enqueue", lambda task, *args: False)  # The broker is down.

    response = admin_client.post(
        reverse("admin:notifications_event_changelist"),
        {"action": "retry", admin.helpers.ACTION_CHECKBOX_NAME: [event.pk]},
        follow=True,
    )

    assert "Handed 0 events to the workers." in response.content.decode()
    assert Event.objects.get().status == Event.Status.PENDING
    assert not Notification.objects.exists()
