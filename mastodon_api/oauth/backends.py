"""How django-oauth-toolkit is fitted to Mastodon's apps (OAUTH2_PROVIDER in settings names these).

- Scopes: an app may ask for the scopes it registered (and their parts: `read` lets it ask for
  `read:statuses`); an app made in the admin, with no ClientApp, may ask for any.
- Grants: Mastodon's apps are registered for the authorization code and use client credentials too
  (an app token for `verify_credentials`), so a confidential code app may use both.
- Bodies: Mastodon's clients post the token and revoke endpoints as forms or as JSON.
"""

import json

from oauth2_provider.models import Application
from oauth2_provider.oauth2_backends import OAuthLibCore
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import BaseScopes

from mastodon_api import scopes


def registered_scopes(application: Application | None) -> set[str]:
    """The scopes `application` registered with; every scope when it has no Mastodon side."""
    client_app = getattr(application, "client_app", None) if application is not None else None
    if client_app is None:
        return set(scopes.SCOPES)
    return scopes.parse(client_app.scopes)


class ClientAppScopes(BaseScopes):
    def get_all_scopes(self) -> dict[str, str]:
        return dict(scopes.SCOPES)

    def get_available_scopes(self, application=None, request=None, *args, **kwargs) -> list[str]:
        registered = registered_scopes(application)
        return [scope for scope in scopes.SCOPES if scopes.covers(registered, scope)]

    def get_default_scopes(self, application=None, request=None, *args, **kwargs) -> list[str]:
        """Mastodon's default when an app asks for no scope: `read`."""
        return list(scopes.DEFAULT_SCOPES)


class MastodonValidator(OAuth2Validator):
    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs) -> bool:
        code_app = request.client.allows_grant_type(Application.GRANT_AUTHORIZATION_CODE)
        confidential = request.client.client_type == Application.CLIENT_CONFIDENTIAL
        if grant_type == "client_credentials" and code_app and confidential:
            return True
        return super().validate_grant_type(client_id, grant_type, client, request, *args, **kwargs)


def _form_value(value) -> str:
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return str(value)


class FormOrJSONCore(OAuthLibCore):
    """oauthlib's requests built from a form body (DOT's default) or a JSON object."""

    def extract_body(self, request):
        if request.content_type != "application/json":
            return super().extract_body(request)
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return []
        if not isinstance(data, dict):
            return []
        return [(key, _form_value(value)) for key, value in data.items() if value is not None]
