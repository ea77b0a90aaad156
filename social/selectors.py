from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from accounts.models import User
from social.models import Follow


def followee_ids(user: User) -> QuerySet:
    """A subquery of the ids of the people `user` follows."""
    return Follow.objects.filter(follower=user).values("followee_id")


def is_following(*, follower: User | AnonymousUser, followee: User) -> bool:
    if not follower.is_authenticated or follower.pk == followee.pk:
        return False
    return Follow.objects.filter(follower=follower, followee=followee).exists()


def follow_of(*, follower: User | AnonymousUser, followee: User) -> Follow | None:
    """The follow between two people, or None (for the follow and notification buttons)."""
    if not follower.is_authenticated or follower.pk == followee.pk:
        return None
    return Follow.objects.filter(follower=follower, followee=followee).first()


def followed_among(*, viewer: User | AnonymousUser, user_ids: list[int]) -> set[int]:
    """Which of `user_ids` the viewer follows, in one query (for follow buttons in lists)."""
    if not viewer.is_authenticated or not user_ids:
        return set()
    return set(Follow.objects.filter(follower=viewer, followee_id__in=user_ids).values_list("followee_id", flat=True))


def followers_of(user: User) -> QuerySet:
    return Follow.objects.filter(followee=user).select_related("follower")


def following_of(user: User) -> QuerySet:
    return Follow.objects.filter(follower=user).select_related("followee")
