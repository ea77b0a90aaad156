"""Reposts and the quoted author's say over quotes: the writes, each enforcing posts.policy.

A repost is a Post row (author = the reposter, public, empty body, `repost_of` = the original).
The constraint `repost_once_per_person_post` keeps it to one per person and post, so two reposts
racing leave one row and count once.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from notifications import services as notifications
from notifications.models import Event
from posts import policy
from posts.models import Post
from timelines import services as timelines


@transaction.atomic
def repost_create(*, user: User, post: Post) -> bool:
    """Repost a post once (reposting a repost reposts its original). True when this call reposted it."""
    post = policy.original_of(post)
    if refusal := policy.repost_refusal(user, post):
        raise PermissionDenied(refusal)
    repost, created = Post.objects.get_or_create(
        author=user, repost_of=post, defaults={"body": "", "visibility": Post.Visibility.PUBLIC}
    )
    if created:
        Post.objects.filter(pk=post.pk).update(repost_count=F("repost_count") + 1)
        if user.pk != post.author_id:
            notifications.event_record(kind=Event.Kind.REPOST, actor=user, post=post)
        timelines.feeds_post_published(repost)
    post.refresh_from_db(fields=["repost_count"])
    return created


@transaction.atomic
def repost_delete(*, user: User, post: Post) -> bool:
    """Undo the user's repost of a post (or of a repost's original) if there is one. True when one went."""
    post = policy.original_of(post)
    deleted, _ = Post.objects.filter(author=user, repost_of=post).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(repost_count=F("repost_count") - 1)
    post.refresh_from_db(fields=["repost_count"])
    return bool(deleted)


@transaction.atomic
def quote_detach(*, user: User, quote: Post) -> bool:
    """The quoted post's author takes it out of `quote`: its card says so, and it stops counting.

    True when this call detached it; detaching again changes nothing.
    """
    if not policy.may_detach_quote(viewer=user, post=quote):
        raise PermissionDenied("Only the quoted post's author can detach it from a quote.")
    detached = Post.objects.filter(pk=quote.pk, quote_detached_at=None).update(
        quote_detached_at=timezone.now(), version=F("version") + 1
    )
    if detached and quote.removed_at is None:
        Post.objects.filter(pk=quote.quoted_post_id).update(quote_count=F("quote_count") - 1)
    quote.refresh_from_db(fields=["quote_detached_at", "version"])
    return bool(detached)
