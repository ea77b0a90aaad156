from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from accounts.models import User
from accounts.selectors import user_by_username
from social.models import Block, Follow, Mute


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


def buttons_among(*, viewer: User | AnonymousUser, user_ids: list[int]) -> tuple[set[int], set[int]]:
    """Which of `user_ids` the viewer follows and which they blocked, in one query (a people list's buttons)."""
    if not viewer.is_authenticated or not user_ids:
        return set(), set()
    rows = User.objects.filter(pk__in=user_ids).annotate(
        followed=Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("pk"))),
        blocked=Exists(Block.objects.filter(blocker=viewer, blocked=OuterRef("pk"))),
    )
    rows = list(rows.values_list("pk", "followed", "blocked"))
    return {pk for pk, followed, _ in rows if followed}, {pk for pk, _, blocked in rows if blocked}


def followers_of(user: User) -> QuerySet:
    return Follow.objects.filter(followee=user).select_related("follower__avatar_image", "follower__header_image")


def following_of(user: User) -> QuerySet:
    return Follow.objects.filter(follower=user).select_related("followee__avatar_image", "followee__header_image")


def authors_not_hidden_from(viewer: User | AnonymousUser, field: str = "author") -> Q:
    """A condition on a row's person (`field`): not someone the viewer blocked or muted, nor who blocked them.

    Subqueries, so a list page keeps its number of queries.
    """
    if not viewer.is_authenticated:
        return Q()
    blocked = Block.objects.filter(blocker=viewer).values("blocked_id")
    blockers = Block.objects.filter(blocked=viewer).values("blocker_id")
    muted = Mute.objects.filter(muter=viewer).values("muted_id")
    return ~Q(**{f"{field}__in": blocked}) & ~Q(**{f"{field}__in": blockers}) & ~Q(**{f"{field}__in": muted})


def is_blocked_either_way(a: User | AnonymousUser, b: User) -> bool:
    if not a.is_authenticated or a.pk == b.pk:
        return False
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def has_blocked(*, blocker: User | AnonymousUser, blocked: User | AnonymousUser) -> bool:
    if not (blocker.is_authenticated and blocked.is_authenticated) or blocker.pk == blocked.pk:
        return False
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


@dataclass(frozen=True)
class Relationship:
    blocked_by_them: bool = False
    blocking: bool = False
    muting: bool = False


def relationship_with(*, viewer: User | AnonymousUser, person: User) -> Relationship:
    """Blocks and mutes between the viewer and `person`, in one query (for their profile page)."""
    if not viewer.is_authenticated or viewer.pk == person.pk:
        return Relationship()
    row = User.objects.filter(pk=person.pk).annotate(
        blocked_by_them=Exists(Block.objects.filter(blocker=OuterRef("pk"), blocked=viewer)),
        blocking=Exists(Block.objects.filter(blocker=viewer, blocked=OuterRef("pk"))),
        muting=Exists(Mute.objects.filter(muter=viewer, muted=OuterRef("pk"))),
    )
    return Relationship(*row.values_list("blocked_by_them", "blocking", "muting").get())


def profile_for_viewer(*, username: str, viewer: User | AnonymousUser) -> tuple[User, Relationship, Follow | None]:
    """The active person with this username (404 when there is none), relationship_with's blocks and
    mutes, and follow_of's follow, in one query: the profile page reads its page of posts with it and
    the viewer's row, and nothing more."""
    people = User.objects.named(username).filter(is_active=True).select_related("avatar_image", "header_image")
    if viewer.is_authenticated:
        follow = Follow.objects.filter(follower=viewer, followee=OuterRef("pk"))
        people = people.annotate(
            blocked_by_them=Exists(Block.objects.filter(blocker=OuterRef("pk"), blocked=viewer)),
            blocking=Exists(Block.objects.filter(blocker=viewer, blocked=OuterRef("pk"))),
            muting=Exists(Mute.objects.filter(muter=viewer, muted=OuterRef("pk"))),
            follow_id=Subquery(follow.values("pk")),
            follow_notify_posts=Subquery(follow.values("notify_posts")),
        )
    person = people.first()
    if person is None:
        raise Http404("No such user.")
    if not viewer.is_authenticated or viewer.pk == person.pk:
        return person, Relationship(), None
    relationship = Relationship(person.blocked_by_them, person.blocking, person.muting)
    follow = None
    if person.follow_id is not None:
        follow = Follow(pk=person.follow_id, follower=viewer, followee=person, notify_posts=person.follow_notify_posts)
    return person, relationship, follow


