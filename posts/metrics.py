"""The posts' figures for /metrics and `threadly_stats`: posts and replies, shown and removed by moderators."""

from django.db.models import Count, Q

from posts.models import Comment, Post
from threadly.observability.metrics import Gauge


def _by_state(model) -> dict[str, int]:
    return model.objects.aggregate(
        visible=Count("id", filter=Q(removed_at=None)), removed=Count("id", filter=Q(removed_at__isnull=False))
    )


def posts_by_state() -> dict[str, int]:
    return _by_state(Post)


def replies_by_state() -> dict[str, int]:
    return _by_state(Comment)


GAUGES = (
    Gauge("threadly_posts", "Posts, by state (visible, removed by a moderator).", posts_by_state, label="state"),
    Gauge("threadly_replies", "Replies, by state (visible, removed by a moderator).", replies_by_state, label="state"),
)
