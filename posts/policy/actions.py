"""What a viewer may do with a post they see, and the flags a page of posts carries (mark_posts)."""

from django.db.models import Exists, OuterRef

from accounts.roles import moderation_refusal
from posts.models import Post
from posts.policy.visibility import Viewer, may_see_post, seen_post_ids
from posts.selectors import viewer_marks
from social.models import Follow
from social.selectors import (
    is_blocked_either_way,
    is_following,
)


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
        **reply_facts_annotations(viewer=viewer, post=OuterRef("pk"), author=OuterRef("author_id"))
    )
    return {
        pk: (follows, mentions) for pk, follows, mentions in rows.values_list("pk", "author_follows", "mentions_viewer")
    }


def reply_facts_annotations(*, viewer: Viewer, post, author) -> dict:
    """_reply_facts' two facts as annotations on a query of posts (`post`, `author`: expressions for the
    post's id and its author's), so that a page's one query (posts.hydration) carries them."""
    return {
        "author_follows": Exists(Follow.objects.filter(follower=author, followee=viewer)),
        "mentions_viewer": Exists(Post.mentions.through.objects.filter(post=post, user=viewer)),
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


def pin_refusal(*, viewer: Viewer, post: Post) -> str | None:
    """Why the viewer may not pin `post` to their profile, or None: only their own words (never a repost
    row, which shows someone else's), and not a post a moderator removed."""
    if not viewer.is_authenticated:
        return "Log in to pin posts."
    if post.repost_of_id:
        return "A repost cannot be pinned; pin your own posts."
    if post.author_id != viewer.pk:
        return "You can only pin your own posts."
    if post.removed_at is not None:
        return "This post was removed."
    return None


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
    (mark_posts asks seen_post_ids), so the quote leaks nothing. `seen` as in repost_refusal; `follows_author`
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


def _quote_state(post: Post, seen_quotes: set[int]) -> str | None:
    """The quote card's state for the viewer: ok, unavailable (hidden from them, or deleted) or
    detached; None for a post that quotes nothing.

    A deleted quoted post leaves quoted_post empty with quote_detached_at set (posts.services.post_delete).
    """
    if post.quoted_post_id is None:
        return "unavailable" if post.quote_detached_at else None
    if post.quote_detached_at is not None:
        return "detached"
    return "ok" if post.quoted_post_id in seen_quotes else "unavailable"


# Lists


NO_MARKS = (False, False, False, False)


def _mark_one(viewer: Viewer, post: Post, marks: tuple, reply_facts: dict, seen_quotes: set[int]) -> None:
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
    post.quote_state = _quote_state(post, seen_quotes)


def mark_posts(*, viewer: Viewer, posts: list[Post]) -> list[Post]:
    """Set `liked`, `bookmarked`, `reposted`, the quote card's state, `reply_refusal` (why not, or None)
    and the `can_*` flags on a page of posts the viewer sees: one query, one more for who may reply
    when a post on the page limits it, and one for the quote cards when it has any.

    A repost row is marked for its original (it shows the original, and acting on it, bookmarking
    included, acts on the original), except that its reposter may delete it, which undoes the repost.
    """
    originals = [original_of(post) for post in posts]
    marks = viewer_marks(viewer=viewer, posts=originals)
    reply_facts = _reply_facts(viewer=viewer, posts=originals)
    seen_quotes = seen_post_ids(viewer=viewer, post_ids=attached_quote_ids(originals))
    return marks_apply(viewer=viewer, posts=posts, marks=marks, reply_facts=reply_facts, seen_quotes=seen_quotes)


def attached_quote_ids(originals: list[Post]) -> set[int]:
    """The posts whose quote cards a page shows, if the viewer may see them (seen_post_ids asks)."""
    return {post.quoted_post_id for post in originals if post.quoted_post_id and not post.quote_detached_at}


def marks_apply(
    *,
    viewer: Viewer,
    posts: list[Post],
    marks: dict[int, tuple],
    reply_facts: dict[int, tuple[bool, bool]],
    seen_quotes: set[int],
) -> list[Post]:
    """mark_posts' flags from facts already read: viewer_marks' and _reply_facts' {original id: facts}
    and the quoted posts the viewer sees. posts.hydration reads those facts in its page's query."""
    originals = [original_of(post) for post in posts]
    for post, original in zip(posts, originals, strict=True):
        _mark_one(viewer, original, marks.get(original.pk, NO_MARKS), reply_facts, seen_quotes)
        if post is not original:
            _mark_one(viewer, post, marks.get(original.pk, NO_MARKS), reply_facts, seen_quotes)
            post.reply_refusal, post.can_reply = original.reply_refusal, original.can_reply
            post.can_report = post.can_detach = False
            post.can_delete = viewer.is_authenticated and viewer.pk == post.author_id
    return posts
