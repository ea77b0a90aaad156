"""Registering through the JSON API: the account, its validation, Idempotency-Key, and the sign-up limit."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from accounts.tests.helpers import ME_URL, NEW_PASSWORD, bearer, tokens_for

REGISTER_URL = reverse("api:register")

pytestmark = pytest.mark.django_db


def register_data(**overrides) -> dict:
    data = {"username": "ana_lima", "email": "ana@example.com", "password": NEW_PASSWORD, "display_name": "Ana Lima"}
    return {**data, **overrides}


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
    assert response["Location"] == "http://testserver/api/threadly/v1/users/ana_lima"
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
    assert response.json()["error"]["fields"] == {"username": ["That username is taken."]}
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
