"""Mastodon's Notification from Threadly's: its kinds under Mastodon's type names, the actor as the
Account and the post concerned as the Status, for a whole page in a fixed number of queries.

A reply is a `mention` in Mastodon (its clients show replies there); a moderator's warning is a
`moderation_warning` carrying the AccountWarning. A notification about a post the reader may no
longer see (notifications.selectors' `post_visible`) is left out: Mastodon's apps need the status of
a favourite or a mention, and the site's page shows nothing of that post either.
"""

from mastodon_api.entities import iso
from mastodon_api.entities.accounts import accounts_by_id
from mastodon_api.entities.statuses import hydrated, statuses
from notifications.models import Event
from posts.models import Post
from posts.policy import seeable_posts_q

TYPES = {
    Event.Kind.FOLLOW: "follow",
    Event.Kind.LIKE: "favourite",
    Event.Kind.REPLY: "mention",
    Event.Kind.MENTION: "mention",
    Event.Kind.REPOST: "reblog",
    Event.Kind.QUOTE: "quote",
    Event.Kind.POST: "status",
    Event.Kind.EDIT: "update",
    Event.Kind.WARNING: "moderation_warning",
}
# Mastodon's type name → Threadly's kinds (a `mention` is a reply or a mention).
KINDS = {name: [kind for kind, shown_as in TYPES.items() if shown_as == name] for name in TYPES.values()}
ABOUT_A_POST = {kind for kind, name in TYPES.items() if name not in {"follow", "moderation_warning"}}


def kinds_of(types: list[str]) -> list[str]:
    """Threadly's kinds behind these Mastodon types (unknown types name none)."""
    return [kind for name in types for kind in KINDS.get(name, [])]


def _warning(notification, target_account: dict) -> dict:
    event = notification.event
    return {
        "id": str(event.pk),
        "action": "none",
        "text": event.note,
        "status_ids": [str(notification.post_id)] if notification.post_id else [],
        "target_account": target_account,
        "appeal": None,
        "created_at": iso(event.created_at),
    }


def notifications(request, rows: list) -> list[dict]:
    """Notification entities for a page of notifications_for rows (newest first); one whose post went
    out of sight since the page's query is left out."""
    people = accounts_by_id(request, {row.actor_id for row in rows} | {request.user.pk})
    post_ids = {row.post_id for row in rows if row.kind in ABOUT_A_POST}
    found = {}
    if post_ids:
        visible = Post.objects.filter(seeable_posts_q(request.user), pk__in=post_ids).order_by("-id")
        page_statuses = statuses(request, hydrated(request, visible, limit=len(post_ids)))
        found = {int(status["id"]): status for status in page_statuses}
    page = []
    for row in rows:
        status = found.get(row.post_id) if row.kind in ABOUT_A_POST else None
        if (row.kind in ABOUT_A_POST and status is None) or people.get(row.actor_id) is None:
            continue
        entity = {
            "id": str(row.pk),
            "type": TYPES.get(row.kind, row.kind),
            "group_key": f"ungrouped-{row.pk}",
            "created_at": iso(row.created_at),
            "account": people[row.actor_id],
            "status": status,
            "report": None,
            "event": None,
            "moderation_warning": None,
        }
        if row.kind == Event.Kind.WARNING:
            entity["moderation_warning"] = _warning(row, people.get(request.user.pk))
        page.append(entity)
    return page
