"""factory-boy factories for notifications: used by the tests."""

import factory
from factory.django import DjangoModelFactory

from accounts.factories import UserFactory
from notifications.models import Event, Notification
from posts.factories import ReplyFactory


class EventFactory(DjangoModelFactory):
    """An event of each kind in turn, with a person, a post and a reply to point at."""

    class Meta:
        model = Event

    kind = factory.Iterator(Event.Kind.values)
    actor = factory.SubFactory(UserFactory)
    subject = factory.SubFactory(UserFactory)
    post = factory.SubFactory(ReplyFactory)


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    event = factory.SubFactory(EventFactory)
    kind = factory.SelfAttribute("event.kind")
    actor = factory.SelfAttribute("event.actor")
    post = factory.SelfAttribute("event.post")
