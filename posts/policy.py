"""Who may see and do what with posts and replies: decided here once, every door asks.

Items: post_for_viewer / reply_for_viewer (404 when hidden) for every page, API view and report
  form; may_see_post, may_reply, may_like (posts.services' writes); may_edit_post, may_delete_post,
  may_delete_reply (services and the edit/delete views); may_report_post / may_report_reply.
Lists: home_posts, explore_posts (home, Explore, posts APIs); profile_posts (profile, users/{u}/posts);
  tag_posts (tag page, tags/{tag}/posts); searchable_posts (search); counted_posts_q (tag search,
  trending); replies_of (post page, posts/{id}/comments).
Notifications: seeable_posts_q / seeable_replies_q (post_visible, reply_visible in notifications.
  selectors); people_who_may_see (mention recipients in notifications.recipients).
Flags: mark_posts / mark_replies set `liked` and `can_*` on a page for templates and serializers.
Reposts and quotes: repost_refusal, quote_refusal (posts.reposts' writes and the `can_*` flags);
  may_detach_quote; with_quote_state (the quote card of every post on a page, in the page's query);
  reposts_of / quotes_of (posts/{id}/reposts and /quotes).

A repost is a row of its own (author = the reposter, public, no body) pointing at the original:
it is seen when its reposter is and the original is, so reposting never shows a post to someone
its author did not let see it.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import moderation_refusal
from posts.models import Comment, Post
from posts.selectors import post_rows, reply_rows, viewer_marks
from social.selectors import (
    authors_not_hidden_from,
    followee_ids,
    followers_of,
    is_blocked_either_way,
    is_following,
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
    shown, public = _shown(prefix), _on(prefix, visibility=PUBLIC)
    if not viewer.is_authenticated:
        return shown & public
    followed = _on(prefix, author__in=followee_ids(viewer))
    not_blocked = people_not_hidden_from(viewer, field=f"{prefix}author")
    return shown & (_on(prefix, author=viewer) | ((public | followed) & not_blocked))


def seeable_posts_q(viewer: Viewer, prefix: str = "") -> Q:
    """The one rule for posts (fields under `prefix`): shown (not removed, author active), and the
    viewer's own, or public or by someone they follow, with no block either way; a repost row also
    needs its original seen by the same rule (an original is never itself a repost).

    Moderators read like everyone else here; removed posts reach them through the moderation queue.
    """
    original = _on(prefix, repost_of=None) | _seeable_itself_q(viewer, f"{prefix}repost_of__")
    return _seeable_itself_q(viewer, prefix) & original


def _listed_reposts_q(viewer: Viewer) -> Q:
    """In lists, a repost row also needs its original's author not muted (nor blocked) by the viewer."""
    original = _seeable_itself_q(viewer, "repost_of__") & authors_not_hidden_from(viewer, "repost_of__author")
    return Q(repost_of=None) | original


def seeable_replies_q(viewer: Viewer, prefix: str = "") -> Q:
    """A reply is seen when shown, with no block either way with its author, on a post the viewer sees."""
    not_blocked = people_not_hidden_from(viewer, field=f"{prefix}author")
    return _shown(prefix) & not_blocked & seeable_posts_q(viewer, f"{prefix}post__")


def counted_posts_q(prefix: str = "") -> Q:
    """Posts that count for tag search and trending: public, shown, by an active author, for everyone
    alike; never repost rows, which have no words of their own."""
    return _shown(prefix) & _on(prefix, visibility=PUBLIC, repost_of=None)


# Single items


def post_for_viewer(*, post_id: int, viewer: Viewer) -> Post:
    """The post with its author, or 404 when it is missing or hidden from the viewer; one query."""
    post = with_quote_state(post_rows(), viewer).filter(seeable_posts_q(viewer), pk=post_id).first()
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


def may_reply(*, viewer: Viewer, post: Post) -> bool:
    return viewer.is_authenticated and may_see_post(viewer=viewer, post=post)


