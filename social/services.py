from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from accounts.models import User
from notifications import services as notifications
from notifications.models import Event
from social.models import Block, Follow, Mute
from social.selectors import is_blocked_either_way
from timelines import services as timelines


def _adjust_follow_counts(*, follower: User, followee: User, by: int) -> None:
    User.objects.filter(pk=follower.pk).update(following_count=F("following_count") + by)
    User.objects.filter(pk=followee.pk).update(follower_count=F("follower_count") + by)
    followee.refresh_from_db(fields=["follower_count", "following_count"])


def _lock_pair(first: User, second: User) -> None:
    """Lock both people's rows, lower id first, until the transaction ends.

    Follows, unfollows and blocks between the same two people then run one after the other:
    a block sees the follow it must end, a follow sees the block that refuses it, and the
    counters move once per follow. FOR NO KEY UPDATE leaves rows that point at them free to insert.
    """
    people = User.objects.select_for_update(no_key=True).filter(pk__in=[first.pk, second.pk]).order_by("pk")
    list(people.values_list("pk", flat=True))


@transaction.atomic
def follow_create(*, follower: User, followee: User) -> bool:
    """Follow someone once; following again changes nothing. True when a follow was added."""
    if follower.pk == followee.pk:
        raise ValidationError("You cannot follow yourself.", code="self_follow")
    _lock_pair(follower, followee)
    if is_blocked_either_way(follower, followee):
        raise ValidationError("You cannot follow this person.", code="blocked")
    _, created = Follow.objects.get_or_create(follower=follower, followee=followee)
    if created:
        _adjust_follow_counts(follower=follower, followee=followee, by=1)
        notifications.event_record(kind=Event.Kind.FOLLOW, actor=follower, subject=followee)
        timelines.feeds_author_shown(reader=follower, author=followee)
    return created


@transaction.atomic
def follow_delete(*, follower: User, followee: User) -> bool:
    """Stop following; True when there was a follow to remove."""
    _lock_pair(follower, followee)
    deleted, _ = Follow.objects.filter(follower=follower, followee=followee).delete()
    if deleted:
        _adjust_follow_counts(follower=follower, followee=followee, by=-1)
        timelines.feeds_author_hidden(reader=follower, author=followee)
    return bool(deleted)


def follow_set_notify_posts(*, follower: User, followee: User, notify: bool) -> bool:
    """Hear of someone's new posts or not; False when `follower` does not follow them."""
    return bool(Follow.objects.filter(follower=follower, followee=followee).update(notify_posts=notify))


@transaction.atomic
def block_create(*, blocker: User, blocked: User) -> bool:
    """Block someone: follows between you end in both directions. True when a block was added."""
    if blocker.pk == blocked.pk:
        raise ValidationError("You cannot block yourself.", code="self_block")
    _lock_pair(blocker, blocked)
    _, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    follow_delete(follower=blocker, followee=blocked)
    follow_delete(follower=blocked, followee=blocker)
    _badges_changed(blocker, blocked)
    if created:
        timelines.feeds_author_hidden(reader=blocker, author=blocked)
        timelines.feeds_author_hidden(reader=blocked, author=blocker)
    return created


def block_delete(*, blocker: User, blocked: User) -> bool:
    deleted, _ = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    _badges_changed(blocker, blocked)
    if deleted:
        timelines.feeds_author_shown(reader=blocker, author=blocked)
        timelines.feeds_author_shown(reader=blocked, author=blocker)
    return bool(deleted)


def _badges_changed(*people: User) -> None:
    for person in people:
        notifications.unread_count_forget(person)


def mute_create(*, muter: User, muted: User) -> bool:
    """Stop seeing someone's posts and notifications; they are not told."""
    if muter.pk == muted.pk:
        raise ValidationError("You cannot mute yourself.", code="self_mute")
    _, created = Mute.objects.get_or_create(muter=muter, muted=muted)
    _badges_changed(muter)
    if created:
        timelines.feeds_author_hidden(reader=muter, author=muted)
    return created


def mute_delete(*, muter: User, muted: User) -> bool:
    deleted, _ = Mute.objects.filter(muter=muter, muted=muted).delete()
    _badges_changed(muter)
    if deleted:
        timelines.feeds_author_shown(reader=muter, author=muted)
    return bool(deleted)


def follows_remove_all_of(user: User) -> None:
    """Before an account goes: the counts of everybody it followed or was followed by drop by one."""
    User.objects.filter(pk__in=Follow.objects.filter(follower=user).values("followee_id")).update(
        follower_count=F("follower_count") - 1
    )
    User.objects.filter(pk__in=Follow.objects.filter(followee=user).values("follower_id")).update(
        following_count=F("following_count") - 1
    )
    Follow.objects.filter(Q(follower=user) | Q(followee=user)).delete()
