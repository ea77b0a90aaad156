"""A login's tokens are one family: refreshed one at a time, ended together (reuse, logout, suspension)."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.factories import UserFactory
from accounts.tests.helpers import ME_URL, tokens_for
from moderation import services as moderation

REFRESH_URL = reverse("api:token-refresh")
LOGOUT_URL = reverse("api:logout")


def refresh(refresh_token: str):
    return APIClient().post(REFRESH_URL, {"refresh": refresh_token}, format="json")


def works(access: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    status = client.get(ME_URL).status_code
    assert status in {200, 401}
    return status == 200


def _refresh_in_thread(token: str, barrier: threading.Barrier, results: list, index: int) -> None:
    try:
        barrier.wait(timeout=30)
        response = refresh(token)
        results[index] = (response.status_code, response.json())
    except Exception as error:  # reported by the assertions of the test
        results[index] = ("raised", repr(error))
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_refreshes_of_one_token_have_exactly_one_winner():
    """Ten clients swap the same refresh token at once: one gets new tokens, and the other nine,
    presenting a token already swapped, end the family (the winner's new tokens too)."""
    UserFactory(username="alice")
    login = tokens_for(APIClient(), "alice")
    count = 10
    barrier = threading.Barrier(count)
    results: list = [None] * count
    threads = [
        threading.Thread(target=_refresh_in_thread, args=(login["refresh"], barrier, results, index))
        for index in range(count)
    ]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(status for status, _ in results) == [200] + [401] * (count - 1), results
    winner = next(body for status, body in results if status == 200)
    assert BlacklistedToken.objects.count() == 1
    assert OutstandingToken.objects.count() == 2, "the login's token and the winner's, no other"
    assert refresh(login["refresh"]).status_code == 401
    assert refresh(winner["refresh"]).status_code == 401
    assert not works(winner["access"])


@pytest.mark.django_db
def test_reusing_a_swapped_refresh_token_ends_every_token_of_its_login(alice):
    login = tokens_for(APIClient(), "alice")
    other_device = tokens_for(APIClient(), "alice")
    swapped = refresh(login["refresh"]).json()
    assert works(swapped["access"])

    reused = refresh(login["refresh"])

    assert reused.status_code == 401
    assert reused.json()["error"]["code"] == "token_not_valid"
    assert refresh(swapped["refresh"]).status_code == 401
    assert not works(swapped["access"])
    assert not works(login["access"])
    assert works(other_device["access"])
    assert refresh(other_device["refresh"]).status_code == 200


@pytest.mark.django_db
def test_each_swap_in_a_chain_works_once(alice):
    tokens = tokens_for(APIClient(), "alice")
    for _ in range(3):
        tokens = refresh(tokens["refresh"]).json()
        assert works(tokens["access"])


@pytest.mark.django_db
def test_logout_ends_every_token_of_its_login_and_no_other(alice):
    login = tokens_for(APIClient(), "alice")
    other_device = tokens_for(APIClient(), "alice")
    swapped = refresh(login["refresh"]).json()

    response = APIClient().post(LOGOUT_URL, {"refresh": swapped["refresh"]}, format="json")

    assert response.status_code == 204
    assert not works(swapped["access"])
    assert not works(login["access"])
    assert refresh(swapped["refresh"]).status_code == 401
    assert works(other_device["access"])


@pytest.mark.django_db
def test_logging_out_twice_is_refused_the_second_time(alice):
    login = tokens_for(APIClient(), "alice")
    assert APIClient().post(LOGOUT_URL, {"refresh": login["refresh"]}, format="json").status_code == 204

    again = APIClient().post(LOGOUT_URL, {"refresh": login["refresh"]}, format="json")

    assert again.status_code == 401
    assert again.json()["error"]["code"] == "token_not_valid"


@pytest.mark.django_db
def test_tokens_from_before_a_suspension_stay_ended_once_it_is_lifted(alice):
    """The suspension raised the session epoch; the tokens carry the epoch they were issued in."""
    login = tokens_for(APIClient(), "alice")
    moderation.user_suspend(user=alice, moderator=None, reason="spam")
    moderation.user_unsuspend(user=alice, moderator=None, reason="appeal accepted")

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {login['access']}")
    response = client.get(ME_URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "session_ended"
    assert refresh(login["refresh"]).status_code == 401
    assert works(tokens_for(APIClient(), "alice")["access"])


@pytest.mark.django_db
def test_a_token_made_without_the_epoch_claim_is_ended_by_a_suspension_too(alice):
    """Tokens issued before the claim existed count as epoch 0: good until the first suspension."""
    access = str(RefreshToken.for_user(alice).access_token)
    assert works(access)

    moderation.user_suspend(user=alice, moderator=None, reason="spam")
    moderation.user_unsuspend(user=alice, moderator=None, reason="appeal accepted")

    assert not works(access)
