"""Mastodon's Relationship: what the viewer and each person are to each other (follows both ways, the
bell, blocks both ways, mutes), for any number of people in one query.

Threadly has no locked accounts, endorsements, private notes or domain blocks: those are always
false or empty. A follow always shows the person's reposts, and a mute always hides their
notifications too (social.models.Mute), so `showing_reblogs` is `following` and
`muting_notifications` is `muting`.
"""

from django.db.models import Exists, OuterRef

from accounts.models import User
from social.models import Block, Follow, Mute


def _facts(viewer: User, user_ids: list[int]) -> dict[int, dict]:
    rows = User.objects.filter(pk__in=user_ids, is_active=True).annotate(
        following=Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("pk"))),
        notifying=Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("pk"), notify_posts=True)),
        followed_by=Exists(Follow.objects.filter(follower=OuterRef("pk"), followee=viewer)),
        blocking=Exists(Block.objects.filter(blocker=viewer, blocked=OuterRef("pk"))),
        blocked_by=Exists(Block.objects.filter(blocker=OuterRef("pk"), blocked=viewer)),
        muting=Exists(Mute.objects.filter(muter=viewer, muted=OuterRef("pk"))),
    )
    names = ("following", "notifying", "followed_by", "blocking", "blocked_by", "muting")
    return {row["pk"]: row for row in rows.values("pk", *names)}


def _relationship(facts: dict) -> dict:
    return {
        "id": str(facts["pk"]),
        "following": facts["following"],
        "showing_reblogs": facts["following"],
        "notifying": facts["notifying"],
        "languages": None,
        "followed_by": facts["followed_by"],
        "blocking": facts["blocking"],
        "blocked_by": facts["blocked_by"],
        "muting": facts["muting"],
        "muting_notifications": facts["muting"],
        "requested": False,
        "requested_by": False,
        "domain_blocking": False,
        "endorsed": False,
        "note": "",
    }


def relationships(viewer: User, user_ids: list[int]) -> list[dict]:
    """Relationships with the active people among `user_ids`, in their order (each once), in one query."""
    unique = list(dict.fromkeys(user_ids))
    found = _facts(viewer, unique) if unique else {}
    return [_relationship(found[pk]) for pk in unique if pk in found]


def relationship(viewer: User, user_id: int) -> dict:
    return relationships(viewer, [user_id])[0]
