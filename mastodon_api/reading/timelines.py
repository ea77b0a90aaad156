"""Mastodon's timelines: home (the person's home feed, read as Threadly's API reads it), public
(Explore) and a tag's, each a page of Status entities with Mastodon's Link paging.

Home pages older than a cursor come from timelines.reads.home_page, the Redis feed with its pull
fallback; a page newer than a cursor (`since_id`, `min_id`: an app catching up) is read from the
pull query (policy.home_posts), the same rule, as the feed only reads downwards.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from rest_framework.response import Response

from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.statuses import hydrated, statuses
from mastodon_api.pagination import PageRequest, page_request, paged, window
from posts import policy
from posts.hydration import hydrator
from posts.models import PostImage
from timelines.reads import home_page

READ = {"GET": "read:statuses"}


def statuses_page(request, rows: QuerySet, page: PageRequest) -> list:
    """The page's hydrated posts among `rows` (a policy list), newest first."""
    found = hydrated(request, window(rows, page), limit=page.limit)
    return found[::-1] if page.forward else found


def answer(request, items: list) -> Response:
    """Statuses for a page of hydrated posts, with the Link header paging by the posts' ids."""
    return paged(Response(statuses(request, items)), request, [item.pk for item in items])


class HomeTimelineView(MastodonView):
    required_scopes = READ

    def get(self, request):
        page = page_request(request)
        if page.since_id is None and page.min_id is None:
            feed = home_page(request.user, before=page.max_id, size=page.limit, hydrate=hydrator(request, api=True))
            return answer(request, feed.items)
        return answer(request, statuses_page(request, policy.home_posts(request.user), page))


def with_media(rows: QuerySet) -> QuerySet:
    """`only_media`: posts of their own (not reposts) carrying pictures."""
    return rows.filter(Exists(PostImage.objects.filter(post=OuterRef("pk"))), repost_of=None)


class PublicTimelineView(MastodonView):
    """Explore's posts; every Threadly post is local, so `remote=true` finds none."""

    required_scopes = READ
    person_required = False

    def get(self, request):
        if params.boolean(request, "remote"):
            return Response([])
        rows = policy.explore_posts(request.user)
        if params.boolean(request, "only_media"):
            rows = with_media(rows)
        return answer(request, statuses_page(request, rows, page_request(request)))


class TagTimelineView(MastodonView):
    """A tag's posts as its page lists them (policy.tag_posts); `any[]`, `all[]` and `none[]` are not
    read: Threadly's tag pages have no such combinations."""

    required_scopes = READ
    person_required = False

    def get(self, request, hashtag: str):
        if params.boolean(request, "remote"):
            return Response([])
        rows = policy.tag_posts(viewer=request.user, tag=hashtag.lstrip("#"))
        if params.boolean(request, "only_media"):
            rows = with_media(rows)
        return answer(request, statuses_page(request, rows, page_request(request)))


class ListTimelineView(MastodonView):
    """Threadly has no lists: every list is unknown."""

    required_scopes = {"GET": "read:lists"}

    def get(self, request, list_id: str):
        raise Http404("No list.")


class LinkTimelineView(MastodonView):
    """Trending links' posts: Threadly tracks no trending links."""

    required_scopes = READ
    person_required = False

    def get(self, request):
        return Response([])
