"""The JSON API's way in: registering, JWT tokens, their rotation and revocation, and the limits on both."""

import pytest
from django.urls import reverse
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.factories import UserFactory
from accounts.models import User
from accounts.tests.helpers import PASSWORD

REGISTER_URL = reverse("api:register")
TOKEN_URL = reverse("api:token")
REFRESH_URL = reverse("api:token-refresh")
LOGOUT_URL = reverse("api:logout")
ME_URL = reverse("api:me")
NEW_PASSWORD = "plum-kettle-orbit-93"
# 1_000_030 s is 10 s into a 60 s window that ends at 1_000_080 s.

pytestmark = pytest.mark.django_db


def register_data(**overrides) -> dict:
    data = {"username": "ana_lima", "email": "ana@example.com", "password": NEW_PASSWORD, "display_name": "Ana Lima"}
    return {**data, **overrides}


def bearer(client, access: str):
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def tokens_for(api_client, username: str, password: str = PASSWORD) -> dict:
    response = api_client.post(TOKEN_URL, {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


# Registering


def test_register_creates_the_account_and_answers_with_it(api_client):
    response = api_client.post(REGISTER_URL, register_data(), format="json")

    assert response.status_code == 201
    user = User.objects.get(username="ana_lima")
    assert user.check_password(NEW_PASSWORD)
    assert (user.email, user.display_name, user.role) == ("ana@example.com", "Ana Lima", User.Role.USER)
    body = response.json()
    assert body["id"] == user.pk
    assert (body["username"], body["email"], body["display_name"], body["role"]) == (
        "ana_lima",
        "ana@example.com",
        "Ana Lima",
        "user",
    )
    assert (body["follower_count"], body["following_count"], body["post_count"]) == (0, 0, 0)
    assert body["avatar_url"] is None
    assert "password" not in body


def test_register_points_the_location_header_at_the_new_users_api_url(api_client):
    response = api_client.post(REGISTER_URL, register_data(), format="json")

    assert response.status_code == 201
    assert response["Location"] == "http://testserver/api/v1/users/ana_lima"
    assert response.json()["url"] == response["Location"]


def test_register_stores_the_email_with_its_domain_lowercased(api_client):
    response = api_client.post(REGISTER_URL, register_data(email="Ana.Lima@EXAMPLE.COM"), format="json")

    assert response.status_code == 201
    assert response.json()["email"] == "Ana.Lima@example.com"
    assert User.objects.get(username="ana_lima").email == "Ana.Lima@example.com"


def test_register_without_any_fields_lists_every_required_one(api_client):
    response = api_client.post(REGISTER_URL, {}, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"] == "This field is required."
    assert error["fields"] == {
        "username": ["This field is required."],
        "email": ["This field is required."],
        "password": ["This field is required."],
    }
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"username": "ab"}, "username"),
        ({"username": "ana lima!"}, "username"),
        ({"username": 12345}, "username"),
        ({"password": 83920174659}, "password"),
        ({"email": "not-an-email"}, "email"),
        ({"display_name": "x" * 51}, "display_name"),
    ],
)
def test_register_rejects_malformed_input_field_by_field(api_client, overrides, field):
    response = api_client.post(REGISTER_URL, register_data(**overrides), format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["fields"]) == [field]
    assert not User.objects.exists()


