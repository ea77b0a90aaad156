"""Who may see and do what with posts and replies: decided here once, every door asks.

A reply is a post (`in_reply_to`): every rule below applies to it, and it is seen only with its parent
and its conversation's first post.

Items: post_for_viewer (404 when hidden) for every page, API view and report form; may_see_post,
  may_reply / reply_refusal (who may reply, and why not), may_like, may_bookmark (posts.services' and
  posts.bookmarks' writes); may_edit_post, may_delete_post (services and the edit/delete views);
  may_report_post.
Lists: home_posts, explore_posts (home, Explore, posts APIs); profile_posts (profile, users/{u}/posts,
  with or without replies); conversation_rows (posts.threads: the thread page and posts/{id}/thread);
  tag_posts (tag page, tags/{tag}/posts); searchable_posts (search); counted_posts_q (tag search,
  trending); replies_of (posts/{id}/replies); bookmarked_posts (/bookmarks/, bookmarks).
Notifications: seeable_posts_q (post_visible in notifications.selectors); people_who_may_see
  (mention recipients in notifications.recipients).
Flags: mark_posts sets `liked`, `bookmarked`, `reposted`, `reply_refusal` and `can_*` on a page for
  templates and serializers.
Reposts and quotes: repost_refusal, quote_refusal (posts.reposts' writes and the `can_*` flags);
  may_detach_quote; with_quote_state (the quote card of every post on a page, in the page's query);
  reposts_of / quotes_of (posts/{id}/reposts and /quotes).

A repost is a row of its own (author = the reposter, public, no body) pointing at the original:
it is seen when its reposter is and the original is, so reposting never shows a post to someone
its author did not let see it.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, Case, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value, When
from django.http import Http404

from accounts.models import User
from accounts.roles import moderation_refusal
from posts.models import Post
from posts.selectors import bookmark_rows, post_rows, viewer_marks
from social.models import Follow
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
    """A post by itself (fields under `prefix`): shown (not removed, author active), and the
    viewer's own, or public or by someone they follow, with no block either way."""
    shown, public = _shown(prefix), _on(prefix, visibility=PUBLIC)
    if not viewer.is_authenticated:
        return shown & public
    followed = _on(prefix, author__in=followee_ids(viewer))
    not_blocked = people_not_hidden_from(viewer, field=f"{prefix}author")
    return shown & (_on(prefix, author=viewer) | ((public | followed) & not_blocked))


def _thread_seeable_q(viewer: Viewer, prefix: str) -> Q:
    """The conversation's first post is seeable by itself, or gone (conversation_id is a plain id)."""
    first_post = Post.objects.filter(pk=OuterRef(f"{prefix}conversation_id"))
    started_here = _on(prefix, conversation_id=None)
    return started_here | ~Exists(first_post) | Exists(first_post.filter(_seeable_itself_q(viewer, "")))


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
    post = with_quote_state(post_rows(), viewer).filter(seeable_posts_q(viewer), pk=post_id).first()
    if post is None:
        raise Http404("No such post.")
    return post


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


def may_bookmark(*, viewer: Viewer, post: Post) -> bool:
    """Keeping a post needs only seeing it; nobody else is told (bookmarks are private)."""
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
            _on(prefix, quoted_post=None) | _seeable_in_context_q(viewer, f"{prefix}quoted_post__"),
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
    # Replies only to these same people, as in a conversation among them (and its parent is shown and
    # by nobody the viewer muted or blocked).
    parent_listed = _shown("in_reply_to__") & authors_not_hidden_from(viewer, field="in_reply_to__author")
    among_them = Q(conversation_id=None) | (Q(in_reply_to__author_id__in=author_ids) & parent_listed)
    original = Q(repost_of=None) | _seeable_in_context_q(viewer, "repost_of__")
    rows = _rows(viewer).filter(_shown(""), among_them, original, _listed_reposts_q(viewer), author_id__in=author_ids)
    return rows.filter(authors_not_hidden_from(viewer))


def explore_posts(viewer: Viewer) -> QuerySet:
    """Every public post and repost that starts nothing but a conversation (replies are read in their
    threads), less those of people the viewer blocked or muted or who blocked them."""
    rows = _rows(viewer).filter(seeable_posts_q(viewer), _listed_reposts_q(viewer), visibility=PUBLIC)
    return rows.filter(authors_not_hidden_from(viewer), conversation_id=None)


