"""The authorization-code flow end to end through the URLs: register, consent, code, token, use."""

import pytest
from django.test import Client
from oauth2_provider.models import AccessToken

from mastodon_api.tests.oauth_flow import (
    OOB,
    authorization_code,
    authorize_query,
    bearer,
    browser_for,
    consent,
    exchange,
    register,
    s256,
    token_request,
)

pytestmark = pytest.mark.django_db

TOKEN_FIELDS = {"access_token", "token_type", "scope", "created_at"}


def test_the_whole_flow_gives_a_token_that_works(alice):
    app = register()
    response = exchange(app, authorization_code(alice, app, scope="read write"))

    assert response.status_code == 200
    token = response.json()
    assert TOKEN_FIELDS | {"refresh_token"} <= token.keys()
    assert token["token_type"] == "Bearer"
    assert token["scope"] == "read write"
    assert isinstance(token["created_at"], int)
    me = bearer(token["access_token"]).get("/api/v1/apps/verify_credentials")
    assert me.status_code == 200
    assert me.json()["name"] == "Test app"
    assert AccessToken.objects.get(user=alice).application.client_id == app["client_id"]


def test_not_logged_in_the_authorize_page_sends_to_the_login_page_and_back(alice):
    app = register()
    for path in ("/oauth/authorize", "/oauth/authorize/"):
        query = authorize_query(app).split("?", 1)[1]
        response = Client().get(f"{path}?{query}")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
        assert "client_id" in response["Location"]


