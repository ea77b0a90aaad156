"""Mastodon's notifications: the list (v1, and v2's grouped shape with one notification per group),
one, clear, dismiss and the unread count, all read through notifications.selectors.notifications_for
(people blocked or muted either way are out) and changed through notifications.services."""

from django.db.models import Q
from django.http import Http404
from rest_framework.response import Response

from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.notifications import ABOUT_A_POST, kinds_of, notifications
from mastodon_api.pagination import page_request, paged, sliced
from notifications import selectors, services

READ = {"GET": "read:notifications"}
WRITE = {"POST": "write:notifications"}


def listed(request):
    """The reader's notifications Mastodon's list shows (those about a post they may still read,
    or about none), narrowed by `types[]`, `exclude_types[]` and `account_id`."""
    rows = selectors.notifications_for(request.user)
    rows = rows.filter(~Q(kind__in=ABOUT_A_POST) | Q(post__isnull=False, post_visible=True))
    types, excluded = params.values(request, "types"), params.values(request, "exclude_types")
    if types:
        rows = rows.filter(kind__in=kinds_of(types))
    if excluded:
        rows = rows.exclude(kind__in=kinds_of(excluded))
    if account_id := params.value(request, "account_id"):
        rows = rows.filter(actor_id=params.identifier(account_id, "account"))
    return rows


class NotificationListView(MastodonView):
    required_scopes = READ

    def get(self, request):
        rows = sliced(listed(request), page_request(request))
        return paged(Response(notifications(request, rows)), request, [row.pk for row in rows])


class GroupedNotificationListView(MastodonView):
    """v2's grouped notifications, each group holding one notification: Threadly's grouping folds
    neighbours on a page, which does not survive paging by id."""

    required_scopes = READ

    def get(self, request):
        rows = sliced(listed(request), page_request(request))
        entities = notifications(request, rows)
        accounts = {entity["account"]["id"]: entity["account"] for entity in entities}
        found = {entity["status"]["id"]: entity["status"] for entity in entities if entity["status"]}
        groups = [
            {
                "group_key": entity["group_key"],
                "notifications_count": 1,
                "type": entity["type"],
                "most_recent_notification_id": entity["id"],
                "page_min_id": entity["id"],
                "page_max_id": entity["id"],
                "latest_page_notification_at": entity["created_at"],
                "sample_account_ids": [entity["account"]["id"]],
                "status_id": entity["status"]["id"] if entity["status"] else None,
                "report": None,
                "event": None,
                "moderation_warning": entity["moderation_warning"],
            }
            for entity in entities
        ]
        body = {"accounts": list(accounts.values()), "statuses": list(found.values()), "notification_groups": groups}
        return paged(Response(body), request, [row.pk for row in rows])


class NotificationView(MastodonView):
    required_scopes = READ

    def get(self, request, notification_id: str):
        rows = listed(request).filter(pk=params.identifier(notification_id, "notification"))
        found = notifications(request, list(rows))
        if not found:
            raise Http404("No such notification.")
        return Response(found[0])


class NotificationClearView(MastodonView):
    required_scopes = WRITE

    def post(self, request):
        services.notifications_dismiss(user=request.user)
        return Response({})


class NotificationDismissView(MastodonView):
    """`POST /api/v1/notifications/:id/dismiss`, or the older `POST /api/v1/notifications/dismiss` with
    the `id` in the body, which Mastodon.py still sends when it cannot tell the server's version."""

    required_scopes = WRITE

    def post(self, request, notification_id: str | None = None):
        ids = [params.identifier(notification_id or params.value(request, "id", ""), "notification")]
        if not services.notifications_dismiss(user=request.user, ids=ids):
            raise Http404("No such notification.")
        return Response({})


class UnreadCountView(MastodonView):
    """The site's badge number (notifications.selectors.unread_count), which markers keep in step."""

    required_scopes = READ

    def get(self, request):
        return Response({"count": selectors.unread_count(request.user)})
