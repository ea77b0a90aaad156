"""The lists of posts: which rows each page and endpoint shows a viewer, all through seeable_posts_q."""

from collections.abc import Callable

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When

from accounts.models import User
from posts.models import Like, Post, PostImage
from posts.policy.visibility import (
    PUBLIC,
    Viewer,
    _listed_reposts_q,
    _seeable_in_context_q,
    _shown,
    seeable_posts_q,
)
from posts.selectors import bookmark_rows, post_rows
from social.models import Follow
from social.selectors import (
    authors_not_hidden_from,
    followee_ids,
)


def _rows(viewer: Viewer) -> QuerySet:
    return post_rows()


def _home_q(viewer: Viewer, followed: Callable[[str], Q]) -> Q:
    """The home rule, given how to say "this person (field) is the viewer or someone they follow":
    their posts and reposts, and their replies to these same people, as in a conversation among
    them (whose parent is shown and by nobody the viewer muted or blocked)."""
    parent_listed = _shown("in_reply_to__") & authors_not_hidden_from(viewer, field="in_reply_to__author")
    among_them = Q(conversation_id=None) | (followed("in_reply_to__author_id") & parent_listed)
    first_sighting = _first_sighting_q(viewer, followed)
    original = Q(repost_of=None) | (_seeable_in_context_q(viewer, "repost_of__") & first_sighting)
    return _shown("") & among_them & original & _listed_reposts_q(viewer) & followed("author_id")


def _first_sighting_q(viewer: Viewer, followed: Callable[[str], Q]) -> Q:
    """A post reposted by several people the viewer follows shows once, where the first repost still
    listed brought it, and not at all when its author is followed (the post itself is there), as
    Mastodon does."""
    earlier = Post.objects.filter(
        followed("author_id"), _shown(""), authors_not_hidden_from(viewer), repost_of=OuterRef("repost_of")
    )
    return ~followed("repost_of__author_id") & ~Exists(earlier.filter(pk__lt=OuterRef("pk")))


def home_posts(viewer: Viewer) -> QuerySet:
    """Posts by the people the viewer follows (any visibility: following is what lets them see it) and
    by the viewer, by the home rule (_home_q); Explore for a visitor. The pull query: what a home
    timeline is, whichever way it is read (timelines.reads).

    The followees' ids are read first and passed as a list: with real ids PostgreSQL's planner
    knows how many posts they have and picks the (author, id) index for a quiet feed, instead of
    walking the whole posts table backwards as it does for a subquery.
    """
    if not viewer.is_authenticated:
        return explore_posts(viewer)
    author_ids = [*followee_ids(viewer).values_list("followee_id", flat=True), viewer.pk]
    rows = _rows(viewer).filter(_home_q(viewer, lambda field: Q(**{f"{field}__in": author_ids})))
    return rows.filter(authors_not_hidden_from(viewer))


def home_posts_among(
    viewer: User, *, post_ids: list[int], pulled_author_ids: list[int], below: int | None, above: int, limit: int
) -> QuerySet:
    """home_posts, for the ids a Redis feed holds and the posts of the followed pulled authors, with
    ids in (above, below): the hybrid read's one query (timelines.reads).

    "Followed" is a lookup per row here, so the cost does not grow with how many people the viewer
    follows. The pulled authors' posts come through a subquery limited to a page, under the same
    rule, so that the first `limit` rows of the union are always right.
    """

    def followed(field: str) -> Q:
        return Q(**{field: viewer.pk}) | Q(Exists(Follow.objects.filter(follower=viewer, followee_id=OuterRef(field))))

    home = _home_q(viewer, followed) & authors_not_hidden_from(viewer)
    window = Q(pk__gt=above) & (Q(pk__lt=below) if below else Q())
    chosen = Q(pk__in=post_ids)
    if pulled_author_ids:
        followed_pulled = Follow.objects.filter(follower=viewer, followee_id__in=pulled_author_ids)
        pulled = Post.objects.filter(home, window, author_id__in=followed_pulled.values("followee_id"))
        chosen |= Q(pk__in=pulled.order_by("-id").values("pk")[:limit])
    return _rows(viewer).filter(home, window, chosen)


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


def profile_media_posts(*, viewer: Viewer, author: User) -> QuerySet:
    """The profile's Media tab: the author's own posts and replies with images, by profile_posts' rule."""
    with_images = Exists(PostImage.objects.filter(post=OuterRef("pk")))
    return profile_posts(viewer=viewer, author=author, with_replies=True).filter(with_images, repost_of=None)


def pinned_posts(*, viewer: Viewer, author: User) -> QuerySet:
    """The author's pinned posts the viewer may see (profile_posts' rule), latest pin first: a pin never
    shows a post the viewer could not read on the profile itself."""
    rows = profile_posts(viewer=viewer, author=author, with_replies=True).filter(pins__user=author)
    return rows.order_by("-pins__id")


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


def _listed_posts(viewer: Viewer, **words) -> QuerySet:
    """Lists of words (tags, search) never show repost rows: they have none of their own.

    `words` filter first, so that their joins come before the policy's: past join_collapse_limit
    PostgreSQL joins in the written order, and a tag joined last made it read thousands of posts.
    """
    rows = post_rows().filter(**words)
    return rows.filter(seeable_posts_q(viewer), repost_of=None).filter(authors_not_hidden_from(viewer))


def tag_posts(*, viewer: Viewer, tag: str) -> QuerySet:
    return _listed_posts(viewer, hashtags__name=tag.lower())


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


def liked_posts(viewer: User) -> QuerySet:
    """The viewer's likes (newest first by the like's id) of posts they may still see, as bookmarked_posts:
    a like of a post that became hidden stays stored and shows again if the post does."""
    return Like.objects.filter(user=viewer).filter(seeable_posts_q(viewer, "post__")).order_by("-id")


def likes_of(*, viewer: Viewer, post: Post) -> QuerySet:
    """Who liked a post the viewer sees (like rows naming their person in `user_id`), less suspended
    people and people hidden from the viewer, as reposts_of leaves them out of the reposters."""
    rows = Like.objects.filter(post=post, user__is_active=True)
    return rows.filter(authors_not_hidden_from(viewer, field="user"))


def reposts_of(*, viewer: Viewer, post: Post) -> QuerySet:
    """Who reposted a post the viewer sees (repost rows with their reposter), less people hidden from them."""
    rows = Post.objects.select_related("author__avatar_image").filter(_shown(""), repost_of=post)
    return rows.filter(authors_not_hidden_from(viewer))


def quotes_of(*, viewer: Viewer, post: Post) -> QuerySet:
    """The quotes of a post the viewer sees, attached and seen by them, less those of people hidden from them."""
    rows = _rows(viewer).filter(seeable_posts_q(viewer), quoted_post=post, quote_detached_at=None)
    return rows.filter(authors_not_hidden_from(viewer))
