"""Who may see and do what with posts and replies: decided here once, every door asks.

Items: post_for_viewer / reply_for_viewer (404 when hidden) for every page, API view and report
  form; may_see_post, may_reply / reply_refusal (who may reply, and why not), may_like (posts.services'
  writes); may_edit_post, may_delete_post, may_delete_reply (services and the edit/delete views);
  may_report_post / may_report_reply.
Lists: home_posts, explore_posts (home, Explore, posts APIs); profile_posts (profile, users/{u}/posts,
  with or without replies); conversation_rows (posts.threads: the thread page and posts/{id}/thread);
  tag_posts (tag page, tags/{tag}/posts); searchable_posts (search); counted_posts_q (tag search,
  trending); replies_of (posts/{id}/comments).
Notifications: seeable_posts_q / seeable_replies_q (post_visible, reply_visible in notifications.
  selectors); people_who_may_see (mention recipients in notifications.recipients).
Flags: mark_posts / mark_replies set `liked`, `can_*` and `reply_refusal` on a page for templates and
  serializers.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.http import Http404

from accounts.models import User
from accounts.roles import moderation_refusal
from posts.models import Comment, Post
from posts.selectors import liked_post_ids, post_rows, reply_rows
from social.models import Follow
from social.selectors import authors_not_hidden_from, followee_ids, followers_of, people_not_hidden_from

Viewer = User | AnonymousUser
PUBLIC = Post.Visibility.PUBLIC


def _on(prefix: str, **lookups) -> Q:
    return Q(**{f"{prefix}{field}": value for field, value in lookups.items()})


def _shown(prefix: str) -> Q:
    """Neither removed by a moderator nor written by a suspended account."""
    return _on(prefix, removed_at=None, author__is_active=True)


def seeable_posts_q(viewer: Viewer, prefix: str = "") -> Q:
    """The one rule for posts (fields under `prefix`): shown (not removed, author active), and the
    viewer's own, or public or by someone they follow, with no block either way.

    Moderators read like everyone else here; removed posts reach them through the moderation queue.
    """
    shown, public = _shown(prefix), _on(prefix, visibility=PUBLIC)
    if not viewer.is_authenticated:
        return shown & public
    followed = _on(prefix, author__in=followee_ids(viewer))
    not_blocked = people_not_hidden_from(viewer, field=f"{prefix}author")
    return shown & (_on(prefix, author=viewer) | ((public | followed) & not_blocked))


def seeable_replies_q(viewer: Viewer, prefix: str = "") -> Q:
    """A reply is seen when shown, with no block either way with its author, on a post the viewer sees."""
    not_blocked = people_not_hidden_from(viewer, field=f"{prefix}author")
    return _shown(prefix) & not_blocked & seeable_posts_q(viewer, f"{prefix}post__")


def counted_posts_q(prefix: str = "") -> Q:
    """Posts that count for tag search and trending: public, shown, by an active author, for everyone alike."""
    return _shown(prefix) & _on(prefix, visibility=PUBLIC)


# Single items


def post_for_viewer(*, post_id: int, viewer: Viewer) -> Post:
    """The post with its author, or 404 when it is missing or hidden from the viewer; one query."""
    post = post_rows().filter(seeable_posts_q(viewer), pk=post_id).first()
    if post is None:
        raise Http404("No such post.")
    return post


def reply_for_viewer(*, reply_id: int, viewer: Viewer) -> Comment:
    """The reply with its author and post, or 404 when it is missing or hidden from the viewer."""
    reply = reply_rows().filter(seeable_replies_q(viewer), pk=reply_id).first()
    if reply is None:
        raise Http404("No such comment.")
    return reply


def may_see_post(*, viewer: Viewer, post: Post) -> bool:
    """Muting hides a post from lists, not from its own page: only blocks and visibility count."""
    return Post.objects.filter(seeable_posts_q(viewer), pk=post.pk).exists()


def _reply_facts(*, viewer: Viewer, posts: list[Post]) -> dict[int, tuple[bool, bool]]:
    """For the posts whose reply policy asks, whether their author follows the viewer and whether
    they mention the viewer: {post id: (follows, mentions)}, in one query for a whole page (none
    when no post on it limits replies)."""
    limited = [
        post.pk
        for post in posts
        if post.reply_policy != Post.ReplyPolicy.EVERYONE and viewer.is_authenticated and viewer.pk != post.author_id
    ]
    if not limited:
        return {}
    rows = Post.objects.filter(pk__in=limited).annotate(
        author_follows=Exists(Follow.objects.filter(follower=OuterRef("author_id"), followee=viewer)),
        mentions_viewer=Exists(Post.mentions.through.objects.filter(post=OuterRef("pk"), user=viewer)),
    )
    return {
        pk: (follows, mentions) for pk, follows, mentions in rows.values_list("pk", "author_follows", "mentions_viewer")
    }


def _refusal(viewer: Viewer, post: Post, facts: dict[int, tuple[bool, bool]]) -> str | None:
    if not viewer.is_authenticated:
        return "Log in to reply."
    if viewer.pk == post.author_id or post.reply_policy == Post.ReplyPolicy.EVERYONE:
        return None
    follows, mentions = facts.get(post.pk, (False, False))
    if post.reply_policy == Post.ReplyPolicy.FOLLOWING and not follows:
        return f"Only people @{post.author.username} follows can reply."
    if post.reply_policy == Post.ReplyPolicy.MENTIONED and not mentions:
        return f"Only people @{post.author.username} mentions can reply."
    return None


def reply_refusal(*, viewer: Viewer, post: Post) -> str | None:
    """Why the viewer may not reply to the post, in words for the page and the API; None when they may.

    Seeing the post comes first; then its author's `reply_policy` (everyone, people they follow,
    people the post mentions), which never binds the author themselves.
    """
    if viewer.is_authenticated and not may_see_post(viewer=viewer, post=post):
        return "You cannot see this post."
    return _refusal(viewer, post, _reply_facts(viewer=viewer, posts=[post]))


def may_reply(*, viewer: Viewer, post: Post) -> bool:
    return reply_refusal(viewer=viewer, post=post) is None


def may_like(*, viewer: Viewer, post: Post) -> bool:
    return viewer.is_authenticated and may_see_post(viewer=viewer, post=post)


def may_edit_post(*, viewer: Viewer, post: Post) -> bool:
    """Only the author: a moderator removes a post, never rewrites it."""
    return viewer.is_authenticated and viewer.pk == post.author_id


def may_delete_post(*, viewer: Viewer, post: Post) -> bool:
    """The author, or a moderator who may moderate the author (accounts.roles: not staff's posts)."""
    return viewer.is_authenticated and (
        viewer.pk == post.author_id or moderation_refusal(actor=viewer, person=post.author) is None
    )


def may_report_post(*, viewer: Viewer, post: Post) -> bool:
    return viewer.is_authenticated and viewer.pk != post.author_id


def may_delete_reply(*, viewer: Viewer, reply: Comment) -> bool:
    """The reply's author or a moderator who may moderate them (the post's author reports it instead)."""
    return viewer.is_authenticated and (
        viewer.pk == reply.author_id or moderation_refusal(actor=viewer, person=reply.author) is None
    )


def may_report_reply(*, viewer: Viewer, reply: Comment) -> bool:
    return viewer.is_authenticated and viewer.pk != reply.author_id


# Lists


def home_posts(viewer: Viewer) -> QuerySet:
    """Posts by the people the viewer follows (any visibility: following is what lets them see it) and
    by the viewer; Explore for a visitor.

    The followees' ids are read first and passed as a list: with real ids PostgreSQL's planner
    knows how many posts they have and picks the (author, id) index for a quiet feed, instead of
    walking the whole posts table backwards as it does for a subquery.
    """
    if not viewer.is_authenticated:
        return explore_posts(viewer)
    author_ids = [*followee_ids(viewer).values_list("followee_id", flat=True), viewer.pk]
    return post_rows().filter(_shown(""), author_id__in=author_ids).filter(authors_not_hidden_from(viewer))


def explore_posts(viewer: Viewer) -> QuerySet:
    """Every public post, less those of people the viewer blocked or muted or who blocked them."""
    return post_rows().filter(seeable_posts_q(viewer), visibility=PUBLIC).filter(authors_not_hidden_from(viewer))


def profile_posts(*, viewer: Viewer, author: User, with_replies: bool = False) -> QuerySet:
    """The author's posts the viewer may see: followers-only ones for the author and followers, none
    when either blocked the other (the door answers 404 when the author blocked the viewer); a muted
    author's own profile still shows their posts.

    The "Posts" tab holds posts and reposts; "Posts and replies" adds the author's replies (any post
    of a conversation but its first, so a reply whose parent was deleted stays a reply).
    """
    posts = post_rows().filter(seeable_posts_q(viewer), author=author)
    return posts if with_replies else posts.filter(conversation_id=None)


def conversation_rows(*, viewer: Viewer, root_id: int) -> QuerySet:
    """Every post of the conversation started by `root_id` (reposts aside), each annotated with `seen`
    (the viewer may see it) and `listed` (seen, and its author is not muted nor blocked either way).

    Posts the viewer may not see stay in, as bare ids, so that the tree holds together around them:
    their seen replies still find their place. Readers take nothing but ids from a row not `seen`.
    """
    listed = authors_not_hidden_from(viewer)
    seen_q = seeable_posts_q(viewer)
    listed_q = seen_q & listed if listed else seen_q
    return (
        Post.objects.filter(Q(pk=root_id) | Q(conversation_id=root_id), repost_of=None)
        .annotate(
            seen=Case(When(seen_q, then=Value(True)), default=Value(False), output_field=BooleanField()),
            listed=Case(When(listed_q, then=Value(True)), default=Value(False), output_field=BooleanField()),
        )
        .order_by("id")
    )


def _listed_posts(viewer: Viewer) -> QuerySet:
    return post_rows().filter(seeable_posts_q(viewer)).filter(authors_not_hidden_from(viewer))


def tag_posts(*, viewer: Viewer, tag: str) -> QuerySet:
    return _listed_posts(viewer).filter(hashtags__name=tag.lower())


def searchable_posts(viewer: Viewer) -> QuerySet:
    """What a post search may find for the viewer, before the backend matches the words."""
    return _listed_posts(viewer)


def replies_of(*, viewer: Viewer, post: Post) -> QuerySet:
    """The replies of a post the viewer sees, oldest first; those of people they muted are left out
    like muted people's posts in lists (opened by their link, such a reply still shows)."""
    replies = reply_rows().filter(seeable_replies_q(viewer), post=post)
    return replies.filter(authors_not_hidden_from(viewer)).order_by("id")


def people_who_may_see(*, post: Post, people: QuerySet, reply: Comment | None = None) -> QuerySet:
    """Of `people`, those who may see the post (and the reply): seeable_posts_q read from the post's side."""
    hidden = post.removed_at is not None or not post.author.is_active
    if reply is not None:
        hidden = hidden or reply.removed_at is not None or not reply.author.is_active
        people = people.filter(people_not_hidden_from(reply.author))
    if hidden:
        return people.none()
    people = people.filter(is_active=True).filter(people_not_hidden_from(post.author))
    if post.is_public:
        return people
    return people.filter(Q(pk=post.author_id) | Q(pk__in=followers_of(post.author).values("follower_id")))


# Flags for templates and serializers


def mark_posts(*, viewer: Viewer, posts: list[Post]) -> list[Post]:
    """Set `liked`, the `can_*` flags and `reply_refusal` (why not, or None) on a page of posts the
    viewer sees: one query for the likes, one for who may reply when a post on the page limits it."""
    liked = liked_post_ids(viewer=viewer, posts=posts)
    reply_facts = _reply_facts(viewer=viewer, posts=posts)
    for post in posts:
        post.liked = post.pk in liked
        post.can_like = viewer.is_authenticated
        post.reply_refusal = _refusal(viewer, post, reply_facts)
        post.can_reply = post.reply_refusal is None
        post.can_edit = may_edit_post(viewer=viewer, post=post)
        post.can_delete = may_delete_post(viewer=viewer, post=post)
        post.can_report = may_report_post(viewer=viewer, post=post)
    return posts


def mark_replies(*, viewer: Viewer, replies: Iterable[Comment]) -> None:
    """Set the `can_*` flags on a page of replies the viewer sees, without a query."""
    for reply in replies:
        reply.can_delete = may_delete_reply(viewer=viewer, reply=reply)
        reply.can_report = may_report_reply(viewer=viewer, reply=reply)
