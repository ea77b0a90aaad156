"""The posts' querysets and lookups; which rows a viewer may see is posts.policy's to say."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet, Value
from django.shortcuts import get_object_or_404

from accounts.models import User
from posts.models import Bookmark, Like, MovedComment, Post


def post_rows() -> QuerySet:
    """Every post with its author in the same query: the base of each post list and lookup."""
    return Post.objects.select_related("author")


def moved_comment_post_id(comment_id: int) -> int:
    """The id of the reply a comment from before replies were posts became (404 if there was none),
    for the redirects that keep old comment links working."""
    return get_object_or_404(MovedComment, comment_id=comment_id).post_id


def displayed_post_id(post: Post) -> int:
    """The post a row shows: a repost row shows the post it reposts, and its buttons act on that post."""
    return post.repost_of_id or post.pk


def liked_and_bookmarked_ids(*, viewer: User | AnonymousUser, posts: Iterable[Post]) -> tuple[set[int], set[int]]:
    """Which of `posts` the viewer liked and which they bookmarked (by displayed post), in one query.

    One UNION instead of two queries: every list page and endpoint pays for it, whatever its length.
    """
    posts = list(posts)
    liked_ids, kept_ids = [post.pk for post in posts], [displayed_post_id(post) for post in posts]
    if not viewer.is_authenticated or not posts:
        return set(), set()
    likes = Like.objects.filter(user=viewer, post_id__in=liked_ids).values_list("post_id", Value("like"))
    kept = Bookmark.objects.filter(user=viewer, post_id__in=kept_ids).values_list("post_id", Value("bookmark"))
    liked, bookmarked = set(), set()
    for post_id, mark in likes.union(kept, all=True).order_by():
        (liked if mark == "like" else bookmarked).add(post_id)
    return liked, bookmarked


def bookmark_rows(user: User) -> QuerySet:
    """The user's bookmarks with each post and its author: the base of the bookmarks list."""
    return Bookmark.objects.filter(user=user).select_related("post__author")
