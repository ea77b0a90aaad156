"""Who may see and do what with posts and replies: decided here once, every door asks.

A reply is a post (`in_reply_to`): every rule below applies to it, and it is seen only with its parent.

Items: post_for_viewer (404 when hidden) for every page, API view and report form; may_see_post,
  may_reply, may_like, may_bookmark (posts.services' and posts.bookmarks' writes); may_edit_post,
  may_delete_post (services and the edit/delete views); may_report_post.
Lists: home_posts, explore_posts (home, Explore, posts APIs); profile_posts (profile, users/{u}/posts);
  tag_posts (tag page, tags/{tag}/posts); searchable_posts (search); counted_posts_q (tag search,
  trending); replies_of (post page, posts/{id}/replies); bookmarked_posts (/bookmarks/, bookmarks).
Notifications: seeable_posts_q (post_visible in notifications.selectors); people_who_may_see
  (mention recipients in notifications.recipients).
Flags: mark_posts sets `liked`, `bookmarked` and `can_*` on a page for templates and serializers.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import moderation_refusal
from posts.models import Post
from posts.selectors import bookmark_rows, displayed_post_id, liked_and_bookmarked_ids, post_rows
from social.selectors import authors_not_hidden_from, followee_ids, followers_of, people_not_hidden_from

Viewer = User | AnonymousUser
PUBLIC = Post.Visibility.PUBLIC


def _on(prefix: str, **lookups) -> Q:
    return Q(**{f"{prefix}{field}": value for field, value in lookups.items()})


def _shown(prefix: str) -> Q:
    """Neither removed by a moderator nor written by a suspended account."""
    return _on(prefix, removed_at=None, author__is_active=True)


def _seeable_alone_q(viewer: Viewer, prefix: str) -> Q:
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
    return started_here | ~Exists(first_post) | Exists(first_post.filter(_seeable_alone_q(viewer, "")))


def seeable_posts_q(viewer: Viewer, prefix: str = "") -> Q:
    """The one rule for posts: seeable by itself, and a reply only with the post it answers and the
    conversation's first post (when they are still there), so a public reply never shows what a
    followers-only post or a block hides.

    Moderators read like everyone else here; removed posts reach them through the moderation queue.
    """
    parent_seeable = _on(prefix, in_reply_to=None) | _seeable_alone_q(viewer, f"{prefix}in_reply_to__")
    return _seeable_alone_q(viewer, prefix) & parent_seeable & _thread_seeable_q(viewer, prefix)


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


def may_see_post(*, viewer: Viewer, post: Post) -> bool:
    """Muting hides a post from lists, not from its own page: only blocks and visibility count."""
    return Post.objects.filter(seeable_posts_q(viewer), pk=post.pk).exists()


def may_reply(*, viewer: Viewer, post: Post) -> bool:
    return viewer.is_authenticated and may_see_post(viewer=viewer, post=post)


def may_like(*, viewer: Viewer, post: Post) -> bool:
    return viewer.is_authenticated and may_see_post(viewer=viewer, post=post)


def may_bookmark(*, viewer: Viewer, post: Post) -> bool:
    """Keeping a post needs only seeing it; nobody else is told (bookmarks are private)."""
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
    # Replies only to these same people, as in a conversation among them (and its parent is shown and
    # by nobody the viewer muted or blocked).
    parent_listed = _shown("in_reply_to__") & authors_not_hidden_from(viewer, field="in_reply_to__author")
    among_them = Q(conversation_id=None) | (Q(in_reply_to__author_id__in=author_ids) & parent_listed)
    posts = post_rows().filter(_shown(""), among_them, author_id__in=author_ids)
    return posts.filter(authors_not_hidden_from(viewer))


def explore_posts(viewer: Viewer) -> QuerySet:
    """Every public post that starts a conversation, less those of people the viewer blocked or muted
    or who blocked them; replies are read in their threads."""
    posts = post_rows().filter(seeable_posts_q(viewer), visibility=PUBLIC, conversation_id=None)
    return posts.filter(authors_not_hidden_from(viewer))


def profile_posts(*, viewer: Viewer, author: User, with_replies: bool = False) -> QuerySet:
    """The author's posts (and replies, when asked) the viewer may see: followers-only ones for the
    author and followers, none when either blocked the other (the door answers 404 when the author
    blocked the viewer); a muted author's own profile still shows their posts."""
    posts = post_rows().filter(seeable_posts_q(viewer), author=author)
    return posts if with_replies else posts.filter(conversation_id=None)


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
    replies = post_rows().filter(seeable_posts_q(viewer), in_reply_to=post)
    return replies.filter(authors_not_hidden_from(viewer)).order_by("id")


def bookmarked_posts(viewer: User) -> QuerySet:
    """The viewer's bookmarks (newest first by the bookmark's id) of posts they may still see.

    A bookmark of a post that became hidden stays stored and shows again if the post does; muting
    leaves bookmarks alone, since keeping a post was the viewer's own choice.
    """
    return bookmark_rows(viewer).filter(seeable_posts_q(viewer, "post__"))


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


def mark_posts(*, viewer: Viewer, posts: list[Post]) -> list[Post]:
    """Set `liked`, `bookmarked` and the `can_*` flags on a page of posts the viewer sees, in one query.

    `bookmarked` is about the displayed post: for a repost row, the post it reposts.
    """
    liked, bookmarked = liked_and_bookmarked_ids(viewer=viewer, posts=posts)
    for post in posts:
        post.liked = post.pk in liked
        post.bookmarked = displayed_post_id(post) in bookmarked
        post.can_like = post.can_reply = viewer.is_authenticated
        post.can_edit = may_edit_post(viewer=viewer, post=post)
        post.can_delete = may_delete_post(viewer=viewer, post=post)
        post.can_report = may_report_post(viewer=viewer, post=post)
    return posts
