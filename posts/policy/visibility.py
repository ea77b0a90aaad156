"""Who may see a post: the one rule (seeable_posts_q) and what is read through it alone."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from posts.models import Post
from posts.selectors import post_rows
from social.selectors import (
    authors_not_hidden_from,
    followee_ids,
    followers_of,
    people_not_hidden_from,
)

Viewer = User | AnonymousUser
PUBLIC = Post.Visibility.PUBLIC


def _on(prefix: str, **lookups) -> Q:
    return Q(**{f"{prefix}{field}": value for field, value in lookups.items()})


def _shown(prefix: str) -> Q:
    """Neither removed by a moderator nor written by a suspended account."""
    return _on(prefix, removed_at=None, author__is_active=True)


def _seeable_itself_q(viewer: Viewer, prefix: str) -> Q:
    """A post by itself (fields under `prefix`): shown (not removed, author active), and the
    viewer's own, or public or by someone they follow, with no block either way."""
    shown, public = _shown(prefix), _on(prefix, visibility=PUBLIC)
    if not viewer.is_authenticated:
        return shown & public
    followed = _on(prefix, author__in=followee_ids(viewer))
    not_blocked = people_not_hidden_from(viewer, field=f"{prefix}author")
    return shown & (_on(prefix, author=viewer) | ((public | followed) & not_blocked))


def _thread_seeable_q(viewer: Viewer, prefix: str) -> Q:
    """The conversation's first post is seeable by itself, or gone (conversation_id is a plain id): a
    join, not a subquery, so that the planner looks the first post up by its key, row by row."""
    started_here = _on(prefix, conversation_id=None)
    # created_at, never null, is null only when the first post is gone (conversation__id would read conversation_id).
    gone = _on(prefix, conversation__created_at=None)
    return started_here | gone | _seeable_itself_q(viewer, f"{prefix}conversation__")


def _seeable_in_context_q(viewer: Viewer, prefix: str) -> Q:
    """Seeable by itself, and a reply only with the post it answers and the conversation's first post
    (when they are still there), so a public reply never shows what a followers-only post or a block hides."""
    parent_seeable = _on(prefix, in_reply_to=None) | _seeable_itself_q(viewer, f"{prefix}in_reply_to__")
    return _seeable_itself_q(viewer, prefix) & parent_seeable & _thread_seeable_q(viewer, prefix)


def seeable_posts_q(viewer: Viewer, prefix: str = "") -> Q:
    """The one rule for posts (fields under `prefix`): seeable in its conversation's context (above),
    and a repost row only with its original seen by the same rule (an original is never a repost).

    Moderators read like everyone else here; removed posts reach them through the moderation queue.
    """
    original = _on(prefix, repost_of=None) | _seeable_in_context_q(viewer, f"{prefix}repost_of__")
    return _seeable_in_context_q(viewer, prefix) & original


def _listed_reposts_q(viewer: Viewer) -> Q:
    """In lists, a repost row also needs its original's author not muted (nor blocked) by the viewer."""
    if not viewer.is_authenticated:
        return Q()  # Q(repost_of=None) | Q() would be Q(repost_of=None): no reposts at all.
    return Q(repost_of=None) | authors_not_hidden_from(viewer, "repost_of__author")


def counted_posts_q(prefix: str = "") -> Q:
    """Posts that count for tag search and trending: public, shown, by an active author, for everyone
    alike; never repost rows, which have no words of their own."""
    return _shown(prefix) & _on(prefix, visibility=PUBLIC, repost_of=None)


# Single items


def post_for_viewer(*, post_id: int, viewer: Viewer) -> Post:
    """The post with its author, or 404 when it is missing or hidden from the viewer; one query."""
    post = post_rows().filter(seeable_posts_q(viewer), pk=post_id).first()
    if post is None:
        raise Http404("No such post.")
    return post


def may_see_post(*, viewer: Viewer, post: Post) -> bool:
    """Muting hides a post from lists, not from its own page: only blocks and visibility count."""
    return Post.objects.filter(seeable_posts_q(viewer), pk=post.pk).exists()


def _people_who_may_see_alone(*, post: Post, people: QuerySet) -> QuerySet:
    if post.removed_at is not None or not post.author.is_active:
        return people.none()
    people = people.filter(is_active=True).filter(people_not_hidden_from(post.author))
    if not post.is_public:
        people = people.filter(Q(pk=post.author_id) | Q(pk__in=followers_of(post.author).values("follower_id")))
    return people


def people_who_may_see(*, post: Post, people: QuerySet) -> QuerySet:
    """Of `people`, those who may see the post: seeable_posts_q read from the post's side (for a
    reply, from its parent's and its conversation's first post's sides too)."""
    people = _people_who_may_see_alone(post=post, people=people)
    if post.in_reply_to is not None:
        people = _people_who_may_see_alone(post=post.in_reply_to, people=people)
    if post.conversation_id not in {None, post.in_reply_to_id}:
        first_post = post_rows().filter(pk=post.conversation_id).first()
        if first_post is not None:
            people = _people_who_may_see_alone(post=first_post, people=people)
    return people


def seen_post_ids(*, viewer: Viewer, post_ids: set[int]) -> set[int]:
    """Which of these posts the viewer may see, in one query: the quote cards of a page.

    A query of its own, not annotations on the list's: the rule's joins for the quoted posts doubled
    the list's joins, and PostgreSQL spent longer planning such a query than running it.
    """
    if not post_ids:
        return set()
    return set(Post.objects.filter(seeable_posts_q(viewer), pk__in=post_ids).values_list("pk", flat=True))