def blocks_of(user: User) -> QuerySet:
    return Block.objects.filter(blocker=user).select_related("blocked__avatar_image").order_by("-id")


def mutes_of(user: User) -> QuerySet:
    return Mute.objects.filter(muter=user).select_related("muted__avatar_image").order_by("-id")


def ids_refusing(actor: User) -> set[int]:
    """People who must not hear from `actor`: they blocked or muted them, or `actor` blocked them."""
    blockers = Block.objects.filter(blocked=actor).values_list("blocker_id", flat=True)
    blocked = Block.objects.filter(blocker=actor).values_list("blocked_id", flat=True)
    muters = Mute.objects.filter(muted=actor).values_list("muter_id", flat=True)
    return {*blockers, *blocked, *muters}


def people_not_hidden_from(viewer: User | AnonymousUser, field: str = "pk") -> Q:
    """A condition on a person (`field`): not someone the viewer blocked, nor who blocked them."""
    if not viewer.is_authenticated:
        return Q()
    blocked = Block.objects.filter(blocker=viewer).values("blocked_id")
    blockers = Block.objects.filter(blocked=viewer).values("blocker_id")
    return ~Q(**{f"{field}__in": blocked}) & ~Q(**{f"{field}__in": blockers})


def person_for_viewer(*, username: str, viewer: User | AnonymousUser) -> User:
    """The active person with this username, or 404; also 404 to someone they blocked."""
    person = user_by_username(username)
    if has_blocked(blocker=person, blocked=viewer):
        raise Http404("No such user.")
    return person


# How many of the people the viewer follows (the latest) lend their follows to friends-of-friends: a
# bound on the rows read, however many people the viewer follows.
FRIENDS_SAMPLE = 200


def _suggestable(viewer: User | AnonymousUser) -> QuerySet:
    """People who may be suggested to the viewer: active, not suspended, not the viewer nor anyone they
    follow already, no block either way and not muted by them."""
    people = User.objects.filter(is_active=True, suspended_at=None)
    if not viewer.is_authenticated:
        return people
    hidden = [
        followee_ids(viewer),
        Block.objects.filter(blocker=viewer).values("blocked_id"),
        Block.objects.filter(blocked=viewer).values("blocker_id"),
        Mute.objects.filter(muter=viewer).values("muted_id"),
    ]
    people = people.exclude(pk=viewer.pk)
    for ids in hidden:
        people = people.exclude(pk__in=ids)
    return people


def who_to_follow(viewer: User | AnonymousUser, *, limit: int) -> list[User]:
    """People to suggest to the viewer, best first: friends of friends (followed by people the viewer
    follows, ranked by how many of them follow each), then popular accounts (by follower count).

    Each person carries `mutuals` (how many people the viewer follows follow them; 0 for a popular
    pick) and the people list's button flags. Two queries whatever `limit` and the size of the graph,
    each bounded: the friends of friends with their counts (the follows of FRIENDS_SAMPLE people at
    most, through the (follower, followee) index), and the popular accounts (walking the users'
    (follower_count, id) index until `limit` of them pass).
    """
    people = _suggestable(viewer)
    if not viewer.is_authenticated:
        found = list(people.order_by("-follower_count", "-id")[:limit])
        for person in found:
            person.mutuals, person.is_followed, person.is_blocked = 0, False, False
        return found
    friends = Follow.objects.filter(follower=viewer).order_by("-id").values("followee_id")[:FRIENDS_SAMPLE]
    ranked = (
        Follow.objects.filter(follower_id__in=friends, followee__in=people)
        .values("followee_id")
        .annotate(mutuals=Count("id"))
        .order_by("-mutuals", "-followee__follower_count", "followee_id")
        .values("followee_id")[:limit]
    )
    counted = Follow.objects.filter(follower_id__in=friends, followee=OuterRef("pk")).order_by()
    counted = counted.values("followee").annotate(count=Count("id")).values("count")
    friends_of_friends = list(people.filter(pk__in=ranked).annotate(mutuals=Subquery(counted)))
    popular = list(people.exclude(pk__in=ranked).order_by("-follower_count", "-id")[:limit])
    for person in popular:
        person.mutuals = 0
    friends_of_friends.sort(key=lambda person: (-person.mutuals, -person.follower_count, person.pk))
    found = [*friends_of_friends, *popular][:limit]
    for person in found:
        person.is_followed = person.is_blocked = False
    return found
