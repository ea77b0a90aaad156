"""Clients of Mastodon's API with real OAuth tokens stored as django-oauth-toolkit stores them
(the OAuth flows themselves are tested in test_oauth_*.py and by the real apps in tests/clients)."""

import secrets
from datetime import timedelta

import pytest
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application
from rest_framework.test import APIClient

ALL_SCOPES = "read write follow push"


@pytest.fixture
def oauth_app(db):
    return Application.objects.create(
        name="Test client",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="urn:ietf:wg:oauth:2.0:oob",
    )


@pytest.fixture
def token_for(oauth_app):
    """`token_for(user, scope)`: a live access token of the test app for `user` (None: the app's own)."""

    def make(user, scope: str = ALL_SCOPES) -> AccessToken:
        return AccessToken.objects.create(
            user=user,
            application=oauth_app,
            token=secrets.token_urlsafe(32).replace("-", "x").replace("_", "y"),
            expires=timezone.now() + timedelta(days=1),
            scope=scope,
        )

    return make


@pytest.fixture
def mastodon_as(token_for):
    """`mastodon_as(user, scope=...)`: an API client sending `user`'s OAuth bearer token, as apps do."""

    def client_for(user, scope: str = ALL_SCOPES) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user, scope).token}")
        return client

    return client_for
