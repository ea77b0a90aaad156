"""One Bearer header, two kinds of token: a Threadly JWT and an app's OAuth token each work on both
APIs and each fails on its own terms; and CORS on the API and OAuth paths only."""

import pytest
from rest_framework.test import APIClient

from mastodon_api.tests.oauth_flow import bearer, login, register

pytestmark = pytest.mark.django_db

ELK = "https://elk.zone"


def test_a_jwt_and_an_oauth_token_both_work_on_threadlys_api(alice, api_as):
    jwt = api_as(alice).get("/api/threadly/v1/users/me")
    oauth = bearer(login(alice)).get("/api/threadly/v1/users/me")

    assert jwt.status_code == 200
    assert oauth.status_code == 200
    assert jwt.json()["username"] == oauth.json()["username"] == "alice"


def test_a_jwt_and_an_oauth_token_both_work_on_mastodons_api(alice, api_as):
    jwt = api_as(alice).get("/api/v1/apps/verify_credentials")
    oauth = bearer(login(alice)).get("/api/v1/apps/verify_credentials")

    assert jwt.status_code == 200
    assert jwt.json()["name"] == "Threadly"
    assert oauth.status_code == 200
    assert oauth.json()["name"] == "Test app"


@pytest.mark.parametrize("path", ["/api/threadly/v1/users/me", "/api/v1/apps/verify_credentials"])
@pytest.mark.parametrize("token", ["eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoxfQ.bad-signature", "no-such-oauth-token"])
def test_a_bad_jwt_and_a_bad_oauth_token_are_401s(alice, path, token):
    login(alice)

    assert bearer(token).get(path).status_code == 401


def test_an_oauth_token_with_only_read_cannot_write_on_threadlys_api(alice):
    client = bearer(login(alice, scope="read"))

    assert client.get("/api/threadly/v1/users/me").status_code == 200
    response = client.patch("/api/threadly/v1/users/me", {"display_name": "Changed"}, format="json")
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_an_oauth_token_with_write_can_write_on_threadlys_api(alice):
    client = bearer(login(alice, scope="read write"))

    response = client.patch("/api/threadly/v1/users/me", {"display_name": "Changed"}, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/apps/verify_credentials", "/oauth/token", "/api/v1/apps"])
def test_browser_clients_get_cors_on_the_api_and_oauth_paths(path):
    preflight = APIClient().options(
        path,
        HTTP_ORIGIN=ELK,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type, idempotency-key",
    )

    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    allowed = preflight["Access-Control-Allow-Headers"].split(", ")
    assert {"authorization", "content-type", "idempotency-key"} <= set(allowed)


def test_a_cross_origin_get_and_token_request_carry_the_cors_header(alice):
    app = register()
    got = bearer(login(alice, app)).get("/api/v1/apps/verify_credentials", HTTP_ORIGIN=ELK)
    body = {"grant_type": "client_credentials", "client_id": app["client_id"], "client_secret": app["client_secret"]}
    issued = APIClient().post("/oauth/token", body, HTTP_ORIGIN=ELK)

    assert got.status_code == 200
    assert got["Access-Control-Allow-Origin"] == "*"
    assert "Link" in got["Access-Control-Expose-Headers"]
    assert issued.status_code == 200
    assert issued["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/", "/explore/", "/api/threadly/v1/users/me", "/settings/apps/"])
def test_the_sites_pages_and_threadlys_api_get_no_cors(alice, path):
    client = bearer(login(alice))
    preflight = client.options(path, HTTP_ORIGIN=ELK, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    got = client.get(path, HTTP_ORIGIN=ELK)

    assert "Access-Control-Allow-Origin" not in preflight
    assert "Access-Control-Allow-Origin" not in got
