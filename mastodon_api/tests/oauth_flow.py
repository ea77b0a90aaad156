"""The steps of Mastodon's OAuth flow, as an app and a person's browser take them, through URLs."""

import base64
import hashlib
from urllib.parse import parse_qs, urlencode, urlsplit

from django.test import Client
from rest_framework.test import APIClient

OOB = "urn:ietf:wg:oauth:2.0:oob"


def register(redirect_uris: str = OOB, scopes: str = "read write follow push", **extra) -> dict:
    """POST /api/v1/apps as an app does; the CredentialApplication."""
    body = {"client_name": "Test app", "redirect_uris": redirect_uris, "scopes": scopes, **extra}
    response = APIClient().post("/api/v1/apps", body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def browser_for(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def authorize_query(app: dict, redirect_uri: str = OOB, scope: str = "read write follow push", **extra) -> str:
    params = {
        "response_type": "code",
        "client_id": app["client_id"],
        "redirect_uri": redirect_uri,
        "scope": scope,
        **extra,
    }
    return "/oauth/authorize?" + urlencode(params)


def consent(browser: Client, app: dict, *, allow: bool = True, **query):
    """Open the consent page as the browser and press Authorize (or Deny); the final response."""
    page = browser.get(authorize_query(app, **query))
    assert page.status_code == 200, page.content
    form = page.context["form"]
    fields = {name: value for name, value in form.initial.items() if value is not None}
    fields["allow"] = "true" if allow else "false"
    return browser.post("/oauth/authorize", fields)


def code_from(response) -> str:
    """The code from the oob page or from the redirect to the app's own URI."""
    if response.status_code == 200:
        return response.context["code"]
    assert response.status_code == 302, response.content
    return parse_qs(urlsplit(response["Location"]).query)["code"][0]


def authorization_code(user, app: dict, **query) -> str:
    return code_from(consent(browser_for(user), app, **query))


def token_request(body: dict, *, as_json: bool = False, basic: tuple[str, str] | None = None):
    client = APIClient()
    if basic:
        pair = base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()
        client.credentials(HTTP_AUTHORIZATION=f"Basic {pair}")
    return client.post("/oauth/token", body, format="json" if as_json else None)


def exchange(app: dict, code: str, redirect_uri: str = OOB, **extra):
    body = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": app["client_id"],
        "client_secret": app["client_secret"],
        "redirect_uri": redirect_uri,
        **extra,
    }
    return token_request(body)


def login(user, app: dict | None = None, scope: str = "read write follow push") -> str:
    """An access token `user` gave a newly registered app through the whole flow."""
    app = app or register()
    code = authorization_code(user, app, scope=scope)
    response = exchange(app, code)
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
