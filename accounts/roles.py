"""Who may act as a moderator on whom: the rule the moderators' admin and the site's delete buttons share."""

from accounts.models import User


def moderation_refusal(*, actor: User, person: User) -> str | None:
    """Why `actor` may not moderate `person` (their account, posts or replies), or None when they may.

    Moderators act on members, not on themselves nor on staff, so no moderator can undo or bury
    another's decisions; admins act on anyone.
    """
    if not actor.is_authenticated or not actor.is_moderator:
        return "only moderators and admins moderate"
    if actor.is_superuser:
        return None
    if person.pk == actor.pk:
        return "moderators cannot act on themselves"
    if person.is_staff or person.is_moderator:
        return "moderators cannot act on staff"
    return None
