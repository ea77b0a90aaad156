"""What the rest of the project tells the home feeds, each a task handed over after the transaction commits.

Posts, social and accounts services call these at the moment something becomes visible or hidden in
someone's home; the feeds' own rules stay here. Nothing happens without Redis (the embedded default:
every home page is the pull query).
"""

from celery import Task
from django.db import transaction

from accounts.models import User
from posts.models import Post
from threadly.tasks import enqueue_on_commit_or_keep
from timelines import fanout, feeds, tasks


def _hand_over(task: Task, *args: int) -> None:
    """After commit, to the workers; kept in the database for the relay when the broker is unreachable."""
    if feeds.enabled():
        enqueue_on_commit_or_keep(task, *args)


def feeds_post_published(post: Post) -> None:
    """A post, reply or repost was published, or restored by a moderator: in the author's own feed at
    once (they look for it on the next page they open), in their followers' by the workers."""
    if feeds.enabled():
        transaction.on_commit(lambda: fanout.author_feed_push(post), robust=True)
    _hand_over(tasks.fan_out_post, post.pk)


def feeds_author_returned(author: User) -> None:
    """A suspension was lifted: the author's recent posts go back into their followers' feeds."""
    _hand_over(tasks.fan_out_author, author.pk)


def feeds_author_shown(*, reader: User, author: User) -> None:
    """The reader followed, unmuted or unblocked the author."""
    _hand_over(tasks.backfill_author, reader.pk, author.pk)


def feeds_author_hidden(*, reader: User, author: User) -> None:
    """The reader unfollowed or muted the author, or a block stands between them."""
    _hand_over(tasks.prune_author, reader.pk, author.pk)
