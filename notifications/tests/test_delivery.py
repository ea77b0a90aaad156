"""The outbox's delivery: every step can run twice, failures are retried, parked and handed back by the relay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications import services, tasks
from notifications.models import Event, Notification
from posts import services as posts
from social.factories import FollowFactory
from social.models import Follow
from social.services import follow_create

pytestmark = pytest.mark.django_db


# Redelivery: every step can run twice.


def test_running_the_fan_out_again_doubles_nothing(alice, bob, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
    event = Event.objects.get()

    tasks.fan_out_event.delay(event.pk)
    services.event_fan_out(event)

    assert Notification.objects.filter(recipient=alice, event=event).count() == 1


def test_a_fan_out_redelivered_before_it_was_marked_done_doubles_nothing(alice, bob, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
    Event.objects.update(status=Event.Status.PENDING, processed_at=None)

    tasks.fan_out_event.delay(Event.objects.get().pk)

    assert Notification.objects.count() == 1
    assert Event.objects.get().status == Event.Status.DONE


def test_delivering_a_chunk_again_doubles_nothing(alice, delivered, settings, followers_of_alice):
    settings.NOTIFICATION_CHUNK_SIZE = 2
    followers = followers_of_alice(5)
    with delivered():
        posts.post_create(author=alice, body="News")
    event = Event.objects.get(kind=Event.Kind.POST)

    tasks.deliver_notifications.delay(event.pk, 0, [followers[0].pk, followers[1].pk])
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PENDING)
    tasks.fan_out_event.delay(event.pk)

    assert Notification.objects.filter(event=event).count() == 5


def test_a_chunked_event_is_done_once_every_chunk_has_landed(alice, delivered, settings, followers_of_alice):
    settings.NOTIFICATION_CHUNK_SIZE = 2
    followers_of_alice(5)
    with delivered():
        posts.post_create(author=alice, body="News")

    event = Event.objects.get(kind=Event.Kind.POST)
    assert event.chunk_count == 3
    assert sorted(event.delivered_chunks.values_list("index", flat=True)) == [0, 1, 2]
    assert event.status == Event.Status.DONE


def test_a_lost_chunk_keeps_its_event_pending_until_the_relay_sends_it_again(
    alice, delivered, settings, followers_of_alice
):
    settings.NOTIFICATION_CHUNK_SIZE = 2
    followers = followers_of_alice(5)
    with delivered():
        posts.post_create(author=alice, body="News")
    event = Event.objects.get(kind=Event.Kind.POST)
    # As if the worker holding chunk 1 died before recording it: its two notifications never landed.
    event.delivered_chunks.filter(index=1).delete()
    Notification.objects.filter(event=event, recipient__in=followers[2:4]).delete()
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PENDING)
    tasks.deliver_notifications.delay(event.pk, 2, [followers[4].pk])
    assert Event.objects.get(pk=event.pk).status == Event.Status.PENDING

    services.events_relay(pending_for=timedelta(0))

    assert set(Notification.objects.filter(event=event).values_list("recipient", flat=True)) == {
        follower.pk for follower in followers
    }
    assert Event.objects.get(pk=event.pk).status == Event.Status.DONE


def test_the_tasks_skip_an_event_that_is_gone(alice, bob, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
    event_id = Event.objects.get().pk
    Event.objects.all().delete()

    tasks.fan_out_event.delay(event_id)
    tasks.deliver_notifications.delay(event_id, 0, [alice.pk])

    assert not Notification.objects.exists()


def test_an_event_whose_post_was_deleted_before_delivery_tells_nobody(alice, bob, delivered):
    FollowFactory(follower=bob, followee=alice)
    post = posts.post_create(author=alice, body="Oops")  # Its fan-out waits for the commit.
    event_id = Event.objects.get(kind=Event.Kind.POST).pk
    posts.post_delete(post=post, actor=alice)

    tasks.fan_out_event.delay(event_id)

    assert not Notification.objects.exists()


# Failures: retried, then parked, then handed back.


def test_a_failing_fan_out_leaves_the_action_done_and_its_event_pending(alice, bob, delivered, monkeypatch):
    """Eagerly, Celery raises Retry at the first autoretry; the on-commit hook is robust, so the follow stands."""

    def failing_delivery(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "notifications_deliver", failing_delivery)

    with delivered():
        assert follow_create(follower=bob, followee=alice) is True

    assert Follow.objects.filter(follower=bob, followee=alice).exists()
    event = Event.objects.get()
    assert (event.status, event.attempts) == (Event.Status.PENDING, 1)
    assert not Notification.objects.exists()


def test_a_fan_out_out_of_retries_parks_its_event_with_the_error(alice, bob):
    follow_create(follower=bob, followee=alice)
    event = Event.objects.get()

    tasks.fan_out_event.on_failure(RuntimeError("database went away"), "task-id", (event.pk,), {}, None)

    event.refresh_from_db()
    assert (event.status, event.last_error) == (Event.Status.PARKED, "RuntimeError: database went away")


def test_a_parked_error_is_cut_to_2000_characters(alice, bob):
    follow_create(follower=bob, followee=alice)
    event = Event.objects.get()

    services.event_park(event_id=event.pk, error="x" * 5000)

    assert len(Event.objects.get().last_error) == 2000


def test_retrying_a_parked_event_delivers_it_and_clears_the_error(alice, bob, notified):
    follow_create(follower=bob, followee=alice)
    event = Event.objects.get()
    services.event_park(event_id=event.pk, error="RuntimeError: boom")

    assert services.event_retry(event.pk) is True

    event.refresh_from_db()
    assert (event.status, event.last_error) == (Event.Status.DONE, "")
    assert event.relayed_at is not None
    assert notified(alice) == [("follow", "bob")]


def test_the_relay_hands_over_events_pending_longer_than_asked(alice, bob, carol, notified):
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    old, recent = Event.objects.order_by("id")
    Event.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=5))

    assert services.events_relay(pending_for=timedelta(minutes=2)) == 1

    assert notified(alice) == [("follow", "bob")]
    assert Event.objects.get(pk=recent.pk).status == Event.Status.PENDING


def test_the_relay_waits_again_after_handing_an_event_over(alice, bob, monkeypatch):
    follow_create(follower=bob, followee=alice)
    Event.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    monkeypatch.setattr(services, "enqueue", lambda task, *args: True)  # Handed to a worker that has not run yet.
    assert services.events_relay(pending_for=timedelta(minutes=2)) == 1

    assert services.events_relay(pending_for=timedelta(minutes=2)) == 0


def test_the_relay_leaves_parked_events_unless_asked(alice, bob, notified):
    follow_create(follower=bob, followee=alice)
    services.event_park(event_id=Event.objects.get().pk, error="boom")

    assert services.events_relay(pending_for=timedelta(0)) == 0
    assert services.events_relay(pending_for=timedelta(0), include_parked=True) == 1
    assert notified(alice) == [("follow", "bob")]


def test_the_relay_stops_at_the_first_broker_failure(alice, bob, carol, monkeypatch):
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    monkeypatch.setattr(services, "enqueue", lambda task, *args: False)

    assert services.events_relay(pending_for=timedelta(0)) == 0
    assert list(Event.objects.order_by("id").values_list("relayed_at", flat=True))[1] is None


def test_the_beat_task_relays_after_outbox_relay_after(alice, bob, settings, notified):
    settings.OUTBOX_RELAY_AFTER = timedelta(minutes=2)
    follow_create(follower=bob, followee=alice)

    assert tasks.relay_outbox() == 0
    Event.objects.update(created_at=timezone.now() - timedelta(minutes=3))
    assert tasks.relay_outbox() == 1
    assert notified(alice) == [("follow", "bob")]
