"""relay_outbox hands stuck events to the workers again; prune_notifications forgets old ones."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from notifications import services
from notifications.models import Event, Notification
from posts import services as posts
from social.services import follow_create

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _age(events, *, by: timedelta) -> None:
    for event in events:
        Event.objects.filter(pk=event.pk).update(created_at=timezone.now() - by)


def test_relay_outbox_delivers_every_pending_event(alice, bob, carol, notified):
    follow_create(follower=bob, followee=alice)  # Never committed in this test: still pending.
    follow_create(follower=carol, followee=alice)

    output = run("relay_outbox")

    assert "2 pending and 0 parked events." in output
    assert "Handed 2 events to the workers." in output
    assert notified(alice) == [("follow", "carol"), ("follow", "bob")]
    assert set(Event.objects.values_list("status", flat=True)) == {Event.Status.DONE}


def test_relay_outbox_leaves_events_pending_for_less_than_asked(alice, bob, carol, notified):
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    _age(Event.objects.filter(actor=bob), by=timedelta(minutes=10))

    output = run("relay_outbox", "--pending-for", "300")

    assert "Handed 1 events to the workers." in output
    assert notified(alice) == [("follow", "bob")]
    assert Event.objects.get(actor=carol).status == Event.Status.PENDING


def test_relay_outbox_retries_parked_events_only_when_asked(alice, bob, carol, notified):
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    services.event_park(event_id=Event.objects.get(actor=bob).pk, error="RuntimeError: boom")

    output = run("relay_outbox")
    assert "1 pending and 1 parked events." in output
    assert "Handed 1 events to the workers." in output
    assert notified(alice) == [("follow", "carol")]

    output = run("relay_outbox", "--parked")
    assert "0 pending and 1 parked events." in output
    assert "Handed 1 events to the workers." in output
    assert notified(alice) == [("follow", "bob"), ("follow", "carol")]
    parked = Event.objects.get(actor=bob)
    assert (parked.status, parked.last_error) == (Event.Status.DONE, "")


def test_relay_outbox_leaves_delivered_events_alone(alice, bob, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)

    output = run("relay_outbox", "--parked")

    assert "0 pending and 0 parked events." in output
    assert "Handed 0 events to the workers." in output
    assert Event.objects.get().relayed_at is None
    assert Notification.objects.count() == 1


def test_relay_outbox_reports_progress_every_thousand(alice, bob, monkeypatch):
    monkeypatch.setattr(services, "event_retry", lambda event_id: True)
    for _ in range(1001):
        Event.objects.create(kind=Event.Kind.FOLLOW, actor=bob, subject=alice)

    output = run("relay_outbox")

    assert "handed over 1000 so far" in output
    assert "Handed 1001 events to the workers." in output


def test_prune_deletes_old_notifications_and_their_finished_events(alice, bob, carol, delivered):
    with delivered():
        post = posts.post_create(author=alice, body="Morning")  # Nobody follows alice: done, telling nobody.
    with delivered():
        follow_create(follower=bob, followee=alice)
        posts.like_create(user=carol, post=post)
    old = Event.objects.filter(kind__in=["follow", "post"])
    Notification.objects.filter(event__in=old).update(created_at=timezone.now() - timedelta(days=31))
    _age(old, by=timedelta(days=31))

    output = run("prune_notifications", "--older-than", "30")

    assert "Deleted 1 notifications and 2 events older than 30 days." in output
    assert list(Notification.objects.values_list("kind", flat=True)) == ["like"]
    assert list(Event.objects.values_list("kind", flat=True)) == ["like"]


def test_prune_keeps_what_is_recent_enough(alice, bob, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
    Notification.objects.update(created_at=timezone.now() - timedelta(days=29))
    _age(Event.objects.all(), by=timedelta(days=29))

    assert "Deleted 0 notifications and 0 events" in run("prune_notifications", "--older-than", "30")
    assert Notification.objects.count() == Event.objects.count() == 1


def test_prune_keeps_old_events_not_yet_delivered(alice, bob):
    follow_create(follower=bob, followee=alice)
    _age(Event.objects.all(), by=timedelta(days=90))

    run("prune_notifications", "--older-than", "30")

    assert Event.objects.get().status == Event.Status.PENDING


@pytest.mark.parametrize("days", ["0", "-5"])
def test_prune_refuses_less_than_a_day(alice, bob, delivered, days):
    with delivered():
        follow_create(follower=bob, followee=alice)

    with pytest.raises(CommandError, match="at least 1 day"):
        run("prune_notifications", "--older-than", days)

    assert Notification.objects.count() == 1


def test_prune_needs_older_than(db):
    with pytest.raises(CommandError):
        run("prune_notifications")