def may_like(*, viewer: Viewer, post: Post) -> bool:
    return viewer.is_authenticated and may_see_post(viewer=viewer, post=post)


def may_edit_post(*, viewer: Viewer, post: Post) -> bool:
    """Only the author: a moderator removes a post, never rewrites it. A repost row has no words to edit."""
    return viewer.is_authenticated and viewer.pk == post.author_id and not post.repost_of_id


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


def original_of(post: Post) -> Post:
    """What a post stands for when acted on: the original for a repost row (liking a repost likes it)."""
    return post.repost_of if post.repost_of_id else post


def repost_refusal(viewer: Viewer, post: Post, *, seen: bool = False) -> str | None:
    """Why the viewer may not repost `post` (a repost row stands for its original), or None when they may.

    Only public posts travel: reposting would show a followers-only post to the reposter's
    followers. `seen`: the post was read through seeable_posts_q for this viewer, which already
    leaves out blocks either way, so a page of flags needs no query.
    """
    post = original_of(post)
    if not viewer.is_authenticated:
        return "Log in to repost."
    if post.removed_at is not None or not post.author.is_active:
        return "This post was removed."
    if not post.is_public:
        return "Posts for followers only cannot be reposted."
    if not seen and is_blocked_either_way(viewer, post.author):
        return "You cannot repost this person's posts."
    return None


def quote_refusal(viewer: Viewer, post: Post, *, seen: bool = False, follows_author: bool | None = None) -> str | None:
    """Why the viewer may not quote `post`, or None: they must see it, and its `quote_policy` decides.

    A follower may quote a followers-only post: the card shows it only to those who may see it
    (with_quote_state), so the quote leaks nothing. `seen` as in repost_refusal; `follows_author`
    when the caller knows it already (mark_posts), else one query.
    """
    post = original_of(post)
    if not viewer.is_authenticated:
        return "Log in to quote."
    if not seen and not may_see_post(viewer=viewer, post=post):
        return "You cannot see this post."
    if viewer.pk == post.author_id:
        return None
    if post.quote_policy == Post.QuotePolicy.NOBODY:
        return "The author does not let anyone quote this post."
    if post.quote_policy == Post.QuotePolicy.FOLLOWERS:
        if follows_author is None:
            follows_author = is_following(follower=viewer, followee=post.author)
        if not follows_author:
            return "Only the author's followers may quote this post."
    return None


def may_detach_quote(*, viewer: Viewer, post: Post) -> bool:
    """The quoted post's author may take it out of a quote (the quote stays, its card says so)."""
    return viewer.is_authenticated and post.quoted_post_id is not None and post.quoted_post.author_id == viewer.pk


def with_quote_state(posts: QuerySet, viewer: Viewer) -> QuerySet:
    """Annotate whether the viewer may see each row's quoted post (and a repost's original's), in the
    list's own query: a quote card never costs a query of its own."""

    def seen(prefix: str) -> ExpressionWrapper:
        return ExpressionWrapper(
            _on(prefix, quoted_post=None) | _seeable_itself_q(viewer, f"{prefix}quoted_post__"),
            output_field=BooleanField(),
        )

    return posts.annotate(quote_seen=seen(""), original_quote_seen=seen("repost_of__"))


def _quote_state(viewer: Viewer, post: Post) -> str | None:
    """The quote card's state for the viewer: ok, unavailable (hidden from them, or deleted) or
    detached; None for a post that quotes nothing.

    A deleted quoted post leaves quoted_post empty with quote_detached_at set (posts.services.post_delete).
    """
    if post.quoted_post_id is None:
        return "unavailable" if post.quote_detached_at else None
    if post.quote_detached_at is not None:
        return "detached"
    seen = getattr(post, "quote_seen", None)
    if seen is None:
        seen = may_see_post(viewer=viewer, post=post.quoted_post)
    return "ok" if seen else "unavailable"


# Lists


