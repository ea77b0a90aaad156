from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from posts.models import Comment, Like, Post
from social.selectors import authors_not_hidden_from, followee_ids, is_blocked_either_way, is_following

Viewer = User | AnonymousUser


def visible_posts_q(viewer: Viewer) -> Q:
    """Posts `viewer` may see in a list: public ones, their own, and followers-only posts of people
    they follow; none by people they blocked or muted, or who blocked them."""
    public = Q(visibility=Post.Visibility.PUBLIC)
    if not viewer.is_authenticated:
        return public
    return (public | Q(author=viewer) | Q(author__in=followee_ids(viewer))) & authors_not_hidden_from(viewer)


def can_view_post(*, viewer: Viewer, post: Post) -> bool:
    """Whether the viewer may open the post (muting hides posts from lists, not from their own page)."""
    if post.removed_at is not None or not post.author.is_active:
        return False
    if viewer.is_authenticated and viewer.pk == post.author_id:
        return True
    if is_blocked_either_way(viewer, post.author):
        return False
    return post.is_public or is_following(follower=viewer, followee=post.author)


def post_for_viewer(*, post_id: int, viewer: Viewer) -> Post:
    """The post with its author, or 404 when it is missing or hidden from the viewer."""
    post = Post.objects.select_related("author").filter(pk=post_id).first()
    if post is None or not can_view_post(viewer=viewer, post=post):
        raise Http404("No such post.")
    return post


def timeline_posts() -> QuerySet:
    """The base queryset of every post list: the author comes along in the same query.

    Posts a moderator removed, and those of suspended accounts, are in no list.
    """
    return Post.objects.select_related("author").filter(removed_at=None, author__is_active=True)


def public_posts() -> QuerySet:
    return timeline_posts().filter(visibility=Post.Visibility.PUBLIC)


def posts_by_author(*, author: User, include_followers_only: bool) -> QuerySet:
    """An author's posts; followers-only ones when the viewer is the author or a follower."""
    posts = timeline_posts().filter(author=author)
    return posts if include_followers_only else posts.filter(visibility=Post.Visibility.PUBLIC)


def posts_with_hashtag(*, tag: str, viewer: Viewer) -> QuerySet:
    return timeline_posts().filter(visible_posts_q(viewer), hashtags__name=tag.lower())


def liked_post_ids(*, viewer: Viewer, posts: Iterable[Post]) -> set[int]:
    """Which of `posts` the viewer liked, in one query whatever the page length."""
    ids = [post.pk for post in posts]
    if not viewer.is_authenticated or not ids:
        return set()
    return set(Like.objects.filter(user=viewer, post_id__in=ids).values_list("post_id", flat=True))


def mark_liked(*, viewer: Viewer, posts: list[Post]) -> list[Post]:
    """Set `post.liked` on each post of a page for the like buttons."""
    liked = liked_post_ids(viewer=viewer, posts=posts)
    for post in posts:
        post.liked = post.pk in liked
    return posts


def comments_for(post: Post) -> QuerySet:
    comments = Comment.objects.filter(post=post, removed_at=None, author__is_active=True)
    return comments.select_related("author", "post").order_by("id")


def comment_for_viewer(*, comment_id: int, viewer: Viewer) -> Comment:
    comment = Comment.objects.select_related("author", "post__author").filter(pk=comment_id, removed_at=None).first()
    if comment is None or not comment.author.is_active or not can_view_post(viewer=viewer, post=comment.post):
        raise Http404("No such comment.")
    return comment
