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

FACTS = ("following", "notifying", "followed_by", "blocking", "blocked_by", "muting")


def _facts(viewer: User, user_ids: list[int]) -> dict[int, dict]:
    """{user id: facts} for the active people among `user_ids`; the names carry `is_`, as User has a
    `blocked_by` relation of its own."""
    rows = User.objects.filter(pk__in=user_ids, is_active=True).annotate(
        is_following=Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("pk"))),
        is_notifying=Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("pk"), notify_posts=True)),
        is_followed_by=Exists(Follow.objects.filter(follower=OuterRef("pk"), followee=viewer)),
        is_blocking=Exists(Block.objects.filter(blocker=viewer, blocked=OuterRef("pk"))),
        is_blocked_by=Exists(Block.objects.filter(blocker=OuterRef("pk"), blocked=viewer)),
        is_muting=Exists(Mute.objects.filter(muter=viewer, muted=OuterRef("pk"))),
    )
    names = [f"is_{name}" for name in FACTS]
    return {
        row["pk"]: {name: row[f"is_{name}"] for name in FACTS} | {"pk": row["pk"]} for row in rows.values("pk", *names)
    }


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
