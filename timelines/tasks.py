"""The workers' side of home feeds (queue `feeds`): thin tasks that load by id and call the services."""

from celery import shared_task

from accounts.models import User
from posts.models import Post
from threadly.tasks import enqueue
from timelines import fanout, feeds, rebuild
from timelines.models import UnsentTask

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


# What timelines.services may keep for the relay, by the name it stores.
BY_NAME = {task.name: task for task in (fan_out_post, fan_out_author, backfill_author, prune_author)}


@shared_task
def relay_unsent() -> int:
    """Celery beat runs this every minute: feed tasks the broker could not take (timelines.services)
    are handed over again, oldest first, until the broker refuses one."""
    relayed = 0
    for unsent in UnsentTask.objects.order_by("id").iterator():
        if not enqueue(BY_NAME[unsent.task], *unsent.args):
            break
        unsent.delete()
        relayed += 1
    return relayed
