"""What every view of Mastodon's API shares: bearer tokens (an app's OAuth token, or Threadly's
JWT), the scope each method needs, Mastodon's parameters and error shape, the site's rate limits
(with X-RateLimit-* headers, threadly.api.middleware), and no place in Threadly's OpenAPI schema.

A view names its scopes per method, `required_scopes = {"GET": "read:statuses", "POST":
"write:statuses"}`, and whether a person must be behind the token (`person_required`, the
default) or an app's own token will do.
"""

from oauth2_provider.models import AccessToken
from rest_framework import exceptions, parsers
from rest_framework.permissions import BasePermission
from rest_framework.views import APIView

from accounts.api.authentication import BearerAuthentication
from mastodon_api import scopes
from mastodon_api.errors import exception_handler
from threadly.api.parsers import JSONParser

OUTSIDE_SCOPES = "This action is outside the authorized scopes"


class MastodonBearerAuthentication(BearerAuthentication):
    """Bearer tokens checked per endpoint (TokenScopes) rather than by the coarse read/write rule."""

    coarse_scopes = False


class TokenScopes(BasePermission):
    """An OAuth token must carry the scope the view requires for the method; a JWT (Threadly's
    own sign-in) may do everything its person may."""

    def has_permission(self, request, view) -> bool:
        method = "GET" if request.method in {"HEAD", "OPTIONS"} else request.method
        required = view.required_scopes.get(method)
        token = request.auth
        granted = scopes.parse(token.scope) if isinstance(token, AccessToken) else None
        if required is not None and granted is not None and not scopes.covers(granted, required):
            raise exceptions.PermissionDenied(OUTSIDE_SCOPES)
        return True


class PersonRequired(BasePermission):
    """A person must be behind the token for the view's methods in `person_required` (all by default)."""

    def has_permission(self, request, view) -> bool:
        needed = view.person_required
        applies = needed is True or request.method in (needed or ())
        if applies and not request.user.is_authenticated:
            if request.auth is None:
                raise exceptions.NotAuthenticated("The access token is invalid")
            raise exceptions.PermissionDenied("This method requires an authenticated user")
        return True


class MastodonView(APIView):
    authentication_classes = [MastodonBearerAuthentication]
    permission_classes = [TokenScopes, PersonRequired]
    parser_classes = [JSONParser, parsers.FormParser, parsers.MultiPartParser]
    required_scopes: dict[str, str] = {}
    # True: every method needs a person; a tuple: those methods; False: none (public reads).
    person_required: bool | tuple[str, ...] = True
    schema = None

    def get_exception_handler(self):
        return exception_handler
