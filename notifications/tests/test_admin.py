"""The outbox in the admin: parked events with their errors, handed back to the workers.

The list pages' query budgets and search are checked with every model's in threadly/tests/test_admin_pages.py.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from notifications import services
from notifications.factories import EventFactory
from notifications.models import Event, Notification
from social.services import follow_create

pytestmark = pytest.mark.django_db


def parked_event() -> Event:
    event = EventFactory()
    services.event_park(event_id=event.pk, error="RuntimeError: boom")
    return event


def test_both_models_are_in_the_admin():
    assert admin.site.is_registered(Event)
    assert admin.site.is_registered(Notification)


def test_admin_filters_by_kind_and_status(admin_client):
    parked_event()
    url = reverse("admin:notifications_event_changelist")

    assert admin_client.get(url, {"kind__exact": "like", "status__exact": "parked"}).status_code == 200


def test_admin_shows_a_parked_events_error(admin_client):
    event = parked_event()

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