def profile_posts(*, viewer: Viewer, author: User, with_replies: bool = False) -> QuerySet:
    """The author's posts and reposts (and replies, when asked) the viewer may see: followers-only ones
    for the author and followers, none when either blocked the other (the door answers 404 when the
    author blocked the viewer); a muted author's own profile still shows their posts."""
    rows = _rows(viewer).filter(seeable_posts_q(viewer), _listed_reposts_q(viewer), author=author)
    return rows if with_replies else rows.filter(conversation_id=None)


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
    replies = post_rows().filter(seeable_posts_q(viewer), in_reply_to=post)
    return replies.filter(authors_not_hidden_from(viewer)).order_by("id")


def bookmarked_posts(viewer: User) -> QuerySet:
    """The viewer's bookmarks (newest first by the bookmark's id) of posts they may still see.

    A bookmark of a post that became hidden stays stored and shows again if the post does; muting
    leaves bookmarks alone, since keeping a post was the viewer's own choice.
    """
    return bookmark_rows(viewer).filter(seeable_posts_q(viewer, "post__"))


def reposts_of(*, viewer: Viewer, post: Post) -> QuerySet:
    """Who reposted a post the viewer sees (repost rows with their reposter), less people hidden from them."""
    rows = Post.objects.select_related("author").filter(_shown(""), repost_of=post)
    return rows.filter(authors_not_hidden_from(viewer))


def quotes_of(*, viewer: Viewer, post: Post) -> QuerySet:
    """The quotes of a post the viewer sees, attached and seen by them, less those of people hidden from them."""
    rows = _rows(viewer).filter(seeable_posts_q(viewer), quoted_post=post, quote_detached_at=None)
    return rows.filter(authors_not_hidden_from(viewer))


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


# Flags for templates and serializers


NO_MARKS = (False, False, False, False)


def _mark_one(viewer: Viewer, post: Post, marks: tuple[bool, bool, bool, bool], reply_facts: dict) -> None:
    liked, reposted, bookmarked, follows_author = marks
    post.liked, post.reposted, post.bookmarked = liked, reposted, bookmarked
    post.can_like = viewer.is_authenticated
    post.reply_refusal = _refusal(viewer, post, reply_facts)
    post.can_reply = post.reply_refusal is None
    post.can_edit = may_edit_post(viewer=viewer, post=post)
    post.can_delete = may_delete_post(viewer=viewer, post=post)
    post.can_report = may_report_post(viewer=viewer, post=post)
    post.can_repost = repost_refusal(viewer, post, seen=True) is None
    post.can_quote = quote_refusal(viewer, post, seen=True, follows_author=follows_author) is None
    post.can_detach = post.quote_detached_at is None and may_detach_quote(viewer=viewer, post=post)
    post.quote_state = _quote_state(viewer, post)


def mark_posts(*, viewer: Viewer, posts: list[Post]) -> list[Post]:
    """Set `liked`, `bookmarked`, `reposted`, the quote card's state, `reply_refusal` (why not, or None)
    and the `can_*` flags on a page of posts the viewer sees: one query, and one more for who may reply
    when a post on the page limits it.

    A repost row is marked for its original (it shows the original, and acting on it, bookmarking
    included, acts on the original), except that its reposter may delete it, which undoes the repost.
    """
    originals = []
    for post in posts:
        if post.repost_of_id:
            post.repost_of.quote_seen = getattr(post, "original_quote_seen", None)
        originals.append(original_of(post))
    marks = viewer_marks(viewer=viewer, posts=originals)
    reply_facts = _reply_facts(viewer=viewer, posts=originals)
    for post, original in zip(posts, originals, strict=True):
        _mark_one(viewer, original, marks.get(original.pk, NO_MARKS), reply_facts)
        if post is not original:
            _mark_one(viewer, post, marks.get(original.pk, NO_MARKS), reply_facts)
            post.reply_refusal, post.can_reply = original.reply_refusal, original.can_reply
            post.can_report = post.can_detach = False
            post.can_delete = viewer.is_authenticated and viewer.pk == post.author_id
    return posts
