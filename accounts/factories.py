"""factory-boy factories for accounts: used by the tests and by `seed_demo`."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user_{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username.lower()}@example.com")
    display_name = factory.Faker("name")
    bio = factory.Faker("sentence", nb_words=12)
    password = factory.django.Password("threadly-test-password")