def test_the_consent_page_names_the_app_its_website_and_the_scopes_in_words(alice):
    app = register(website="https://app.example/", scopes="read write:statuses")
    page = browser_for(alice).get(authorize_query(app, scope="read write:statuses"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Authorize Test app?" in html
    assert 'href="https://app.example/"' in html
    assert "Read all your account&#x27;s data" in html
    assert "Change your statuses" in html
    assert '<button type="submit" name="allow" value="true">Authorize</button>' in html
    assert 'value="false" class="secondary">Deny</button>' in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_the_trailing_slash_address_and_plus_separated_scopes_work(alice):
    app = register()
    browser = browser_for(alice)
    query = authorize_query(app).split("?", 1)[1].replace("scope=read+write+follow+push", "scope=read%2Bwrite")
    page = browser.get(f"/oauth/authorize/?{query}")

    assert page.status_code == 200
    assert page.context["scopes"] == ["read", "write"]


def test_the_out_of_band_page_shows_the_code_to_copy(alice):
    app = register()
    page = consent(browser_for(alice), app)

    html = page.content.decode()
    assert page.status_code == 200
    assert (
        f'<code id="authorization-code" aria-describedby="authorization-code-help">{page.context["code"]}</code>'
        in html
    )
    assert "Copy this code into Test app" in html


def test_an_apps_own_scheme_is_redirected_to_with_the_code_and_state(alice):
    app = register(redirect_uris="myapp://callback\nhttps://app.example/done")
    response = consent(browser_for(alice), app, redirect_uri="myapp://callback", state="xyz")

    assert response.status_code == 302
    assert response["Location"].startswith("myapp://callback?")
    assert "state=xyz" in response["Location"]
    code = response["Location"].split("code=")[1].split("&")[0]
    assert exchange(app, code, redirect_uri="myapp://callback").status_code == 200


def test_deny_redirects_with_access_denied_and_gives_no_token(alice):
    app = register(redirect_uris="https://app.example/done")
    response = consent(browser_for(alice), app, allow=False, redirect_uri="https://app.example/done", state="s1")

    assert response.status_code == 302
    assert response["Location"].startswith("https://app.example/done?")
    assert "error=access_denied" in response["Location"]
    assert not AccessToken.objects.exists()


def test_deny_out_of_band_says_so(alice):
    response = consent(browser_for(alice), register(), allow=False)

    assert response.status_code == 400
    assert "Access denied" in response.content.decode()


def test_pkce_s256_with_the_right_verifier_works_and_a_wrong_one_does_not(alice):
    app = register()
    verifier = "a-long-enough-code-verifier-of-forty-three-characters-or-more"
    challenge = {"code_challenge": s256(verifier), "code_challenge_method": "S256"}

    right = exchange(app, authorization_code(alice, app, **challenge), code_verifier=verifier)
    wrong = exchange(app, authorization_code(alice, app, **challenge), code_verifier=verifier + "x")
    missing = exchange(app, authorization_code(alice, app, **challenge))

    assert right.status_code == 200
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_grant"
    assert missing.status_code == 400


def test_pkce_plain_is_refused_before_consent(alice):
    """RFC 9700 allows only S256; a challenge without a method means plain."""
    app = register()
    verifier = "plain-verifier-plain-verifier-plain-verifier-1234"
    browser = browser_for(alice)
    for method in ({"code_challenge_method": "plain"}, {}):
        page = browser.get(authorize_query(app, code_challenge=verifier, **method))

        assert page.status_code == 400
        assert b"S256" in page.content and b"Authorize</button>" not in page.content


def test_a_code_works_once(alice):
    app = register()
    code = authorization_code(alice, app)

    assert exchange(app, code).status_code == 200
    assert exchange(app, code).status_code == 400


def test_refresh_gives_a_new_token_and_ends_the_old_one(alice):
    app = register()
    first = exchange(app, authorization_code(alice, app, scope="read")).json()
    body = {
        "grant_type": "refresh_token",
        "refresh_token": first["refresh_token"],
        "client_id": app["client_id"],
        "client_secret": app["client_secret"],
    }
    response = token_request(body)

    assert response.status_code == 200
    second = response.json()
    assert second["access_token"] != first["access_token"]
    assert second["scope"] == "read"
    assert bearer(second["access_token"]).get("/api/v1/apps/verify_credentials").status_code == 200
    assert bearer(first["access_token"]).get("/api/v1/apps/verify_credentials").status_code == 401


def test_revoke_ends_the_token_and_answers_an_empty_object(alice):
    app = register()
    token = exchange(app, authorization_code(alice, app)).json()["access_token"]
    body = {"token": token, "client_id": app["client_id"], "client_secret": app["client_secret"]}
    response = bearer(token).post("/oauth/revoke", body)

    assert response.status_code == 200
    assert response.json() == {}
    assert bearer(token).get("/api/v1/apps/verify_credentials").status_code == 401


def test_a_wrong_client_secret_gets_no_token(alice):
    app = register()
    code = authorization_code(alice, app)
    response = token_request(
        {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app["client_id"],
            "client_secret": "not-the-secret",
            "redirect_uri": OOB,
        }
    )

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_a_redirect_uri_the_app_did_not_register_is_refused_on_the_page(alice):
    app = register(redirect_uris="https://app.example/done")
    page = browser_for(alice).get(authorize_query(app, redirect_uri="https://evil.example/steal"))

    assert page.status_code == 400
    assert "This app cannot be authorized" in page.content.decode()


def test_the_token_request_must_repeat_the_redirect_uri_of_the_code(alice):
    app = register(redirect_uris=f"{OOB}\nhttps://app.example/done")
    code = authorization_code(alice, app)

    response = exchange(app, code, redirect_uri="https://app.example/done")
    assert response.status_code == 400


def test_scopes_wider_than_the_apps_are_refused(alice):
    app = register(scopes="read")
    response = browser_for(alice).get(authorize_query(app, scope="read write"))

    assert response.status_code in {302, 400}
    assert "invalid_scope" in (response.get("Location") or response.content.decode())


def test_a_part_of_a_registered_scope_may_be_asked_for(alice):
    app = register(scopes="read write")
    response = exchange(app, authorization_code(alice, app, scope="read:accounts write:statuses"))

    assert response.json()["scope"] == "read:accounts write:statuses"


def test_without_a_scope_the_token_gets_read(alice):
    app = register()
    response = exchange(app, authorization_code(alice, app, scope=""))

    assert response.json()["scope"] == "read"


def test_client_auth_by_http_basic_and_by_a_json_body(alice):
    app = register()
    basic = token_request(
        {"grant_type": "authorization_code", "code": authorization_code(alice, app), "redirect_uri": OOB},
        basic=(app["client_id"], app["client_secret"]),
    )
    as_json = token_request(
        {
            "grant_type": "authorization_code",
            "code": authorization_code(alice, app),
            "redirect_uri": OOB,
            "client_id": app["client_id"],
            "client_secret": app["client_secret"],
        },
        as_json=True,
    )

    assert basic.status_code == 200, basic.content
    assert as_json.status_code == 200, as_json.content


def test_client_credentials_give_an_app_token_with_no_person(alice):
    app = register()
    response = token_request(
        {
            "grant_type": "client_credentials",
            "client_id": app["client_id"],
            "client_secret": app["client_secret"],
            "scope": "read",
        },
        as_json=True,
    )

    assert response.status_code == 200, response.content
    token = response.json()
    assert token["scope"] == "read"
    assert AccessToken.objects.get(token_checksum__isnull=False, user=None).application.client_id == app["client_id"]
    me = bearer(token["access_token"]).get("/api/v1/apps/verify_credentials")
    assert me.json()["name"] == "Test app"


def test_force_login_logs_out_and_asks_for_the_password_again(alice):
    app = register()
    browser = browser_for(alice)
    response = browser.get(authorize_query(app, force_login="true", lang="fr"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert "force_login" not in response["Location"]
    assert browser.get(authorize_query(app)).status_code == 302


def test_the_authorization_server_metadata(db):
    response = Client().get("/.well-known/oauth-authorization-server")

    data = response.json()
    assert response.status_code == 200
    assert data["issuer"] == "http://testserver/"
    assert data["authorization_endpoint"] == "http://testserver/oauth/authorize"
    assert data["token_endpoint"] == "http://testserver/oauth/token"
    assert data["revocation_endpoint"] == "http://testserver/oauth/revoke"
    assert data["app_registration_endpoint"] == "http://testserver/api/v1/apps"
    assert {"read", "write", "follow", "push", "read:statuses"} <= set(data["scopes_supported"])
    assert data["response_types_supported"] == ["code"]
    assert {"authorization_code", "client_credentials", "refresh_token"} <= set(data["grant_types_supported"])
    assert data["code_challenge_methods_supported"] == ["S256"]
    assert {"client_secret_basic", "client_secret_post"} <= set(data["token_endpoint_auth_methods_supported"])
    assert "service_documentation" in data


def test_a_denial_cannot_be_sent_to_an_address_the_app_did_not_register(alice):
    app = register(redirect_uris="myapp://callback")
    browser = browser_for(alice)
    page = browser.get(authorize_query(app, redirect_uri="myapp://callback"))
    fields = {name: value for name, value in page.context["form"].initial.items() if value is not None}

    response = browser.post("/oauth/authorize", {**fields, "redirect_uri": "otherapp://steal", "allow": "false"})

    assert not response.get("Location", "").startswith("otherapp:")


def test_apps_post_to_the_token_and_revoke_endpoints_without_a_csrf_token(alice):
    app = register()
    strict = Client(enforce_csrf_checks=True)
    body = {"grant_type": "client_credentials", "client_id": app["client_id"], "client_secret": app["client_secret"]}
    token = strict.post("/oauth/token", body)
    revoke = {
        "token": token.json()["access_token"],
        "client_id": app["client_id"],
        "client_secret": app["client_secret"],
    }

    assert token.status_code == 200
    assert strict.post("/oauth/revoke", revoke).status_code == 200
    assert strict.post("/api/v1/apps", {"client_name": "x", "redirect_uris": OOB}).status_code == 200


def test_the_code_exchange_may_repeat_the_scope_as_mastodon_py_sends_it(alice):
    app = register()
    code = authorization_code(alice, app, scope="read write follow push", force_login="False")

    response = exchange(app, code, scope="read write follow push")
    assert response.status_code == 200, response.content
    assert response.json()["scope"] == "read write follow push"


def test_access_tokens_last_ten_years_by_default_as_apps_rarely_refresh(alice):
    app = register()
    token = exchange(app, authorization_code(alice, app)).json()

    assert token["expires_in"] >= 3650 * 24 * 3600 - 60
