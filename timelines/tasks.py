"""The workers' side of home feeds (queue `feeds`): thin tasks that load by id and call the services."""

from celery import shared_task

from accounts.models import User
from posts.models import Post
from timelines import fanout, feeds, rebuild

RETRIES = {"autoretry_for": (Exception,), "retry_backoff": 2, "retry_backoff_max": 120, "retry_jitter": True}


@shared_task(max_retries=5, **RETRIES)
def fan_out_post(post_id: int) -> int:
    post = Post.objects.select_related("author", "in_reply_to").filter(pk=post_id).first()
    return 0 if post is None else fanout.feed_post_push(post)


@shared_task(max_retries=5, **RETRIES)
def fan_out_author(author_id: int) -> int:
    """An author's recent posts pushed again: they can be seen again (their suspension was lifted)."""
    return sum(fan_out_post(post_id) for post_id in rebuild.recent_posts_of(author_id))


@shared_task(max_retries=3, **RETRIES)
def rebuild_home_feed(user_id: int) -> int:
    user = User.objects.filter(pk=user_id).first()
    try:
        return 0 if user is None else rebuild.home_feed_rebuild(user)
    finally:
        feeds.rebuild_release(user_id)


@shared_task(max_retries=5, **RETRIES)
def backfill_author(reader_id: int, author_id: int) -> int:
    people = User.objects.in_bulk([reader_id, author_id])
    if len(people) < 2:
        return 0
    return rebuild.author_backfill(reader=people[reader_id], author=people[author_id])


@shared_task(max_retries=5, **RETRIES)
def prune_author(reader_id: int, author_id: int) -> int:
    return rebuild.author_prune(reader_id=reader_id, author_id=author_id)
