"""Signing up from an app: `POST /api/v1/accounts` with the app's own token (client credentials),
checked as Threadly's register endpoint checks (accounts.api.serializers.RegisterSerializer: taken
username or email, reserved names, password rules) and counted against the sign-up rate limit the
page draws on. The new person can use the site at once, as after the sign-up page, so the answer
is a token of the calling app for them."""

from datetime import timedelta

from django.db import IntegrityError
from django.utils import timezone
from oauth2_provider.models import AccessToken
from oauth2_provider.settings import oauth2_settings
from oauthlib.common import generate_token
from rest_framework import exceptions, status
from rest_framework.response import Response

from accounts import services
from accounts.api.serializers import RegisterSerializer
from accounts.uniqueness import TAKEN, taken_errors
from mastodon_api import params
from mastodon_api.base import MastodonView

# Threadly's error codes as Mastodon's `details` codes.
ERROR_CODES = {TAKEN: "ERR_TAKEN", "reserved_username": "ERR_RESERVED", "required": "ERR_BLANK", "blank": "ERR_BLANK"}
ERROR_CODES |= {"max_length": "ERR_TOO_LONG", "min_length": "ERR_TOO_SHORT"}
APP_TOKEN_NEEDED = "This method requires an application token"


def refusal(details: dict[str, list[tuple[str, str]]]) -> Response:
    """Mastodon's 422: a sentence, and per field `[{"error": "ERR_…", "description": "…"}]`."""
    sentence = "; ".join(f"{field} {description}" for field, errors in details.items() for _, description in errors)
    body = {
        "error": f"Validation failed: {sentence}",
        "details": {
            field: [{"error": code, "description": description} for code, description in errors]
            for field, errors in details.items()
        },
    }
    return Response(body, status=status.HTTP_422_UNPROCESSABLE_ENTITY)


def _serializer_details(errors: dict) -> dict[str, list[tuple[str, str]]]:
    return {
        field: [(ERROR_CODES.get(getattr(error, "code", ""), "ERR_INVALID"), str(error)) for error in found]
        for field, found in errors.items()
    }


def token_for(user, app_token: AccessToken) -> AccessToken:
    """A token of the app that signed the person up, with the app token's scopes."""
    return AccessToken.objects.create(
        user=user,
        application=app_token.application,
        token=generate_token(),
        expires=timezone.now() + timedelta(seconds=oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS),
        scope=app_token.scope,
    )


class RegisterView(MastodonView):
    person_required = False
    required_scopes = {"POST": "write:accounts"}
    throttle_scopes = {"POST": "signup"}

    def post(self, request):
        app_token = request.auth
        if not isinstance(app_token, AccessToken):
            if app_token is None:
                raise exceptions.NotAuthenticated("The access token is invalid")
            raise exceptions.PermissionDenied(APP_TOKEN_NEEDED)
        details = {}
        if not params.boolean(request, "agreement"):
            details["agreement"] = [("ERR_ACCEPTED", "must be accepted")]
        data = {name: params.value(request, name, "") for name in ("username", "email", "password")}
        checked = RegisterSerializer(data={**data, "display_name": ""})
        if not checked.is_valid():
            details |= _serializer_details(checked.errors)
        if details:
            return refusal(details)
        try:
            user = services.user_create(**checked.validated_data)
        except IntegrityError as error:
            taken = taken_errors(error)
            if taken is None:
                raise
            return refusal({field: [("ERR_TAKEN", message)] for field, message in taken.items()})
        token = token_for(user, app_token)
        body = {
            "access_token": token.token,
            "token_type": "Bearer",
            "scope": token.scope,
            "created_at": int(token.created.timestamp()),
        }
        return Response(body)
