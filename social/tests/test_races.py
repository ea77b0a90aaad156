"""Follows racing blocks and unfollows, with real threads on PostgreSQL.

A follow that had checked for a block before the block committed used to survive it: after
an unblock the blocked person was still a follower and read followers-only posts. A follow
racing an unfollow by the same person answered 500 (the answer re-read a follow already gone).
"""

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.factories import UserFactory
from accounts.models import User
from posts.models import Post
from posts.services import post_create
from social import services
from social.models import Follow
from social.tests.helpers import follow_url
from tests.races import race

ROUNDS = 10

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _assert_counts_match_the_follows(*people: User) -> None:
    for person in people:
        person.refresh_from_db()
        assert person.follower_count == Follow.objects.filter(followee=person).count()
        assert person.following_count == Follow.objects.filter(follower=person).count()


def _api_as(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(user).access_token}")
    return client


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_a_follow_racing_a_block_never_survives_it(round_number):
    alice = UserFactory(username=f"alice{round_number}")
    bob = UserFactory(username=f"bob{round_number}")
    secret = post_create(author=alice, body="For my followers", visibility=Post.Visibility.FOLLOWERS)

    followed, _ = race(
        lambda: services.follow_create(follower=bob, followee=alice),
        lambda: services.block_create(blocker=alice, blocked=bob),
    )
    services.block_delete(blocker=alice, blocked=bob)

    assert followed is True or isinstance(followed, ValidationError), followed
    assert not Follow.objects.filter(follower=bob, followee=alice).exists()
    _assert_counts_match_the_follows(alice, bob)
    assert _api_as(bob).get(f"/api/threadly/v1/posts/{secret.pk}").status_code == 404


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_a_block_racing_follows_both_ways_ends_them_all(round_number):
    alice = UserFactory(username=f"alice{round_number}")
    bob = UserFactory(username=f"bob{round_number}")

    race(
        lambda: services.follow_create(follower=bob, followee=alice),
        lambda: services.follow_create(follower=alice, followee=bob),
        lambda: services.block_create(blocker=alice, blocked=bob),
    )

    assert not Follow.objects.exists()
    _assert_counts_match_the_follows(alice, bob)


def _unfollowing_until(done: threading.Event, client: APIClient, url: str) -> list[int]:
    """Unfollow at least once, then again and again until `done`: one lands between the follow and its answer."""
    statuses = [client.delete(url).status_code]
    while not done.is_set():
        statuses.append(client.delete(url).status_code)
    return statuses


def _then_set(done: threading.Event, action: Callable[[], object]) -> object:
    try:
        return action()
    finally:
        done.set()


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_a_follow_racing_unfollows_answers_a_consistent_state(round_number):
    alice = UserFactory(username=f"alice{round_number}")
    bob = UserFactory(username=f"bob{round_number}")
    url, done = follow_url(alice.username), threading.Event()

    follow_answer, unfollow_statuses = race(
        lambda: _then_set(done, lambda: _api_as(bob).post(url)),
        lambda: _unfollowing_until(done, _api_as(bob), url),
    )

    assert not isinstance(follow_answer, Exception), follow_answer
    assert follow_answer.status_code == 201
    assert follow_answer.json()["following"] is True
    assert follow_answer.json()["follower_count"] == 1
    assert set(unfollow_statuses) == {204}
    _assert_counts_match_the_follows(alice, bob)


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_changing_notifications_racing_unfollows_is_never_a_server_error(round_number):
    alice = UserFactory(username=f"alice{round_number}")
    bob = UserFactory(username=f"bob{round_number}")
    services.follow_create(follower=bob, followee=alice)
    url, done = follow_url(alice.username), threading.Event()

    patch_answer, _ = race(
        lambda: _then_set(done, lambda: _api_as(bob).patch(url, {"notify_posts": False}, format="json")),
        lambda: _unfollowing_until(done, _api_as(bob), url),
    )

    assert not isinstance(patch_answer, Exception), patch_answer
    assert patch_answer.status_code in {200, 404}
    if patch_answer.status_code == 200:
        assert patch_answer.json() == {"following": True, "follower_count": 1, "notify_posts": False}
    assert not Follow.objects.exists()
    _assert_counts_match_the_follows(alice, bob)


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_concurrent_follows_of_one_person_count_once(round_number):
    alice = UserFactory(username=f"alice{round_number}")
    bob = UserFactory(username=f"bob{round_number}")

    results = race(*[lambda: services.follow_create(follower=bob, followee=alice)] * 4)

    assert sorted(results) == [False, False, False, True]
    _assert_counts_match_the_follows(alice, bob)
