"""Bookmarks: posts a person keeps for later.

They are private: no notification, no counter, no list anyone else can read. Both services are
idempotent, and the constraint `bookmark_once_per_user_post` keeps two at once to one row.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import User
from posts import policy
from posts.models import Bookmark, Post


def _kept(post: Post) -> Post:
    """A repost row stands for the post it reposts: that is the post kept."""
    return post.repost_of if post.repost_of_id else post


@transaction.atomic
def bookmark_create(*, user: User, post: Post) -> bool:
    """Keep a post (the reposted one for a repost row). True when a bookmark was added."""
    post = _kept(post)
    if not policy.may_bookmark(viewer=user, post=post):
        raise PermissionDenied("You cannot see this post.")
    # get_or_create inserts in a savepoint: a racing twin's insert turns into a read of its row.
    _, created = Bookmark.objects.get_or_create(user=user, post=post)
    return created


@transaction.atomic
def bookmark_delete(*, user: User, post: Post) -> bool:
    """Forget a bookmark if there is one (of the reposted post for a repost row). True when one was removed."""
    deleted, _ = Bookmark.objects.filter(user=user, post=_kept(post)).delete()
    return bool(deleted)
