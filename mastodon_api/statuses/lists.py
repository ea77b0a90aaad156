"""The viewer's bookmarks and favourites: Statuses newest bookmark (or like) first, paged (Link) by
the bookmark's or the like's id, not the post's. Through posts.policy's lists, so posts the viewer
may no longer see drop out, as on the /bookmarks/ page and in Threadly's own API."""

from rest_framework.response import Response

from mastodon_api.base import MastodonView
from mastodon_api.pagination import page_request, paged, sliced
from mastodon_api.statuses.common import statuses_in_order
from posts import policy


def kept_page(request, rows):
    """A page of bookmark or like rows (each with `post_id`) as Statuses, with its Link header."""
    page = page_request(request)
    found = sliced(rows.prefetch_related(None).select_related(None).only("pk", "post_id"), page)
    listed = statuses_in_order(request, [row.post_id for row in found])
    return paged(Response(listed), request, [row.pk for row in found])


class BookmarksView(MastodonView):
    required_scopes = {"GET": "read:bookmarks"}

    def get(self, request):
        return kept_page(request, policy.bookmarked_posts(request.user))


class FavouritesView(MastodonView):
    required_scopes = {"GET": "read:favourites"}

    def get(self, request):
        return kept_page(request, policy.liked_posts(request.user))
