from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from notifications import services as notifications
from notifications.models import Event
from posts import attachments, edits, policy
from posts.models import Hashtag, Like, Post, PostImage
from posts.text import extract_hashtags, extract_mentions
from previews import services as link_previews
from social.models import Block
from threadly.text import multiline_text
from timelines import services as timelines


def clean_text(text: str, *, max_length: int, what: str, allow_empty: bool = False) -> str:
    """Trim the text and check its length; raises ValidationError with a readable message. A post with
    images may have no words (`allow_empty`)."""
    text = multiline_text(text or "").strip()
    if not text and not allow_empty:
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
    quoted_post: Post | None = None,
    quote_policy: str | None = None,
    image_ids: Sequence[int] = (),
    content_warning: str = "",
) -> Post:
    """Publish a post, or a reply when `in_reply_to` is given (it joins that post's conversation), or
    a quote of `quoted_post` (a repost row replied to or quoted stands for its original: it has no words
    and no conversation of its own, and its default reply policy must not open the original's); who may
    quote it is `quote_policy`, the author's default when not given. `image_ids`: the author's uploads it
    carries, in order (posts.attachments says which may be)."""
    if in_reply_to is not None:
        in_reply_to = policy.original_of(in_reply_to)
        if refusal := policy.reply_refusal(viewer=author, post=in_reply_to):
            raise PermissionDenied(refusal)
    if quoted_post is not None:
        quoted_post = policy.original_of(quoted_post)
        if refusal := policy.quote_refusal(author, quoted_post):
            raise PermissionDenied(refusal)
    body = clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post", allow_empty=bool(image_ids))
    images = attachments.images_checked(author=author, image_ids=image_ids)
    post = Post.objects.create(
        author=author,
        body=body,
        content_warning=edits.content_warning_clean(content_warning),
        visibility=visibility,
        reply_policy=reply_policy,
        quote_policy=quote_policy or author.default_quote_policy,
        in_reply_to=in_reply_to,
        conversation_id=in_reply_to.thread_root_id if in_reply_to else None,
        quoted_post=quoted_post,
    )
    if images:
        attachments.post_images_set(post=post, images=images)
    _link_mentions_and_hashtags(post)
    link_previews.post_link_card_schedule(post=post)
    User.objects.filter(pk=author.pk).update(post_count=F("post_count") + 1)
    if in_reply_to is not None:
        Post.objects.filter(pk=in_reply_to.pk).update(reply_count=F("reply_count") + 1)
    if quoted_post is not None:
        Post.objects.filter(pk=quoted_post.pk).update(quote_count=F("quote_count") + 1)
    notifications.events_record_for_post(post)
    timelines.feeds_post_published(post)
    return post


def _counts_as_quote(post: Post) -> bool:
    """quote_count counts shown quotes still attached to their post."""
    return post.quoted_post_id is not None and post.quote_detached_at is None and post.removed_at is None


