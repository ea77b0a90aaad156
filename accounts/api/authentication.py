from django.contrib.auth.models import AnonymousUser
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS
from rest_framework_simplejwt import authentication

from accounts.tokens import user_for_token


class JWTAuthentication(authentication.JWTAuthentication):
    """simplejwt's bearer tokens, also refused once their sign-in has ended (accounts.tokens):
    a suspension (the session epoch), a logout, or a reused refresh token."""

    def get_user(self, validated_token):
        return user_for_token(validated_token)


def bearer_token(request) -> str | None:
    parts = get_authorization_header(request).split()
    if len(parts) != 2 or parts[0].lower() != b"bearer":
        return None
    return parts[1].decode("latin-1")


def looks_like_jwt(token: str) -> bool:
    """A JWT is three base64url parts joined by dots; an OAuth access token (oauthlib's) has no dot."""
    return token.count(".") == 2


class BearerAuthentication(BaseAuthentication):
    """`Authorization: Bearer <token>` with either kind of token, each checked only by its own verifier
    so that neither's refusal hides the other: a JWT from `POST /api/threadly/v1/auth/token`, or an
    OAuth access token that a person gave an app (django-oauth-toolkit, mastodon_api).

    An app's own token (client credentials) authenticates no person: `request.user` is anonymous and
    `request.auth` the token. An unknown, expired or revoked OAuth token is a 401.

    Threadly's own API asks an OAuth token for the whole `read` scope to read and `write` to change
    anything (`coarse_scopes`); Mastodon's API checks each endpoint's own scope instead.
    """

    coarse_scopes = True
    www_authenticate_realm = "api"

    def authenticate(self, request):
        token = bearer_token(request)
        if token is None:
            return None
        if looks_like_jwt(token):
            return JWTAuthentication().authenticate(request)
        found = OAuth2Authentication().authenticate(request)
        if found is None:
            raise exceptions.AuthenticationFailed("The access token is invalid.")
        user, access_token = found
        if user is not None and not user.is_active:
            raise exceptions.AuthenticationFailed("Your login is currently disabled.")
        if self.coarse_scopes:
            needed = "read" if request.method in SAFE_METHODS else "write"
            if not access_token.allow_scopes([needed]):
                raise exceptions.PermissionDenied(f"This token lacks the {needed!r} scope.")
        return (user or AnonymousUser()), access_token

    def authenticate_header(self, request) -> str:
        return f'Bearer realm="{self.www_authenticate_realm}"'


class JWTScheme(SimpleJWTScheme):
    """The OpenAPI schema's bearer scheme, as drf-spectacular gives simplejwt's own class."""

    target_class = BearerAuthentication
    name = "jwtAuth"
