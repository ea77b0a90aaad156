from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from notifications import services as notifications
from notifications.models import Event
from posts.models import Comment, Hashtag, Like, Post
from posts.selectors import can_view_post
from posts.text import extract_hashtags, extract_mentions
from social.models import Block
from threadly.text import multiline_text


def clean_text(text: str, *, max_length: int, what: str) -> str:
    """Trim the text and check its length; raises ValidationError with a readable message."""
    text = multiline_text(text or "").strip()
    if not text:
        raise ValidationError(f"Write something: a {what} cannot be empty.", code="empty")
    if len(text) > max_length:
        raise ValidationError(
            f"A {what} is at most {max_length} characters (this one has {len(text)}).", code="too_long"
        )
    return text


def _require_visible(*, viewer: User, post: Post) -> None:
    if not can_view_post(viewer=viewer, post=post):
        raise PermissionDenied("You cannot see this post.")


def _link_mentions_and_hashtags(post: Post) -> None:
    usernames = extract_mentions(post.body)
    mentioned = (
        User.objects.annotate(lower_name=Lower("username"))
        .filter(lower_name__in=usernames)
        .exclude(pk__in=Block.objects.filter(blocked=post.author).values("blocker_id"))
        .exclude(pk__in=Block.objects.filter(blocker=post.author).values("blocked_id"))
    )
    post.mentions.set(mentioned)
    tags = extract_hashtags(post.body)
    Hashtag.objects.bulk_create([Hashtag(name=tag) for tag in tags], ignore_conflicts=True)
    post.hashtags.set(Hashtag.objects.filter(name__in=tags))


@transaction.atomic
def post_create(*, author: User, body: str, visibility: str = Post.Visibility.PUBLIC) -> Post:
    body = clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post")
    post = Post.objects.create(author=author, body=body, visibility=visibility)
    _link_mentions_and_hashtags(post)
    User.objects.filter(pk=author.pk).update(post_count=F("post_count") + 1)
    notifications.events_record_for_post(post)
    return post


def can_edit_post(*, actor: User, post: Post) -> bool:
    return actor.is_authenticated and actor.pk == post.author_id


@transaction.atomic
def post_update(*, post: Post, editor: User, body: str, visibility: str) -> Post:
    """Change a post's text or visibility; saving it unchanged leaves it unedited."""
    if not can_edit_post(actor=editor, post=post):
        raise PermissionDenied("Only the author can edit a post.")
    body = clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post")
    if body == post.body and visibility == post.visibility:
        return post
    post.body = body
    post.visibility = visibility
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "visibility", "edited_at"])
    _link_mentions_and_hashtags(post)
    return post


def can_delete_post(*, actor: User, post: Post) -> bool:
    return actor.is_authenticated and (actor.pk == post.author_id or actor.is_moderator)


@transaction.atomic
def post_delete(*, post: Post, actor: User) -> None:
    """Delete a post with its likes and comments; the author or a moderator may."""
    if not can_delete_post(actor=actor, post=post):
        raise PermissionDenied("You cannot delete this post.")
    deleted, _ = Post.objects.filter(pk=post.pk).delete()
    if deleted:
        User.objects.filter(pk=post.author_id).update(post_count=F("post_count") - 1)


@transaction.atomic
def comment_create(*, post: Post, author: User, body: str) -> Comment:
    _require_visible(viewer=author, post=post)
    body = clean_text(body, max_length=settings.COMMENT_MAX_LENGTH, what="comment")
    comment = Comment.objects.create(post=post, author=author, body=body)
    Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
    notifications.events_record_for_comment(comment)
    return comment


def can_delete_comment(*, actor: User, comment: Comment) -> bool:
    return actor.is_authenticated and (actor.pk == comment.author_id or actor.is_moderator)


@transaction.atomic
def comment_delete(*, comment: Comment, actor: User) -> None:
    if not can_delete_comment(actor=actor, comment=comment):
        raise PermissionDenied("You cannot delete this comment.")
    deleted, _ = Comment.objects.filter(pk=comment.pk).delete()
    if deleted:
        Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") - 1)


@transaction.atomic
def like_create(*, user: User, post: Post) -> bool:
    """Like a post once; liking again changes nothing. True when a like was added."""
    _require_visible(viewer=user, post=post)
    _, created = Like.objects.get_or_create(user=user, post=post)
    if created:
        Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
        post.refresh_from_db(fields=["like_count"])
        if user.pk != post.author_id:
            notifications.event_record(kind=Event.Kind.LIKE, actor=user, post=post)
    return created


@transaction.atomic
def like_delete(*, user: User, post: Post) -> bool:
    """Remove the user's like if there is one. True when a like was removed."""
    deleted, _ = Like.objects.filter(user=user, post=post).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(like_count=F("like_count") - 1)
        post.refresh_from_db(fields=["like_count"])
    return bool(deleted)


def posts_remove_all_of(user: User) -> None:
    """Before an account goes: its likes and comments leave the counters of other people's posts."""
    liked = Like.objects.filter(user=user).values("post_id")
    Post.objects.filter(pk__in=liked).update(like_count=F("like_count") - 1)
    comments_by_user = Comment.objects.filter(post=OuterRef("pk"), author=user).values("post").annotate(n=Count("id"))
    commented = Comment.objects.filter(author=user).values("post_id")
    Post.objects.filter(pk__in=commented).update(
        comment_count=F("comment_count") - Subquery(comments_by_user.values("n"))
    )
    Like.objects.filter(user=user).delete()
    Comment.objects.filter(author=user).delete()
    Post.objects.filter(author=user).delete()
