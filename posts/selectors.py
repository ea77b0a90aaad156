"""The posts' querysets and lookups; which rows a viewer may see is posts.policy's to say."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import User
from posts.models import Comment, Like, Post
from social.models import Follow


def post_rows() -> QuerySet:
    """Every post with its author, and what a repost or a quote card shows of the post it points at, in
    the same query: the base of each post list and lookup."""
    return Post.objects.select_related(
        "author", "quoted_post__author", "repost_of__author", "repost_of__quoted_post__author"
    )


def reply_rows() -> QuerySet:
    """Every reply with its author and its post's author in the same query."""
    return Comment.objects.select_related("author", "post__author")


def viewer_marks(*, viewer: User | AnonymousUser, posts: Iterable[Post]) -> dict[int, tuple[bool, bool, bool]]:
    """For each of `posts` the viewer may act on: (liked it, reposted it, follows its author), in one
    query whatever the page length."""
    ids = [post.pk for post in posts]
    if not viewer.is_authenticated or not ids:
        return {}
    rows = Post.objects.filter(pk__in=ids).annotate(
        liked=Exists(Like.objects.filter(user=viewer, post=OuterRef("pk"))),
        reposted=Exists(Post.objects.filter(author=viewer, repost_of=OuterRef("pk"))),
        follows_author=Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("author_id"))),
    )
    return {pk: tuple(marks) for pk, *marks in rows.values_list("pk", "liked", "reposted", "follows_author")}
