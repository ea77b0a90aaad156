"""The signed-in person's own account: read it, change it (name, bio, avatar and header through the
same services as the profile page), and their reading and posting preferences."""

from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework import exceptions
from rest_framework.response import Response

from accounts import services
from accounts.api.serializers import MeSerializer
from accounts.models import QuotePolicy
from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.accounts import credential_account

PRIVACY = {"public", "unlisted", "private", "direct"}
# Mastodon's flags for features Threadly lacks (locked accounts, bots, opting out of discovery): read,
# checked as booleans, and left as Threadly always is.
IGNORED_FLAGS = ("locked", "bot", "discoverable", "hide_collections", "indexable")
# Threadly's default quote policy for new posts as Mastodon's `posting:default:quote_policy`.
QUOTE_POLICIES = {QuotePolicy.EVERYONE: "public", QuotePolicy.FOLLOWERS: "followers", QuotePolicy.NOBODY: "nobody"}


def _source(request, name: str):
    """`source[name]` as a form sends it, or `{"source": {name: …}}` as JSON does."""
    nested = request.data.get("source") if hasattr(request.data, "get") else None
    if isinstance(nested, dict) and name in nested:
        return nested[name]
    return params.value(request, f"source[{name}]", None)


class VerifyCredentialsView(MastodonView):
    required_scopes = {"GET": "read:accounts"}

    def get(self, request):
        return Response(credential_account(request, request.user))


class UpdateCredentialsView(MastodonView):
    """`display_name` and `note` checked as Threadly's API checks them (MeSerializer), the pictures
    through the profile page's service (the images pipeline)."""

    required_scopes = {"PATCH": "write:accounts"}
    throttle_scopes = {"PATCH": "upload"}

    def patch(self, request):
        user = request.user
        for flag in IGNORED_FLAGS:
            params.boolean(request, flag)
        privacy = _source(request, "privacy")
        if privacy is not None and privacy not in PRIVACY:
            raise exceptions.ValidationError({"source[privacy]": ["is not included in the list"]})
        sensitive = _source(request, "sensitive")
        if sensitive is not None:
            params.boolean(request, "sensitive", source={"sensitive": sensitive})
        texts = {"display_name": params.value(request, "display_name"), "bio": params.value(request, "note")}
        texts = {name: text for name, text in texts.items() if text is not None}
        checked = MeSerializer(user, data=texts, partial=True)
        if not checked.is_valid():
            raise exceptions.ValidationError(checked.errors)
        try:
            with transaction.atomic():
                if texts:
                    services.user_update_profile(user=user, **checked.validated_data)
                services.user_profile_pictures_update(
                    user=user, avatar=request.FILES.get("avatar"), header=request.FILES.get("header")
                )
        except ValidationError as error:
            raise exceptions.ValidationError(error.messages) from error
        user.refresh_from_db()
        return Response(credential_account(request, user))


class PreferencesView(MastodonView):
    required_scopes = {"GET": "read:accounts"}

    def get(self, request):
        user = request.user
        return Response(
            {
                "posting:default:visibility": "public",
                "posting:default:sensitive": False,
                "posting:default:language": None,
                "posting:default:quote_policy": QUOTE_POLICIES.get(user.default_quote_policy, "public"),
                "reading:expand:media": "default",
                "reading:expand:spoilers": user.expand_content_warnings,
                "reading:autoplay:gifs": False,
            }
        )
