"""The posts' querysets and lookups; which rows a viewer may see is posts.policy's to say."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from posts.models import Like, MovedComment, Post


def post_rows() -> QuerySet:
    """Every post with its author in the same query: the base of each post list and lookup."""
    return Post.objects.select_related("author")


def moved_comment_post_id(comment_id: int) -> int:
    """The id of the reply a comment from before replies were posts became (404 if there was none),
    for the redirects that keep old comment links working."""
    return get_object_or_404(MovedComment, comment_id=comment_id).post_id


def liked_post_ids(*, viewer: User | AnonymousUser, posts: Iterable[Post]) -> set[int]:
    """Which of `posts` the viewer liked, in one query whatever the page length."""
    ids = [post.pk for post in posts]
    if not viewer.is_authenticated or not ids:
        return set()
    return set(Like.objects.filter(user=viewer, post_id__in=ids).values_list("post_id", flat=True))
