"""The posts' querysets and lookups; which rows a viewer may see is posts.policy's to say."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from accounts.models import User
from posts.models import Bookmark, Like, MovedComment, Post, PostImage
from social.models import Follow


def _images_of(*levels: str) -> list[Prefetch]:
    """The images of the posts at each level (`quoted_post__`...), in order: one query per level that has posts."""
    return [Prefetch(f"{level}attachments", queryset=PostImage.objects.select_related("image")) for level in levels]


def post_rows() -> QuerySet:
    """Every post with its author (and their avatar image: its thumbnail is drawn beside the post) and
    link card, and what a repost or a quote card shows of the post it points at, in the same query:
    the base of each post list and lookup. Their images come in one more query per level that has
    posts (the post, its quoted post, a repost's original and its quoted post)."""
    return Post.objects.select_related(
        "author__avatar_image",
        "link_card",
        "quoted_post__author__avatar_image",
        "repost_of__author__avatar_image",
        "repost_of__link_card",
        "repost_of__quoted_post__author__avatar_image",
    ).prefetch_related(*_images_of("", "quoted_post__", "repost_of__", "repost_of__quoted_post__"))


def rendering_rows() -> QuerySet:
    """post_rows for the rendering cache (posts.hydration): each post is rendered from its own row, a
    quote card from the quoted post's, so only the posts' own images are read."""
    return post_rows().prefetch_related(None).prefetch_related(*_images_of(""))


def moved_comment_post_id(comment_id: int) -> int:
    """The id of the reply a comment from before replies were posts became (404 if there was none),
    for the redirects that keep old comment links working."""
    moved = MovedComment.objects.filter(comment_id=comment_id).values_list("post_id", flat=True).first()
    if moved is None:
        raise Http404("No such comment.")  # get_object_or_404's message would name the model.
    return moved


def viewer_marks(*, viewer: User | AnonymousUser, posts: Iterable[Post]) -> dict[int, tuple[bool, bool, bool, bool]]:
    """For each of `posts` the viewer may act on: (liked it, reposted it, bookmarked it, follows its
    author), in one query whatever the page length."""
    ids = [post.pk for post in posts]
    if not viewer.is_authenticated or not ids:
        return {}
    rows = Post.objects.filter(pk__in=ids).annotate(
        **viewer_marks_annotations(viewer=viewer, post=OuterRef("pk"), author=OuterRef("author_id"))
    )
    values = rows.values_list("pk", *VIEWER_MARKS)
    return {pk: tuple(marks) for pk, *marks in values}


VIEWER_MARKS = ("liked", "reposted", "bookmarked", "follows_author")


def viewer_marks_annotations(*, viewer: User, post, author) -> dict:
    """viewer_marks' four facts (VIEWER_MARKS) as annotations on a query of posts (`post`, `author`:
    expressions for the post's id and its author's), so that a page's one query carries them."""
    return {
        "liked": Exists(Like.objects.filter(user=viewer, post=post)),
        "reposted": Exists(Post.objects.filter(author=viewer, repost_of=post)),
        "bookmarked": Exists(Bookmark.objects.filter(user=viewer, post=post)),
        "follows_author": Exists(Follow.objects.filter(follower=viewer, followee=author)),
    }


def bookmark_rows(user: User) -> QuerySet:
    """The user's bookmarks with each post, its author, its images and its quote card's: the base of the
    bookmarks list."""
    return (
        Bookmark.objects.filter(user=user)
        .select_related("post__author__avatar_image", "post__quoted_post__author__avatar_image")
        .prefetch_related(*_images_of("post__", "post__quoted_post__"))
    )
