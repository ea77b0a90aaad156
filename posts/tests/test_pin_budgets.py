"""The profile with pinned posts, page and API: constant queries with one pin and with three."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import pins, services
from posts.models import Pin
from posts.tests.helpers import assert_warm_query_budget, post_ids_on
from social.services import follow_create
from social.tests.test_query_budgets import PROFILE_BUDGET

# The pinned list: the viewer (their token's), the person with the blocks between them, the pinned posts.
PINNED_API_BUDGET = 3


def pinning_author(author):
    """`add(count)`: `count` more posts by the author, each pinned while there is room (at most 3)."""

    def add(count: int) -> None:
        for number in range(count):
            post = services.post_create(author=author, body=f"post {number}")
            if Pin.objects.filter(user=author).count() < pins.PIN_LIMIT:
                pins.post_pin(user=author, post=post)

    return add


@pytest.mark.redis
@pytest.mark.parametrize("owner", [False, True], ids=["visitor's view", "owner's view"])
def test_the_profile_with_pins_keeps_its_budget(client, django_assert_num_queries, settings, db, owner):
    settings.PAGE_SIZE = 30
    author = UserFactory(username="author")
    viewer = author if owner else UserFactory()
    if not owner:
        follow_create(follower=viewer, followee=author)
    client.force_login(viewer)
    add = pinning_author(author)
    add(1)

    assert_warm_query_budget(
        django_assert_num_queries,
        budget=PROFILE_BUDGET,
        fetch=lambda: client.get(reverse("social:profile", args=["author"])),
        count_items=lambda response: len(post_ids_on(response)),
        add_many=add,
    )


@pytest.mark.redis
def test_the_pinned_api_keeps_its_budget(api_as, django_assert_num_queries, db):
    author = UserFactory(username="author")
    api = api_as(UserFactory())
    add = pinning_author(author)
    url = reverse("api:user-pinned", kwargs={"username": "author"})

    for pinned in (1, 3):
        add(pinned - Pin.objects.filter(user=author).count())
        api.get(url)  # The renderings are cached, as for a list read again.
        with django_assert_num_queries(PINNED_API_BUDGET):
            response = api.get(url)
        assert len(response.json()["results"]) == pinned
