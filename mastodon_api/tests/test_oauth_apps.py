"""POST /api/v1/apps and GET /api/v1/apps/verify_credentials."""

import pytest
from oauth2_provider.models import Application
from rest_framework.test import APIClient

from mastodon_api.models import ClientApp
from mastodon_api.tests.oauth_flow import OOB, bearer, login, register, token_request

pytestmark = pytest.mark.django_db

# https://docs.joinmastodon.org/entities/Application/ (4.3: CredentialApplication adds the client's id and secret)
APPLICATION_FIELDS = {"id", "name", "website", "scopes", "redirect_uri", "redirect_uris", "vapid_key"}
CREDENTIAL_FIELDS = APPLICATION_FIELDS | {"client_id", "client_secret", "client_secret_expires_at"}


def test_registering_by_json_answers_the_credential_application_with_the_secret_once():
    app = register(
        redirect_uris=f"{OOB}\nmyapp://callback", scopes="read write:statuses", website="https://app.example/"
    )

    assert app.keys() >= CREDENTIAL_FIELDS
    assert app["name"] == "Test app"
    assert app["website"] == "https://app.example/"
    assert app["scopes"] == ["read", "write:statuses"]
    assert app["redirect_uris"] == [OOB, "myapp://callback"]
    assert app["redirect_uri"] == f"{OOB}\nmyapp://callback"
    assert app["client_secret_expires_at"] == 0
    assert isinstance(app["id"], str)
    stored = Application.objects.get(client_id=app["client_id"])
    assert stored.client_secret != app["client_secret"]
    assert stored.client_type == Application.CLIENT_CONFIDENTIAL
    assert ClientApp.objects.get(application=stored).scopes == "read write:statuses"


def test_registering_by_form_with_an_array_of_redirect_uris_and_the_default_scope():
    response = APIClient().post(
        "/api/v1/apps",
        {"client_name": "Form app", "redirect_uris[]": ["https://app.example/cb", "https://app.example/cb2"]},
    )

    assert response.status_code == 200
    assert response.json()["redirect_uris"] == ["https://app.example/cb", "https://app.example/cb2"]
    assert response.json()["scopes"] == ["read"]
    assert response.json()["website"] is None


def test_a_json_array_of_redirect_uris_works():
    app = register(redirect_uris=["https://a.example/cb", OOB])

    assert app["redirect_uris"] == ["https://a.example/cb", OOB]


@pytest.mark.parametrize(
    "body",
    [
        {"client_name": "x", "redirect_uris": OOB, "scopes": "read sing"},
        {"client_name": "", "redirect_uris": OOB},
        {"client_name": "x"},
        {"client_name": "x", "redirect_uris": "javascript:alert(1)"},
        {"client_name": "x", "redirect_uris": "https:///nohost"},
        {"client_name": "x", "redirect_uris": OOB, "website": "not a url"},
    ],
)
def test_bad_registrations_are_422s_in_mastodons_shape(body):
    response = APIClient().post("/api/v1/apps", body, format="json")

    assert response.status_code == 422
    assert response.json()["error"].startswith("Validation failed: ")
    assert not Application.objects.exists()


def test_registering_is_rate_limited(limits):
    limits("app_register", "2/60")
    statuses = [
        APIClient().post("/api/v1/apps", {"client_name": "x", "redirect_uris": OOB}).status_code for _ in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_verify_credentials_with_a_persons_token_answers_the_application_without_secret(alice):
    token = login(alice)
    response = bearer(token).get("/api/v1/apps/verify_credentials")

    assert response.status_code == 200
    assert response.json().keys() >= APPLICATION_FIELDS
    assert "client_secret" not in response.json()


def test_verify_credentials_with_the_apps_own_token():
    app = register()
    body = {"grant_type": "client_credentials", "client_id": app["client_id"], "client_secret": app["client_secret"]}
    token = token_request(body).json()["access_token"]

    response = bearer(token).get("/api/v1/apps/verify_credentials")
    assert response.status_code == 200
    assert response.json()["id"] == app["id"]


def test_verify_credentials_needs_a_token():
    response = APIClient().get("/api/v1/apps/verify_credentials")

    assert response.status_code == 401
    assert "error" in response.json()
