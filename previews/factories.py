"""factory-boy factories for link cards: the tests' cards, ready and pictured, without fetching."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from previews.models import LinkCard, url_hash


class LinkCardFactory(DjangoModelFactory):
    class Meta:
        model = LinkCard

    url = factory.Sequence(lambda number: f"https://news{number}.example/story")
    url_hash = factory.LazyAttribute(lambda card: url_hash(card.url))
    state = LinkCard.State.READY
    title = factory.Faker("sentence", nb_words=6)
    description = factory.Faker("sentence", nb_words=20)
    site_name = "Example News"
    image = factory.django.ImageField(filename="card.jpg", width=40, height=30, format="JPEG")
    image_width = 40
    image_height = 30
    fetched_at = factory.LazyFunction(timezone.now)
