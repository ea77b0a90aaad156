"""What the statuses views share: a post as the Status its viewer sees (after every write, the
toggles answer the status as it now is), a page of posts by id in a given order, and the scopes."""

from django.http import Http404

from mastodon_api import params
from mastodon_api.entities.statuses import hydrated, statuses
from posts import pins, policy
from posts.models import Post

READ_WRITE = {"GET": "read:statuses", "POST": "write:statuses", "PUT": "write:statuses", "DELETE": "write:statuses"}


def post_seen(request, status_id) -> Post:
    """The post behind a Mastodon status id, or 404 when the viewer may not see it (posts.policy)."""
    return policy.post_for_viewer(post_id=params.identifier(status_id), viewer=request.user)


def statuses_in_order(request, post_ids: list[int]) -> list[dict]:
    """The Statuses of these posts (already allowed by the policy list that named them), in this order,
    in the fixed number of queries a hydrated page costs."""
    if not post_ids:
        return []
    rows = Post.objects.filter(pk__in=post_ids).order_by("-id")
    found = {int(status["id"]): status for status in statuses(request, hydrated(request, rows, limit=len(post_ids)))}
    return [found[pk] for pk in post_ids if pk in found]


def status_now(request, post: Post) -> dict:
    """The post's Status as the viewer sees it now (counters and flags read after the write)."""
    found = statuses_in_order(request, [post.pk])
    if not found:
        raise Http404("No such post.")
    status = found[0]
    viewer = request.user
    if viewer.is_authenticated and post.author_id == viewer.pk and not post.repost_of_id:
        status["pinned"] = pins.is_pinned(user=viewer, post=post)
    return status
