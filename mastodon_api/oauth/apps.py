"""`POST /api/v1/apps` and `GET /api/v1/apps/verify_credentials`."""

from oauth2_provider.models import AccessToken
from rest_framework import exceptions, status
from rest_framework.response import Response

from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.applications import application, credential_application, threadly_login
from mastodon_api.oauth.services import application_register


class AppsView(MastodonView):
    """Anyone may register an app (no token needed), within the `app_register` rate limit."""

    person_required = False
    throttle_scopes = {"POST": "app_register"}

    def post(self, request):
        uris = [uri for text in params.values(request, "redirect_uris") for uri in text.split()]
        app, secret = application_register(
            name=params.value(request, "client_name", "") or "",
            redirect_uris=uris,
            scope_text=params.value(request, "scopes", "") or "",
            website=params.value(request, "website", "") or "",
        )
        return Response(credential_application(app, secret), status=status.HTTP_200_OK)


class AppCredentialsView(MastodonView):
    """The app behind the token: an app's own token or one a person gave it; a Threadly JWT is the
    site's own sign-in."""

    person_required = False

    def get(self, request):
        token = request.auth
        if token is None:
            raise exceptions.NotAuthenticated("The access token is invalid")
        if not isinstance(token, AccessToken):
            return Response(threadly_login())
        return Response(application(token.application))
