"""Which @mentions on a page are links: people who exist and are active, looked up once per page.

A post's mentions (a reply's too) were recorded when it was written (`Post.mentions`, without
people blocked either way), so a page costs at most one query, and none when nobody on it is
mentioned.
"""

from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects

from accounts.models import User
from posts.models import Post
from posts.text import extract_mentions


def mark_linked_mentions(posts: Iterable[Post]) -> None:
    """Set `post.linked_mentions` (lower-cased usernames) on each post, from its recorded mentions; also
    on the originals of repost rows and on quoted posts, which the page shows too (one query for all)."""
    posts = list(posts)
    posts += [post.repost_of for post in posts if post.repost_of_id]
    posts += [post.quoted_post for post in posts if post.quoted_post_id]
    mentioning = [post for post in posts if extract_mentions(post.body)]
    active = User.objects.filter(is_active=True).only("id", "username")
    prefetch_related_objects(mentioning, Prefetch("mentions", queryset=active, to_attr="active_mentions"))
    for post in posts:
        post.linked_mentions = {person.username.lower() for person in getattr(post, "active_mentions", ())}


def linked_mentions_of(post: Post) -> set[str]:
    """The post's linked mentions, looked up now unless its page already did."""
    if not hasattr(post, "linked_mentions"):
        mark_linked_mentions([post])
    return post.linked_mentions
