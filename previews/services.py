"""The door the posts app uses: a post's first link changed, so its card is (re)made after commit."""

from posts.models import Post
from previews import tasks
from previews.cards import post_link
from threadly.tasks import enqueue_on_commit_or_keep

__all__ = ["post_link", "post_link_card_schedule"]


def post_link_card_schedule(*, post: Post) -> None:
    """After the post's transaction commits, a `media` worker fetches (or reuses) its first link's card."""
    if (url := post_link(post.body)) is not None:
        enqueue_on_commit_or_keep(tasks.post_link_card_attach, post.pk, url)
