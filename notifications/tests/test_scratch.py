import pytest
from notifications import services, tasks
from notifications.models import Event, Notification
from posts import services as posts
from social.services import follow_create


def test_park(alice, bob, delivered, monkeypatch):
    calls = []
    def boom(**kwargs):
        calls.append(1)
        raise RuntimeError("db down")
    monkeypatch.setattr(services, "notifications_deliver", boom)
    try:
        with delivered():
            follow_create(follower=bob, followee=alice)
    except Exception as e:
        print("raised", type(e), e)
    ev = Event.objects.get()
    print(ev.status, ev.attempts, ev.last_error, len(calls))
