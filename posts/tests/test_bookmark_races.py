"""Two bookmarks of one post at once, with real threads on PostgreSQL: one row, both answers sane."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.factories import UserFactory
from posts import bookmarks
from posts.models import Bookmark
from posts.services import post_create

ROUNDS = 5

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(*actions: Callable[[], object]) -> list:
    """Run the actions at the same moment, each in its own thread and connection; their results or errors."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = action()
        except Exception as error:  # reported by the assertions of the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_two_bookmarks_at_once_leave_one_row(round_number):
    alice, bob = UserFactory(username=f"alice{round_number}"), UserFactory(username=f"bob{round_number}")
    post = post_create(author=alice, body="Keep me")

    results = _race(*[lambda: bookmarks.bookmark_create(user=bob, post=post)] * 2)

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
        return client.post(f"/api/v1/posts/{post.pk}/bookmark").status_code

    assert sorted(_race(bookmark_through_the_api, bookmark_through_the_api)) == [200, 201]
    assert Bookmark.objects.filter(user=bob, post=post).count() == 1
