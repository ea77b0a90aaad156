"""A status's on/off actions (favourite, reblog, bookmark, pin, mute and their undo), each answering
the Status as the viewer now sees it, and who favourited or reblogged it. The writes are Threadly's
services (posts.services likes, posts.reposts, posts.bookmarks, posts.pins), as its own API's toggles."""

from collections.abc import Callable

from rest_framework.response import Response

from mastodon_api.base import MastodonView
from mastodon_api.entities.accounts import accounts_by_id
from mastodon_api.errors import Unprocessable
from mastodon_api.pagination import page_request, paged, sliced
from mastodon_api.statuses.common import post_seen, status_now
from posts import bookmarks, pins, policy, reposts, services
from posts.models import Post


class ToggleView(MastodonView):
    """POST :id/<action>: `act(user=, post=)` on the post the status stands for (a reblog's original),
    given in the routes with its scope; answers the Status as the viewer now sees it."""

    act: Callable | None = None  # Given by toggle().

    def post(self, request, status_id: str):
        post = policy.original_of(post_seen(request, status_id))
        self.act(user=request.user, post=post)
        return Response(status_now(request, post))


def toggle(scope: str, act: Callable):
    return ToggleView.as_view(required_scopes={"POST": scope}, act=act)


favourite = toggle("write:favourites", services.like_create)
unfavourite = toggle("write:favourites", services.like_delete)
bookmark = toggle("write:bookmarks", bookmarks.bookmark_create)
unbookmark = toggle("write:bookmarks", bookmarks.bookmark_delete)
unreblog = toggle("write:statuses", reposts.repost_delete)


class ReblogView(MastodonView):
    """Answers the reblog itself: the viewer's repost row, with the original under `reblog`."""

    required_scopes = {"POST": "write:statuses"}

    def post(self, request, status_id: str):
        post = policy.original_of(post_seen(request, status_id))
        reposts.repost_create(user=request.user, post=post)
        reblog = Post.objects.get(author=request.user, repost_of=post)
        return Response(status_now(request, reblog))


class PinView(MastodonView):
    """Pinning is Mastodon's write:accounts; a post pinned already answers as it is (pins are idempotent)."""

    required_scopes = {"POST": "write:accounts"}
    pin = True

    def post(self, request, status_id: str):
        post = post_seen(request, status_id)
        if self.pin:
            pins.post_pin(user=request.user, post=post)
        else:
            pins.post_unpin(user=request.user, post=post)
        return Response(status_now(request, post))


class UnpinView(PinView):
    pin = False


class MuteView(MastodonView):
    """Threadly has no muting of a conversation's notifications. A 422 tells the app so, where a 200
    would let it believe the conversation is quiet now; unmuting answers the status, which is never
    muted (`muted` false), so an app's undo always succeeds."""

    required_scopes = {"POST": "write:mutes"}
    mute = True

    def post(self, request, status_id: str):
        post = post_seen(request, status_id)
        if self.mute:
            raise Unprocessable("Muting conversations is not supported")
        return Response(status_now(request, post))


class UnmuteView(MuteView):
    mute = False


class PeopleOfStatusView(MastodonView):
    """Accounts acting on a status, newest first, paged (Link) by the ids of their like or repost rows."""

    required_scopes = {"GET": "read:accounts"}
    person_required = False
    rows: Callable
    person_field = "user_id"

    def get(self, request, status_id: str):
        post = policy.original_of(post_seen(request, status_id))
        page = page_request(request)
        found = sliced(self.rows(viewer=request.user, post=post), page)
        people = accounts_by_id(request, [getattr(row, self.person_field) for row in found])
        listed = [people[pk] for row in found if (pk := getattr(row, self.person_field)) in people]
        return paged(Response(listed), request, [row.pk for row in found])


class FavouritedByView(PeopleOfStatusView):
    rows = staticmethod(policy.likes_of)


class RebloggedByView(PeopleOfStatusView):
    rows = staticmethod(policy.reposts_of)
    person_field = "author_id"
