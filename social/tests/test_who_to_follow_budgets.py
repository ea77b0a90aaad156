"""Who to follow costs the same number of queries with one suggestion and with a full list."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from social.factories import FollowFactory
from social.services import follow_create
from social.tests.test_query_budgets import home_feed_ready
from social.views import SUGGESTIONS_ON_EMPTY_HOME, SUGGESTIONS_ON_PAGE
from tests.budgets import SESSION_QUERIES

# who_to_follow: the friends of friends, then the people (with the popular ones to fill up).
WHO_TO_FOLLOW = 2
# The page: the session, the viewer, who_to_follow.
SUGGESTIONS_BUDGET = SESSION_QUERIES + 1 + WHO_TO_FOLLOW
# The API: the viewer (their token's), who_to_follow.
SUGGESTIONS_API_BUDGET = 1 + WHO_TO_FOLLOW
# An empty home read from its (empty) feed in Redis: the session, the viewer, who_to_follow.
EMPTY_HOME_BUDGET = SESSION_QUERIES + 1 + WHO_TO_FOLLOW


@pytest.fixture
def viewer(db):
    """Someone who follows one friend, with nobody else on Threadly yet."""
    user = UserFactory(username="viewer")
    follow_create(follower=user, followee=UserFactory(username="friend"))
    return user


def add_people(viewer, count: int) -> None:
    """`count` more people to suggest: every other one followed by the viewer's friend, the rest popular."""
    friend = viewer.following_set.get().followee
    for number in range(count):
        person = UserFactory()
        if number % 2 == 0:
            FollowFactory(follower=friend, followee=person)
        else:
            FollowFactory(followee=person)


def measure(django_assert_num_queries, budget: int, fetch, expected: int) -> None:
    with django_assert_num_queries(budget):
        response = fetch()
    assert response.status_code == 200
    assert response.content.decode().count('<li class="person">') == expected


def test_the_suggestions_page_keeps_its_budget(client, django_assert_num_queries, viewer):
    client.force_login(viewer)
    url = reverse("social:suggestions")
    add_people(viewer, 1)
    measure(django_assert_num_queries, SUGGESTIONS_BUDGET, lambda: client.get(url), 1)
    # The followers of the popular people are suggestable too: more than a page of people in all.
    add_people(viewer, SUGGESTIONS_ON_PAGE)
    measure(django_assert_num_queries, SUGGESTIONS_BUDGET, lambda: client.get(url), SUGGESTIONS_ON_PAGE)


@pytest.mark.redis
def test_the_empty_home_keeps_its_budget(client, django_assert_num_queries, viewer):
    client.force_login(viewer)
    url = reverse("social:home")
    home_feed_ready(viewer)
    add_people(viewer, 1)
    with django_assert_num_queries(EMPTY_HOME_BUDGET):
        response = client.get(url)
    assert response.content.decode().count('<li class="person">') == 1
    add_people(viewer, SUGGESTIONS_ON_EMPTY_HOME * 2)
    with django_assert_num_queries(EMPTY_HOME_BUDGET):
        response = client.get(url)
    assert response.content.decode().count('<li class="person">') == SUGGESTIONS_ON_EMPTY_HOME


def test_the_api_keeps_its_budget(api_as, django_assert_num_queries, viewer):
    api = api_as(viewer)
    url = reverse("api:people-suggestions")
    add_people(viewer, 1)
    with django_assert_num_queries(SUGGESTIONS_API_BUDGET):
        assert len(api.get(url).json()["results"]) == 1
    add_people(viewer, 30)
    with django_assert_num_queries(SUGGESTIONS_API_BUDGET):
        assert len(api.get(url).json()["results"]) == 20