@transaction.atomic
def post_update(
    *,
    post: Post,
    editor: User,
    body: str,
    visibility: str,
    reply_policy: str | None = None,
    quote_policy: str | None = None,
    content_warning: str | None = None,
    image_ids: Sequence[int] | None = None,
) -> Post:
    """Change a post's text, content warning (None: as it is), images or visibility, or who may reply to
    or quote it; saving it unchanged leaves it unedited. `image_ids` replaces its images (in that
    order); None keeps them.

    An edit keeps the version it replaces (posts.edits), under a lock on the post's row: two edits at
    once each keep the version they replaced, one after the other. People who reposted or quoted the
    post are told when its words, warning or images change. Who may reply and who may quote are
    settings, not the post's words: changing only those does not mark the post edited nor keep a version.
    """
    if not policy.may_edit_post(viewer=editor, post=post):
        raise PermissionDenied("Only the author can edit a post.")
    warning = None if content_warning is None else edits.content_warning_clean(content_warning)
    locked = Post.objects.select_for_update().get(pk=post.pk)
    for name in ("body", "content_warning", "visibility", "reply_policy", "quote_policy", "edited_at"):
        setattr(post, name, getattr(locked, name))
    previous = edits.version_of(post=post)
    warning = post.content_warning if warning is None else warning
    images, has_images = None, False
    if image_ids is None:
        # Asked only when it matters: an edit leaving no words keeps the images the post has.
        has_images = not multiline_text(body or "").strip() and PostImage.objects.filter(post=post).exists()
    else:
        images = attachments.images_checked(author=editor, image_ids=image_ids, post=post)
        has_images = bool(images)
    body = clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post", allow_empty=has_images)
    wanted = {"reply_policy": reply_policy, "quote_policy": quote_policy}
    changed = [name for name, value in wanted.items() if value is not None and value != getattr(post, name)]
    for name in changed:
        setattr(post, name, wanted[name])
    if changed:
        post.save(update_fields=changed)
    images_changed = images is not None and attachments.post_images_set(post=post, images=images)
    reworded = images_changed or body != post.body or warning != post.content_warning
    edited = reworded or visibility != post.visibility
    if edited:
        link_changed = link_previews.post_link(body) != link_previews.post_link(post.body)
        previous.save()
        post.body, post.content_warning, post.visibility = body, warning, visibility
        post.edited_at = timezone.now()
        fields = ["body", "content_warning", "visibility", "edited_at"]
        if link_changed:
            post.link_card = None  # The old link's card goes at once; the new one's follows when fetched.
            fields.append("link_card")
        post.save(update_fields=fields)
        _link_mentions_and_hashtags(post)
        if link_changed:
            link_previews.post_link_card_schedule(post=post)
    if reworded:
        notifications.event_record_for_edit(post)
    if changed or edited:
        _version_bump(Post.objects.filter(pk=post.pk))
        post.refresh_from_db(fields=["version"])
    return post


def _version_bump(posts) -> int:
    """What these posts show changed: their cached renderings (posts.hydration) are read no more."""
    return posts.update(version=F("version") + 1)


def _parent_reply_count_add(post: Post, change: int) -> None:
    """A shown reply counts once in its parent's reply_count (removed ones are out of it)."""
    if post.in_reply_to_id is not None:
        Post.objects.filter(pk=post.in_reply_to_id).update(reply_count=F("reply_count") + change)


@transaction.atomic
def post_delete(*, post: Post, actor: User) -> None:
    """Delete a post with its likes and reposts; replies to it stay in the conversation. The author or
    a moderator may.

    A repost row deleted is a repost undone: it leaves its original's repost_count, not its
    reposter's post_count (which never counted it). Quotes of a deleted post keep their words and
    say the post is unavailable: quoted_post empties, quote_detached_at records that it went.
    """
    if not policy.may_delete_post(viewer=actor, post=post):
        raise PermissionDenied("You cannot delete this post.")
    # Read under a lock: a reply removed since it was loaded has already left its parent's count.
    locked = Post.objects.select_for_update().filter(pk=post.pk).first()
    if locked is None:
        return
    quotes = Post.objects.filter(quoted_post=locked, quote_detached_at=None)
    quotes.update(quote_detached_at=timezone.now(), version=F("version") + 1)
    attachments.post_images_delete(post=locked)
    Post.objects.filter(pk=locked.pk).delete()
    if locked.repost_of_id:
        Post.objects.filter(pk=locked.repost_of_id).update(repost_count=F("repost_count") - 1)
        return
    User.objects.filter(pk=locked.author_id).update(post_count=F("post_count") - 1)
    if locked.removed_at is None:
        _parent_reply_count_add(locked, -1)
    if _counts_as_quote(locked):
        Post.objects.filter(pk=locked.quoted_post_id).update(quote_count=F("quote_count") - 1)


