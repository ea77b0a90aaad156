"""A hashtag, and trends: the tags most used over the last day (search.selectors.trending_tags, the same list the
site shows); Threadly ranks no statuses or links, so those trends are empty.
Trends are public in Mastodon: no token nor scope is needed."""

from django.http import Http404
from rest_framework.response import Response

from mastodon_api.base import MastodonView
from mastodon_api.entities.tags import tag
from mastodon_api.pagination import page_request
from search import selectors

TAG_TRENDS = 10


class TrendingTagsView(MastodonView):
    required_scopes: dict[str, str] = {}
    person_required = False

    def get(self, request):
        limit = min(page_request(request, default=TAG_TRENDS).limit, TAG_TRENDS)
        return Response([tag(request, name, uses=uses) for name, uses in selectors.trending_tags()[:limit]])


class EmptyTrendsView(MastodonView):
    required_scopes: dict[str, str] = {}
    person_required = False

    def get(self, request):
        return Response([])


class TagView(MastodonView):
    """One hashtag (`GET /api/v1/tags/:name`), known when posts that count carry it
    (search.selectors.tags_starting_with's rule). Threadly has no followed tags: `following` is false."""

    required_scopes: dict[str, str] = {}
    person_required = False

    def get(self, request, name: str):
        name = name.lstrip("#").lower()
        if not selectors.tags_starting_with(name).filter(name=name).exists():
            raise Http404("No such tag.")
        return Response(tag(request, name))