def _rows(viewer: Viewer) -> QuerySet:
    return with_quote_state(post_rows(), viewer)


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
    rows = _rows(viewer).filter(_shown(""), _listed_reposts_q(viewer), author_id__in=author_ids)
    return rows.filter(authors_not_hidden_from(viewer))


def explore_posts(viewer: Viewer) -> QuerySet:
    """Every public post and repost, less those of people the viewer blocked or muted or who blocked them."""
    rows = _rows(viewer).filter(seeable_posts_q(viewer), _listed_reposts_q(viewer), visibility=PUBLIC)
    return rows.filter(authors_not_hidden_from(viewer))


def profile_posts(*, viewer: Viewer, author: User) -> QuerySet:
    """The author's posts and reposts the viewer may see: followers-only ones for the author and
    followers, none when either blocked the other (the door answers 404 when the author blocked the
    viewer); a muted author's own profile still shows their posts."""
    return _rows(viewer).filter(seeable_posts_q(viewer), _listed_reposts_q(viewer), author=author)


def _listed_posts(viewer: Viewer) -> QuerySet:
    """Lists of words (tags, search) never show repost rows: they have none of their own."""
    return _rows(viewer).filter(seeable_posts_q(viewer), repost_of=None).filter(authors_not_hidden_from(viewer))


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


def reposts_of(*, viewer: Viewer, post: Post) -> QuerySet:
    """Who reposted a post the viewer sees (repost rows with their reposter), less people hidden from them."""
    rows = Post.objects.select_related("author").filter(_shown(""), repost_of=post)
    return rows.filter(authors_not_hidden_from(viewer))


def quotes_of(*, viewer: Viewer, post: Post) -> QuerySet:
    """The quotes of a post the viewer sees, attached and seen by them, less those of people hidden from them."""
    rows = _rows(viewer).filter(seeable_posts_q(viewer), quoted_post=post, quote_detached_at=None)
    return rows.filter(authors_not_hidden_from(viewer))


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


def _mark_one(viewer: Viewer, post: Post, marks: tuple[bool, bool, bool]) -> None:
    liked, reposted, follows_author = marks
    post.liked, post.reposted = liked, reposted
    post.can_like = post.can_reply = viewer.is_authenticated
    post.can_edit = may_edit_post(viewer=viewer, post=post)
    post.can_delete = may_delete_post(viewer=viewer, post=post)
    post.can_report = may_report_post(viewer=viewer, post=post)
    post.can_repost = repost_refusal(viewer, post, seen=True) is None
    post.can_quote = quote_refusal(viewer, post, seen=True, follows_author=follows_author) is None
    post.can_detach = post.quote_detached_at is None and may_detach_quote(viewer=viewer, post=post)
    post.quote_state = _quote_state(viewer, post)


def mark_posts(*, viewer: Viewer, posts: list[Post]) -> list[Post]:
    """Set `liked`, `reposted`, the quote card's state and the `can_*` flags on a page of posts the
    viewer sees, in one query.

    A repost row is marked for its original (it shows the original, and acting on it acts on the
    original), except that its reposter may delete it, which undoes the repost.
    """
    originals = []
    for post in posts:
        if post.repost_of_id:
            post.repost_of.quote_seen = getattr(post, "original_quote_seen", None)
        originals.append(original_of(post))
    marks = viewer_marks(viewer=viewer, posts=originals)
    for post, original in zip(posts, originals, strict=True):
        _mark_one(viewer, original, marks.get(original.pk, (False, False, False)))
        if post is not original:
            _mark_one(viewer, post, marks.get(original.pk, (False, False, False)))
            post.can_report = post.can_detach = False
            post.can_delete = viewer.is_authenticated and viewer.pk == post.author_id
    return posts


def mark_replies(*, viewer: Viewer, replies: Iterable[Comment]) -> None:
    """Set the `can_*` flags on a page of replies the viewer sees, without a query."""
    for reply in replies:
        reply.can_delete = may_delete_reply(viewer=viewer, reply=reply)
        reply.can_report = may_report_reply(viewer=viewer, reply=reply)
