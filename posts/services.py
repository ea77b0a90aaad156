from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from notifications import services as notifications
from notifications.models import Event
from posts import policy
from posts.models import Comment, Hashtag, Like, Post
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
def post_create(
    *,
    author: User,
    body: str,
    visibility: str = Post.Visibility.PUBLIC,
    in_reply_to: Post | None = None,
    reply_policy: str = Post.ReplyPolicy.EVERYONE,
) -> Post:
    """Publish a post, or a reply when `in_reply_to` is given (it joins that post's conversation)."""
    if in_reply_to is not None and (refusal := policy.reply_refusal(viewer=author, post=in_reply_to)):
        raise PermissionDenied(refusal)
    body = clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post")
    post = Post.objects.create(
        author=author,
        body=body,
        visibility=visibility,
        reply_policy=reply_policy,
        quote_policy=author.default_quote_policy,
        in_reply_to=in_reply_to,
        conversation_id=in_reply_to.thread_root_id if in_reply_to else None,
    )
    _link_mentions_and_hashtags(post)
    User.objects.filter(pk=author.pk).update(post_count=F("post_count") + 1)
    if in_reply_to is not None:
        Post.objects.filter(pk=in_reply_to.pk).update(reply_count=F("reply_count") + 1)
    notifications.events_record_for_post(post)
    return post


@transaction.atomic
def post_update(*, post: Post, editor: User, body: str, visibility: str, reply_policy: str | None = None) -> Post:
    """Change a post's text, visibility or who may reply; saving it unchanged leaves it unedited.

    Who may reply is a setting, not the post's words: changing only that does not mark it edited.
    """
    if not policy.may_edit_post(viewer=editor, post=post):
        raise PermissionDenied("Only the author can edit a post.")
    body = clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post")
    if reply_policy is not None and reply_policy != post.reply_policy:
        post.reply_policy = reply_policy
        post.save(update_fields=["reply_policy"])
    if body == post.body and visibility == post.visibility:
        return post
    post.body = body
    post.visibility = visibility
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "visibility", "edited_at"])
    _link_mentions_and_hashtags(post)
    return post


@transaction.atomic
def post_delete(*, post: Post, actor: User) -> None:
    """Delete a post with its likes and comments; the author or a moderator may."""
    if not policy.may_delete_post(viewer=actor, post=post):
        raise PermissionDenied("You cannot delete this post.")
    deleted, _ = Post.objects.filter(pk=post.pk).delete()
    if deleted:
        User.objects.filter(pk=post.author_id).update(post_count=F("post_count") - 1)


@transaction.atomic
def comment_create(*, post: Post, author: User, body: str) -> Comment:
    if not policy.may_reply(viewer=author, post=post):
        raise PermissionDenied("You cannot see this post.")
    body = clean_text(body, max_length=settings.COMMENT_MAX_LENGTH, what="comment")
    comment = Comment.objects.create(post=post, author=author, body=body)
    Post.objects.filter(pk=post.pk).update(reply_count=F("reply_count") + 1)
    notifications.events_record_for_comment(comment)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, actor: User) -> None:
    if not policy.may_delete_reply(viewer=actor, reply=comment):
        raise PermissionDenied("You cannot delete this comment.")
    # Read under a lock: a reply removed since it was loaded has already left the count.
    removed_at = Comment.objects.select_for_update().filter(pk=comment.pk).values_list("removed_at", flat=True)
    if not (state := list(removed_at)):
        return
    Comment.objects.filter(pk=comment.pk).delete()
    if state[0] is None:
        Post.objects.filter(pk=comment.post_id).update(reply_count=F("reply_count") - 1)


@transaction.atomic
def post_remove(*, post: Post) -> bool:
    """Hide a post everywhere (a moderator's decision); it stays stored for the audit trail and a restore.

    True when this call hid it. The author's post_count is unchanged: it counts every stored post.
    """
    return bool(Post.objects.filter(pk=post.pk, removed_at=None).update(removed_at=timezone.now()))


@transaction.atomic
def post_restore(*, post: Post) -> bool:
    """Show a removed post again. True when this call showed it."""
    return bool(Post.objects.filter(pk=post.pk).exclude(removed_at=None).update(removed_at=None))


@transaction.atomic
def comment_remove(*, comment: Comment) -> bool:
    """Hide a reply everywhere; it leaves its post's reply_count, which counts shown replies only.

    True when this call hid it, so a second removal does not subtract again.
    """
    hidden = Comment.objects.filter(pk=comment.pk, removed_at=None).update(removed_at=timezone.now())
    if hidden:
        Post.objects.filter(pk=comment.post_id).update(reply_count=F("reply_count") - 1)
    return bool(hidden)


@transaction.atomic
def comment_restore(*, comment: Comment) -> bool:
    """Show a removed reply again and count it back in. True when this call showed it."""
    shown = Comment.objects.filter(pk=comment.pk).exclude(removed_at=None).update(removed_at=None)
    if shown:
        Post.objects.filter(pk=comment.post_id).update(reply_count=F("reply_count") + 1)
    return bool(shown)


@transaction.atomic
def like_create(*, user: User, post: Post) -> bool:
    """Like a post once; liking again changes nothing. True when a like was added."""
    if not policy.may_like(viewer=user, post=post):
        raise PermissionDenied("You cannot see this post.")
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
    """Before an account goes: its likes and comments leave the counters of other people's posts.

    A post's reply_count counts shown replies only, so each post loses, once, the number of this
    person's shown replies on it; replies a moderator removed were taken out when they were removed.
    """
    liked = Like.objects.filter(user=user).values("post_id")
    Post.objects.filter(pk__in=liked).update(like_count=F("like_count") - 1)
    shown_replies = Comment.objects.filter(author=user, removed_at=None)
    on_each_post = shown_replies.filter(post=OuterRef("pk")).order_by().values("post").annotate(n=Count("pk"))
    Post.objects.filter(pk__in=shown_replies.values("post_id")).update(
        reply_count=F("reply_count") - Subquery(on_each_post.values("n"))
    )
    Like.objects.filter(user=user).delete()
    Comment.objects.filter(author=user).delete()
    Post.objects.filter(author=user).delete()
