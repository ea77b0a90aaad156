"""Two bookmarks of one post at once, with real threads on PostgreSQL: one row, both answers sane."""

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.factories import UserFactory
from posts import bookmarks
from posts.models import Bookmark
from posts.services import post_create
from tests.races import race

ROUNDS = 5

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_two_bookmarks_at_once_leave_one_row(round_number):
    alice, bob = UserFactory(username=f"alice{round_number}"), UserFactory(username=f"bob{round_number}")
    post = post_create(author=alice, body="Keep me")

    results = race(*[lambda: bookmarks.bookmark_create(user=bob, post=post)] * 2)

    assert sorted(results) == [False, True]
    assert Bookmark.objects.filter(user=bob, post=post).count() == 1


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_two_api_bookmarks_at_once_answer_201_and_200(round_number):
    alice, bob = UserFactory(username=f"alice{round_number}"), UserFactory(username=f"bob{round_number}")
    post = post_create(author=alice, body="Keep me")
    token = str(RefreshToken.for_user(bob).access_token)

    def bookmark_through_the_api() -> int:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client.post(f"/api/threadly/v1/posts/{post.pk}/bookmark").status_code

    assert sorted(race(bookmark_through_the_api, bookmark_through_the_api)) == [200, 201]
    assert Bookmark.objects.filter(user=bob, post=post).count() == 1
