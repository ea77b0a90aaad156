"""The posts' figures for /metrics and `threadly_stats`: posts and replies, shown and removed by moderators."""

from django.db.models import Count, Q, QuerySet

from posts.models import Post
from threadly.observability.metrics import Gauge


def _by_state(posts: QuerySet) -> dict[str, int]:
    return posts.aggregate(
        visible=Count("id", filter=Q(removed_at=None)), removed=Count("id", filter=Q(removed_at__isnull=False))
    )


def posts_by_state() -> dict[str, int]:
    return _by_state(Post.objects.filter(conversation_id=None))


def replies_by_state() -> dict[str, int]:
    """Replies are posts in a conversation that they did not start."""
    return _by_state(Post.objects.exclude(conversation_id=None))


GAUGES = (
    Gauge("threadly_posts", "Posts, by state (visible, removed by a moderator).", posts_by_state, label="state"),
    Gauge("threadly_replies", "Replies, by state (visible, removed by a moderator).", replies_by_state, label="state"),
)
