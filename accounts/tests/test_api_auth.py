"""The JSON API's tokens: getting them, their rotation and revocation, and the limit on logging in."""

import pytest
from django.urls import reverse
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.factories import UserFactory
from accounts.models import User
from accounts.tests.helpers import ME_URL, NEW_PASSWORD, PASSWORD, TOKEN_URL, bearer, tokens_for

REFRESH_URL = reverse("api:token-refresh")
LOGOUT_URL = reverse("api:logout")

pytestmark = pytest.mark.django_db


# Tokens


def test_token_answers_with_an_access_and_a_refresh_token_that_work(api_client, alice):
    tokens = tokens_for(api_client, "alice")

    assert set(tokens) == {"access", "refresh"}
    assert RefreshToken(tokens["refresh"])["user_id"] == str(alice.pk)
    response = bearer(api_client, tokens["access"]).get(ME_URL)
    assert response.status_code == 200
    assert response.json()["id"] == alice.pk


def test_token_matches_the_username_in_any_capitalisation(api_client, alice):
    tokens = tokens_for(api_client, "ALice")

    assert bearer(api_client, tokens["access"]).get(ME_URL).json()["username"] == "alice"


@pytest.mark.parametrize(("username", "password"), [("alice", "wrong-password"), ("nobody", PASSWORD)])
def test_token_refuses_a_wrong_password_or_unknown_user(api_client, alice, username, password):
    response = api_client.post(TOKEN_URL, {"username": username, "password": password}, format="json")

    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "no_active_account"
    assert error["fields"] == {}
    assert "access" not in response.json()


def test_token_refuses_an_inactive_user(api_client):
    UserFactory(username="gone", is_active=False)

    response = api_client.post(TOKEN_URL, {"username": "gone", "password": PASSWORD}, format="json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "no_active_account"


def test_an_unknown_or_malformed_bearer_token_is_refused(api_client, alice):
    response = bearer(api_client, "not.a.token").get(ME_URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


# Refresh, rotation, logout


def test_refresh_gives_a_new_working_pair_of_tokens(api_client, alice):
    tokens = tokens_for(api_client, "alice")

    response = api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]}, format="json")

    assert response.status_code == 200
    fresh = response.json()
    assert set(fresh) == {"access", "refresh"}
    assert fresh["refresh"] != tokens["refresh"]
    assert bearer(api_client, fresh["access"]).get(ME_URL).json()["username"] == "alice"


def test_a_refresh_token_used_once_cannot_be_used_again(api_client, alice):
    tokens = tokens_for(api_client, "alice")
    first = api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]}, format="json")

    again = api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]}, format="json")

    assert first.status_code == 200
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "token_not_valid"


def test_an_access_token_is_not_accepted_as_a_refresh_token(api_client, alice):
    tokens = tokens_for(api_client, "alice")

    response = api_client.post(REFRESH_URL, {"refresh": tokens["access"]}, format="json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


def test_logout_ends_the_refresh_token(api_client, alice):
    tokens = tokens_for(api_client, "alice")

    response = api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]}, format="json")

    assert response.status_code == 204
    assert response.content == b""
    refreshed = api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]}, format="json")
    assert refreshed.status_code == 401
    assert refreshed.json()["error"]["code"] == "token_not_valid"


def test_logout_with_a_garbage_token_is_refused(api_client, db):
    response = api_client.post(LOGOUT_URL, {"refresh": "garbage"}, format="json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


def test_refresh_is_refused_once_the_account_is_deactivated(api_client, alice):
    tokens = tokens_for(api_client, "alice")
    User.objects.filter(pk=alice.pk).update(is_active=False)

    response = api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]}, format="json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "no_active_account"


def test_an_access_token_stops_working_when_the_account_is_deactivated(api_client, alice):
    tokens = tokens_for(api_client, "alice")
    User.objects.filter(pk=alice.pk).update(is_active=False)

    response = bearer(api_client, tokens["access"]).get(ME_URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "user_inactive"


def test_a_password_change_ends_access_tokens_issued_before_it(api_client, alice):
    old = tokens_for(api_client, "alice")
    alice.set_password(NEW_PASSWORD)
    alice.save()

    refused = bearer(api_client, old["access"]).get(ME_URL)

    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "password_changed"
    new = tokens_for(api_client, "alice", NEW_PASSWORD)
    assert bearer(api_client, new["access"]).get(ME_URL).status_code == 200


def test_a_refresh_token_issued_before_a_password_change_is_refused(api_client, alice):
    """Settings promise that a password change ends every earlier token, refresh tokens included.

    Otherwise the refresh answers 200 with an access token that is refused at once, and a client loops.
    """
    old = tokens_for(api_client, "alice")
    alice.set_password(NEW_PASSWORD)
    alice.save()

    response = api_client.post(REFRESH_URL, {"refresh": old["refresh"]}, format="json")

    assert response.status_code == 401, f"refresh answered {response.status_code}: {response.content[:80]!r}"
    assert "access" not in response.json()


# Rate limits


def test_login_attempts_past_the_limit_are_throttled_with_retry_after(api_client, alice, clock, limits):
    limits("login", "2/60")
    wrong = {"username": "alice", "password": "wrong-password"}
    answers = [api_client.post(TOKEN_URL, wrong, format="json").status_code for _ in range(2)]

    response = api_client.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json")

    assert answers == [401, 401]
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert response["Retry-After"] == "50"
    assert "access" not in response.json()
