"""Every model's admin list renders, searches, and costs the same queries for 1 row or 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import UserFactory
from notifications.factories import EventFactory, NotificationFactory
from posts.factories import LikeFactory, PostFactory
from posts.models import Hashtag
from social.factories import FollowFactory

FACTORIES = {
    "accounts_user": UserFactory,
    "posts_post": PostFactory,
    "posts_like": LikeFactory,
    "posts_hashtag": lambda: Hashtag.objects.create(name=f"tag{Hashtag.objects.count()}"),
    "social_follow": FollowFactory,
    "notifications_event": EventFactory,
    "notifications_notification": NotificationFactory,
}


def changelist_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("model", FACTORIES)
def test_admin_list_costs_the_same_with_one_row_and_thirty(admin_client, model):
    make = FACTORIES[model]
    url = reverse(f"admin:{model}_changelist")
    make()
    with_one = changelist_queries(admin_client, url)
    for _ in range(29):
        make()

    assert changelist_queries(admin_client, url) == with_one


@pytest.mark.django_db
@pytest.mark.parametrize("model", FACTORIES)
def test_admin_search_answers(admin_client, model):
    FACTORIES[model]()

    response = admin_client.get(reverse(f"admin:{model}_changelist"), {"q": "a"})

    assert response.status_code == 200
