"""Signing up from an app (POST /api/v1/accounts): the app's own token with a write scope, the same
checks as Threadly's sign-up, Mastodon's 422 details, the page's sign-up rate limit, and a token of
the app for the new person."""

import pytest
from django.test import Client

from accounts.models import User

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "username": "newbie",
    "email": "newbie@example.com",
    "password": "a long enough passphrase",
    "agreement": True,
}


@pytest.fixture
def app_client(mastodon_as):
    """The client credentials token an app gets for itself before anyone logs in."""
    return mastodon_as(None, "read write follow")


def test_signing_up_answers_a_token_that_works_for_the_new_person(app_client, api_client):
    answer = app_client.post("/api/v1/accounts", {**SIGN_UP, "locale": "en", "reason": ""}, format="json")

    assert answer.status_code == 200
    token = answer.json()
    assert token.keys() >= {"access_token", "token_type", "scope", "created_at"}
    assert token["token_type"] == "Bearer" and token["scope"] == "read write follow"
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token['access_token']}")
    me = api_client.get("/api/v1/accounts/verify_credentials").json()
    assert me["username"] == "newbie"
    assert User.objects.get(username="newbie").check_password(SIGN_UP["password"])


def test_a_form_body_works_too(app_client):
    assert app_client.post("/api/v1/accounts", {**SIGN_UP, "agreement": "true"}).status_code == 200


def test_a_taken_username_is_mastodons_err_taken(app_client, alice):
    answer = app_client.post("/api/v1/accounts", {**SIGN_UP, "username": "ALICE"}, format="json")

    assert answer.status_code == 422
    body = answer.json()
    assert body["error"].startswith("Validation failed: ")
    assert body["details"]["username"][0]["error"] == "ERR_TAKEN"
    taken_email = app_client.post("/api/v1/accounts", {**SIGN_UP, "email": alice.email}, format="json").json()
    assert taken_email["details"]["email"][0]["error"] == "ERR_TAKEN"


def test_a_weak_password_and_a_missing_agreement_are_refused(app_client):
    weak = app_client.post("/api/v1/accounts", {**SIGN_UP, "password": "123"}, format="json")
    assert weak.status_code == 422 and weak.json()["details"]["password"][0]["error"] == "ERR_INVALID"

    unagreed = app_client.post("/api/v1/accounts", {**SIGN_UP, "agreement": False}, format="json")
    assert unagreed.status_code == 422
    assert unagreed.json()["details"]["agreement"] == [{"error": "ERR_ACCEPTED", "description": "must be accepted"}]
    blank = app_client.post("/api/v1/accounts", {"agreement": True}, format="json").json()["details"]
    assert blank["username"][0]["error"] == "ERR_BLANK"
    assert not User.objects.exists()


def test_a_token_without_a_write_scope_or_no_app_token_is_refused(mastodon_as, api_client, api_as, alice):
    assert mastodon_as(None, "read").post("/api/v1/accounts", SIGN_UP, format="json").status_code == 403
    assert mastodon_as(None, "write:accounts").post("/api/v1/accounts", SIGN_UP, format="json").status_code == 200
    assert api_client.post("/api/v1/accounts", SIGN_UP, format="json").status_code == 401
    second = {**SIGN_UP, "username": "other", "email": "other@example.com"}
    assert api_as(alice).post("/api/v1/accounts", second, format="json").status_code == 403
    assert User.objects.filter(username="other").count() == 0


def test_the_sign_up_rate_limit_is_shared_with_the_page(app_client, limits):
    limits("signup", "1/3600")
    page = Client().post("/accounts/signup/", {"username": "first", "email": "first@example.com"})
    assert page.status_code == 200

    answer = app_client.post("/api/v1/accounts", SIGN_UP, format="json")

    assert answer.status_code == 429
    assert "error" in answer.json() and answer["Retry-After"]
    assert not User.objects.filter(username="newbie").exists()
