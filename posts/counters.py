"""Rebuilding the denormalised counters from the rows they count (`manage.py recount`)."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from posts.models import Like, Post
from social.models import Follow


def _count_of(rows: QuerySet, field: str) -> Coalesce:
    counted = rows.filter(**{field: OuterRef("pk")}).values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def recount_posts(id_range: tuple[int, int]) -> int:
    """Set the like, reply, repost and quote counts of the posts with ids in [low, high); returns how many changed.

    reply_count counts shown direct replies; quote_count shown quotes still attached to their post
    (posts.services).
    """
    posts = Post.objects.filter(pk__gte=id_range[0], pk__lt=id_range[1])
    shown_replies = Post.objects.filter(removed_at=None)
    attached_quotes = Post.objects.filter(quote_detached_at=None, removed_at=None)
    return posts.update(
        like_count=_count_of(Like.objects, "post"),
        reply_count=_count_of(shown_replies, "in_reply_to"),
        repost_count=_count_of(Post.objects, "repost_of"),
        quote_count=_count_of(attached_quotes, "quoted_post"),
    )


def recount_users(id_range: tuple[int, int]) -> int:
    """Set follower, following and post counts of the users with ids in [low, high); reposts are not posts."""
    users = User.objects.filter(pk__gte=id_range[0], pk__lt=id_range[1])
    return users.update(
        follower_count=_count_of(Follow.objects, "followee"),
        following_count=_count_of(Follow.objects, "follower"),
        post_count=_count_of(Post.objects.filter(repost_of=None), "author"),
    )
