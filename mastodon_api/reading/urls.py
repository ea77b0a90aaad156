"""Routes of this part of Mastodon's client API, each under its full path."""

from django.urls import path

from mastodon_api.empty import empty_list, no_such_record
from mastodon_api.reading import markers, notifications, reports, search, timelines, trends

ROUTES = (
    ("api/v1/timelines/home", timelines.HomeTimelineView.as_view()),
    ("api/v1/timelines/public", timelines.PublicTimelineView.as_view()),
    ("api/v1/timelines/tag/<str:hashtag>", timelines.TagTimelineView.as_view()),
    ("api/v1/timelines/list/<str:list_id>", timelines.ListTimelineView.as_view()),
    ("api/v1/timelines/link", timelines.LinkTimelineView.as_view()),
    ("api/v1/notifications", notifications.NotificationListView.as_view()),
    ("api/v1/notifications/clear", notifications.NotificationClearView.as_view()),
    ("api/v1/notifications/unread_count", notifications.UnreadCountView.as_view()),
    ("api/v1/notifications/dismiss", notifications.NotificationDismissView.as_view()),
    ("api/v1/notifications/<str:notification_id>", notifications.NotificationView.as_view()),
    ("api/v1/notifications/<str:notification_id>/dismiss", notifications.NotificationDismissView.as_view()),
    ("api/v2/notifications", notifications.GroupedNotificationListView.as_view()),
    ("api/v2/search", search.SearchView.as_view()),
    ("api/v1/search", search.SearchV1View.as_view()),
    ("api/v1/markers", markers.MarkerView.as_view()),
    ("api/v1/reports", reports.ReportView.as_view()),
    ("api/v1/tags/<str:name>", trends.TagView.as_view()),
    ("api/v1/trends", trends.TrendingTagsView.as_view()),
    ("api/v1/trends/tags", trends.TrendingTagsView.as_view()),
    ("api/v1/trends/statuses", trends.EmptyTrendsView.as_view()),
    ("api/v1/trends/links", trends.EmptyTrendsView.as_view()),
    ("api/v1/lists", empty_list("read:lists")),
    ("api/v1/lists/<str:list_id>", no_such_record("read:lists")),
    ("api/v1/filters", empty_list("read:filters")),
    ("api/v2/filters", empty_list("read:filters")),
    ("api/v1/polls/<str:poll_id>", no_such_record("read:statuses")),
    ("api/v1/announcements", empty_list("read")),
    ("api/v1/announcements/<str:announcement_id>/dismiss", no_such_record("write:accounts", "post")),
    ("api/v1/conversations", empty_list("read:statuses")),
    ("api/v1/conversations/<str:conversation_id>", no_such_record("write:conversations", "delete")),
    ("api/v1/conversations/<str:conversation_id>/read", no_such_record("write:conversations", "post")),
    ("api/v1/followed_tags", empty_list("read:follows")),
    ("api/v1/featured_tags", empty_list("read:accounts")),
    ("api/v1/scheduled_statuses", empty_list("read:statuses")),
    ("api/v1/domain_blocks", empty_list("read:blocks")),
    ("api/v1/endorsements", empty_list("read:accounts")),
    ("api/v1/push/subscription", no_such_record("push", "get", "post", "put", "delete")),
    ("api/v1/follow_requests", empty_list("read:follows")),
)
urlpatterns = [path(route, view) for route, view in ROUTES]
