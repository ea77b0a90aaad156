"""`/oauth/token`, `/oauth/revoke` and `/.well-known/oauth-authorization-server`: DOT's endpoints
(which read form or JSON bodies through mastodon_api.oauth.backends) answering in Mastodon's shapes."""

import json
import time

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from oauth2_provider.views import RevokeTokenView, TokenView

from mastodon_api import scopes


def _json(response: HttpResponse) -> dict:
    try:
        found = json.loads(response.content or b"{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


class MastodonTokenView(TokenView):
    """Mastodon's Token entity: DOT's answer plus `created_at` in seconds."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        token = _json(response)
        token["created_at"] = int(time.time())
        answer = JsonResponse(token)
        for header in ("Cache-Control", "Pragma"):
            if header in response:
                answer[header] = response[header]
        return answer


class MastodonRevokeView(RevokeTokenView):
    """Mastodon answers a revocation with an empty JSON object."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        return JsonResponse({})


@require_GET
def authorization_server_metadata(request):
    """RFC 8414 metadata, with the fields Mastodon 4.3 serves."""

    def absolute(name: str) -> str:
        return request.build_absolute_uri(reverse(name))

    return JsonResponse(
        {
            "issuer": request.build_absolute_uri("/"),
            "service_documentation": "https://docs.joinmastodon.org/",
            "authorization_endpoint": absolute("oauth:authorize"),
            "token_endpoint": absolute("oauth:token"),
            "app_registration_endpoint": absolute("oauth:register"),
            "revocation_endpoint": absolute("oauth:revoke"),
            "scopes_supported": list(scopes.SCOPES),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }
    )
