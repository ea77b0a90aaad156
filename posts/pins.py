"""Pins: up to PIN_LIMIT of one's own posts shown first on one's profile.

The limit is kept under a race by locking the person's row while counting, so two pins at once are
counted one after the other; the constraint `pin_once_per_user_post` keeps a post pinned once.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from posts import policy
from posts.models import Pin, Post

PIN_LIMIT = 3


@transaction.atomic
def post_pin(*, user: User, post: Post) -> bool:
    """Pin one's own post; True when a pin was added, False when it was pinned already.

    Raises PermissionDenied for a post that is not the person's to pin, and ValidationError (code
    `too_many_pins`) when PIN_LIMIT shown posts are pinned already.
    """
    if (refusal := policy.pin_refusal(viewer=user, post=post)) is not None:
        raise PermissionDenied(refusal)
    # The person's row is the lock every pin of theirs takes, so counting and adding happen one at a time.
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    if Pin.objects.filter(user=user, post=post).exists():
        return False
    if Pin.objects.filter(user=user, post__removed_at=None).count() >= PIN_LIMIT:
        raise ValidationError(f"You can pin at most {PIN_LIMIT} posts: unpin one first.", code="too_many_pins")
    Pin.objects.create(user=user, post=post)
    return True


@transaction.atomic
def post_unpin(*, user: User, post: Post) -> bool:
    """Unpin a post if it is pinned; True when a pin was removed."""
    deleted, _ = Pin.objects.filter(user=user, post=post).delete()
    return bool(deleted)


def pinned_post_ids(user: User) -> set[int]:
    """The ids of the posts `user` pinned, for their own pin buttons (one query)."""
    return set(Pin.objects.filter(user=user).values_list("post_id", flat=True))


def is_pinned(*, user: User, post: Post) -> bool:
    return Pin.objects.filter(user=user, post=post).exists()
