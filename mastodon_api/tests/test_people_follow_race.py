"""Two follows of the same person at the same moment through Mastodon's door, with real threads on
PostgreSQL: one follow row, counters moved once, both answered `following`."""

import pytest
from rest_framework.test import APIClient

from accounts.factories import UserFactory
from social.models import Follow
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_number", range(5))
def test_following_twice_at_once_leaves_one_follow(token_for, round_number):
    alice = UserFactory(username=f"alice{round_number}")
    bob = UserFactory(username=f"bob{round_number}")
    clients = []
    for _ in range(2):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(alice).token}")
        clients.append(client)
    url = f"/api/v1/accounts/{bob.pk}/follow"

    answers = race(*(lambda client=client: client.post(url) for client in clients))

    assert [answer.status_code for answer in answers] == [200, 200]
    assert all(answer.json()["following"] for answer in answers)
    assert Follow.objects.filter(follower=alice, followee=bob).count() == 1
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.following_count, bob.follower_count) == (1, 1)
