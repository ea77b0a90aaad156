"""factory-boy factories for the follow graph: used by the tests and by `seed_demo`."""

import factory
from factory.django import DjangoModelFactory

from accounts.factories import UserFactory
from social.models import Follow


class FollowFactory(DjangoModelFactory):
    class Meta:
        model = Follow

    follower = factory.SubFactory(UserFactory)
    followee = factory.SubFactory(UserFactory)
