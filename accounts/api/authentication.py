from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt import authentication

from accounts.tokens import user_for_token


class JWTAuthentication(authentication.JWTAuthentication):
    """simplejwt's bearer tokens, also refused once their sign-in has ended (accounts.tokens):
    a suspension (the session epoch), a logout, or a reused refresh token."""

    def get_user(self, validated_token):
        return user_for_token(validated_token)


class JWTScheme(SimpleJWTScheme):
    """The OpenAPI schema's bearer scheme, as drf-spectacular gives simplejwt's own class."""

    target_class = JWTAuthentication