@pytest.mark.parametrize("username", ["me", "Admin", "Threadly"])
def test_register_refuses_reserved_usernames(api_client, username):
    response = api_client.post(REGISTER_URL, register_data(username=username), format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "That username is reserved." in error["fields"]["username"]
    assert not User.objects.exists()


def test_register_refuses_a_username_taken_in_another_case_with_a_conflict(api_client, alice):
    response = api_client.post(REGISTER_URL, register_data(username="ALICE"), format="json")

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert error["fields"] == {"username": ["That username is taken."]}
    assert list(User.objects.values_list("username", flat=True)) == ["alice"]


def test_register_refuses_an_email_taken_in_another_case_with_a_conflict(api_client, alice):
    response = api_client.post(REGISTER_URL, register_data(email="ALICE@Example.com"), format="json")

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert error["fields"] == {"email": ["An account with that email exists."]}
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password", "This password is too common."),
        ("a1b2", "This password is too short. It must contain at least 8 characters."),
        ("83920174659", "This password is entirely numeric."),
        ("ana_lima_2", "The password is too similar to the username."),
    ],
)
def test_register_refuses_a_weak_password_with_djangos_reasons(api_client, password, message):
    response = api_client.post(REGISTER_URL, register_data(password=password), format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert message in error["fields"]["password"]
    assert not User.objects.exists()


def test_a_username_taken_while_registering_is_a_conflict_not_a_server_error(api_client, monkeypatch):
    """Another sign-up may save the same username between validation and the insert; the database decides."""
    from accounts.api.serializers import RegisterSerializer

    check = RegisterSerializer.is_valid

    def validate_then_lose_the_race(serializer, **kwargs):
        valid = check(serializer, **kwargs)
        UserFactory(username="Ana_Lima", email="first@example.com")
        return valid

    monkeypatch.setattr(RegisterSerializer, "is_valid", validate_then_lose_the_race)

    response = api_client.post(REGISTER_URL, register_data(), format="json")

    assert response.status_code == 409
    assert response.json()["error"]["fields"] == {"username": ["That is already taken."]}
    assert list(User.objects.values_list("email", flat=True)) == ["first@example.com"]


def test_a_registered_account_can_get_tokens_straight_away(api_client):
    api_client.post(REGISTER_URL, register_data(), format="json")

    tokens = tokens_for(api_client, "ana_lima", NEW_PASSWORD)

    response = bearer(api_client, tokens["access"]).get(ME_URL)
    assert response.status_code == 200
    assert response.json()["username"] == "ana_lima"


# Idempotency-Key on register


def test_register_with_a_repeated_idempotency_key_replays_the_first_answer(api_client):
    first = api_client.post(REGISTER_URL, register_data(), format="json", HTTP_IDEMPOTENCY_KEY="signup-1")

    again = api_client.post(REGISTER_URL, register_data(), format="json", HTTP_IDEMPOTENCY_KEY="signup-1")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert User.objects.count() == 1


def test_register_with_a_reused_idempotency_key_and_another_body_is_refused(api_client):
    api_client.post(REGISTER_URL, register_data(), format="json", HTTP_IDEMPOTENCY_KEY="signup-1")

    response = api_client.post(
        REGISTER_URL,
        register_data(username="someone_else", email="else@example.com"),
        format="json",
        HTTP_IDEMPOTENCY_KEY="signup-1",
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert list(User.objects.values_list("username", flat=True)) == ["ana_lima"]


def test_an_idempotency_key_is_never_replayed_to_another_client(api_client):
    """A replay would hand the first client's account, email included, to whoever guessed the key."""
    api_client.post(REGISTER_URL, register_data(), format="json", HTTP_IDEMPOTENCY_KEY="signup-1")

    other = api_client.post(
        REGISTER_URL, register_data(), format="json", HTTP_IDEMPOTENCY_KEY="signup-1", REMOTE_ADDR="203.0.113.9"
    )

    assert other.status_code == 409
    assert "Idempotent-Replayed" not in other
    assert "ana@example.com" not in other.content.decode()


def test_a_failed_register_does_not_use_up_its_idempotency_key(api_client):
    weak = api_client.post(REGISTER_URL, register_data(password="password"), format="json", HTTP_IDEMPOTENCY_KEY="k")

    fixed = api_client.post(REGISTER_URL, register_data(), format="json", HTTP_IDEMPOTENCY_KEY="k")

    assert weak.status_code == 400
    assert fixed.status_code == 201
    assert "Idempotent-Replayed" not in fixed
    assert User.objects.filter(username="ana_lima").exists()


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
    # The rotated token is still good.
    assert api_client.post(REFRESH_URL, {"refresh": first.json()["refresh"]}, format="json").status_code == 200


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


def test_signups_past_the_limit_are_throttled_and_create_nothing(api_client, clock, limits):
    limits("signup", "1/60")
    first = api_client.post(REGISTER_URL, register_data(), format="json")

    second = api_client.post(REGISTER_URL, register_data(username="bruno", email="bruno@example.com"), format="json")

    assert first.status_code == 201
    assert second.status_code == 429
    assert second.json()["error"]["code"] == "throttled"
    assert second["Retry-After"] == "50"
    assert list(User.objects.values_list("username", flat=True)) == ["ana_lima"]


def test_the_signup_limit_opens_again_in_the_next_window(api_client, clock, limits):
    limits("signup", "1/60")
    api_client.post(REGISTER_URL, register_data(), format="json")
    clock.now += 50

    response = api_client.post(REGISTER_URL, register_data(username="bruno", email="bruno@example.com"), format="json")

    assert response.status_code == 201
