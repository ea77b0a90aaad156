"""Which @mentions on a page are links: people who exist and are active, looked up once per page.

A post's mentions were recorded when it was written (`Post.mentions`, without people blocked
either way); a reply has no such record, so its names are looked up. Either way a page of
posts or replies costs at most one query, and none when nobody on it is mentioned.
"""

from collections.abc import Iterable

from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.functions import Lower

from accounts.models import User
from posts.models import Comment, Post
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


def mark_linked_mentions_in_comments(comments: Iterable[Comment]) -> None:
    """Set `comment.linked_mentions` on each reply: the names it mentions that belong to active people."""
    comments = list(comments)
    names = {comment.pk: set(extract_mentions(comment.body)) for comment in comments}
    wanted = set().union(*names.values())
    existing = set()
    if wanted:
        people = User.objects.annotate(lower_name=Lower("username")).filter(lower_name__in=wanted, is_active=True)
        existing = set(people.values_list("lower_name", flat=True))
    for comment in comments:
        comment.linked_mentions = names[comment.pk] & existing


def linked_mentions_of(item: Post | Comment) -> set[str]:
    """The post's or reply's linked mentions, looked up now unless its page already did."""
    if not hasattr(item, "linked_mentions"):
        if isinstance(item, Post):
            mark_linked_mentions([item])
        else:
            mark_linked_mentions_in_comments([item])
    return item.linked_mentions