@transaction.atomic
def post_remove(*, post: Post) -> bool:
    """Hide a post everywhere (a moderator's decision); it stays stored for the audit trail and a restore.

    True when this call hid it, so a second removal changes nothing. The author's post_count is
    unchanged: it counts every stored post. A removed reply leaves its parent's reply_count and a
    removed quote its quoted post's quote_count, which count shown ones.
    """
    hidden = bool(Post.objects.filter(pk=post.pk, removed_at=None).update(removed_at=timezone.now()))
    if hidden:
        _parent_reply_count_add(post, -1)
    _quote_count_follow(post, hidden, -1)
    return hidden


@transaction.atomic
def post_restore(*, post: Post) -> bool:
    """Show a removed post again (a reply and a quote count again). True when this call showed it."""
    shown = bool(Post.objects.filter(pk=post.pk).exclude(removed_at=None).update(removed_at=None))
    if shown:
        _parent_reply_count_add(post, +1)
        timelines.feeds_post_published(post)
    _quote_count_follow(post, shown, +1)
    return shown


def _quote_count_follow(post: Post, changed: bool, step: int) -> None:
    """After a removal or restore: an attached quote's post counts it out or back in."""
    if changed and post.quoted_post_id is not None:
        attached = Post.objects.filter(pk=post.pk, quote_detached_at=None)
        Post.objects.filter(pk=post.quoted_post_id, quotes__in=attached).update(quote_count=F("quote_count") + step)


@transaction.atomic
def like_create(*, user: User, post: Post) -> bool:
    """Like a post once (a repost row: its original); liking again changes nothing. True when a like was added."""
    post = policy.original_of(post)
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
    post = policy.original_of(post)
    deleted, _ = Like.objects.filter(user=user, post=post).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(like_count=F("like_count") - 1)
        post.refresh_from_db(fields=["like_count"])
    return bool(deleted)


def posts_remove_all_of(user: User) -> None:
    """Before an account goes: its likes, replies, reposts and quotes leave the counters of other
    people's posts.

    A post's reply_count counts shown replies only, so each post loses, once, the number of this
    person's shown replies to it; replies a moderator removed were taken out when they were removed.
    """
    liked = Like.objects.filter(user=user).values("post_id")
    Post.objects.filter(pk__in=liked).update(like_count=F("like_count") - 1)
    shown_replies = Post.objects.filter(author=user, removed_at=None).exclude(in_reply_to=None)
    to_each_post = shown_replies.filter(in_reply_to=OuterRef("pk")).order_by().values("in_reply_to")
    Post.objects.filter(pk__in=shown_replies.values("in_reply_to_id")).exclude(author=user).update(
        reply_count=F("reply_count") - Subquery(to_each_post.annotate(n=Count("pk")).values("n"))
    )
    reposts = Post.objects.filter(author=user, repost_of__isnull=False)
    Post.objects.filter(pk__in=reposts.values("repost_of_id")).update(repost_count=F("repost_count") - 1)
    quotes = Post.objects.filter(author=user, quote_detached_at=None, removed_at=None, quoted_post__isnull=False)
    by_post = quotes.filter(quoted_post=OuterRef("pk")).order_by().values("quoted_post").annotate(n=Count("pk"))
    Post.objects.filter(pk__in=quotes.values("quoted_post_id")).update(
        quote_count=F("quote_count") - Subquery(by_post.values("n"))
    )
    Post.objects.filter(quoted_post__author=user, quote_detached_at=None).update(quote_detached_at=timezone.now())
    Like.objects.filter(user=user).delete()
    Post.objects.filter(author=user).delete()


def posts_version_bump_all_of(*, author: User) -> int:
    """The author's name or avatar changed: every post of theirs (reposts too) shows it, so all their
    cached renderings go stale, in one UPDATE. Rare (a profile edit), so its cost, one row per post
    written, is paid where it is cheap to pay."""
    return _version_bump(Post.objects.filter(author=author))
