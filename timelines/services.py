"""What the rest of the project tells the home feeds, each a task handed over after the transaction commits.

Posts, social and accounts services call these at the moment something becomes visible or hidden in
someone's home; the feeds' own rules stay here. Nothing happens without Redis (the embedded default:
every home page is the pull query).
"""

from accounts.models import User
from posts.models import Post
from threadly.tasks import enqueue_on_commit
from timelines import feeds, tasks


def feeds_post_published(post: Post) -> None:
    """A post, reply or repost was published, or restored by a moderator."""
    if feeds.enabled():
        enqueue_on_commit(tasks.fan_out_post, post.pk)


def feeds_author_returned(author: User) -> None:
    """A suspension was lifted: the author's recent posts go back into their followers' feeds."""
    if feeds.enabled():
        enqueue_on_commit(tasks.fan_out_author, author.pk)


def feeds_author_shown(*, reader: User, author: User) -> None:
    """The reader followed, unmuted or unblocked the author."""
    if feeds.enabled():
        enqueue_on_commit(tasks.backfill_author, reader.pk, author.pk)


def feeds_author_hidden(*, reader: User, author: User) -> None:
    """The reader unfollowed or muted the author, or a block stands between them."""
    if feeds.enabled():
        enqueue_on_commit(tasks.prune_author, reader.pk, author.pk)
