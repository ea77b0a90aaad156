"""Mastodon features Threadly does not have, answered as Mastodon answers a person who has none of
them: empty lists, and 404 for any one item. Apps call these at start-up and must not break."""

from django.http import Http404
from rest_framework.response import Response

from mastodon_api.base import MastodonView


class EmptyListView(MastodonView):
    """`[]`: no lists, filters, announcements, conversations, followed tags, scheduled statuses…;
    with no scope, an answer for anyone (the instance's peers, custom emojis, rules)."""

    scope: str | None = "read"

    @property
    def required_scopes(self) -> dict[str, str]:
        return {"GET": self.scope} if self.scope else {}

    @property
    def person_required(self) -> bool:
        return self.scope is not None

    def get(self, request, **kwargs):
        return Response([])


class NoSuchRecordView(MastodonView):
    """404 `Record not found` for one list, poll, announcement or push subscription: none exist."""

    scope = "read"
    method_scopes: tuple[str, ...] = ("GET",)

    @property
    def required_scopes(self) -> dict[str, str]:
        return dict.fromkeys(self.method_scopes, self.scope)

    def missing(self, request, **kwargs):
        raise Http404("None exists.")

    get = post = put = delete = missing


def empty_list(scope: str | None):
    return EmptyListView.as_view(scope=scope)


def no_such_record(scope: str, *methods: str):
    methods = methods or ("get",)
    upper = tuple(method.upper() for method in methods)
    return NoSuchRecordView.as_view(scope=scope, method_scopes=upper, http_method_names=[*methods, "options"])
