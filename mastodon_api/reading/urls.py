"""Routes of this part of Mastodon's client API, each under its full path."""

from django.urls import path

from mastodon_api.reading import empty, markers, notifications, reports, search, timelines, trends


def empty_list(scope: str):
    return empty.EmptyListView.as_view(scope=scope)


def no_such_record(scope: str, *methods: str):
    methods = methods or ("get",)
    upper = tuple(method.upper() for method in methods)
    return empty.NoSuchRecordView.as_view(scope=scope, method_scopes=upper, http_method_names=[*methods, "options"])


urlpatterns = [
    path("api/v1/timelines/home", timelines.HomeTimelineView.as_view()),
    path("api/v1/timelines/public", timelines.PublicTimelineView.as_view()),
    path("api/v1/timelines/tag/<str:hashtag>", timelines.TagTimelineView.as_view()),
    path("api/v1/timelines/list/<str:list_id>", timelines.ListTimelineView.as_view()),
    path("api/v1/timelines/link", timelines.LinkTimelineView.as_view()),
    path("api/v1/notifications", notifications.NotificationListView.as_view()),
    path("api/v1/notifications/clear", notifications.NotificationClearView.as_view()),
    path("api/v1/notifications/unread_count", notifications.UnreadCountView.as_view()),
    path("api/v1/notifications/<str:notification_id>", notifications.NotificationView.as_view()),
    path("api/v1/notifications/<str:notification_id>/dismiss", notifications.NotificationDismissView.as_view()),
    path("api/v2/notifications", notifications.GroupedNotificationListView.as_view()),
    path("api/v2/search", search.SearchView.as_view()),
    path("api/v1/search", search.SearchV1View.as_view()),
    path("api/v1/markers", markers.MarkerView.as_view()),
    path("api/v1/reports", reports.ReportView.as_view()),
    path("api/v1/trends", trends.TrendingTagsView.as_view()),
    path("api/v1/trends/tags", trends.TrendingTagsView.as_view()),
    path("api/v1/trends/statuses", trends.EmptyTrendsView.as_view()),
    path("api/v1/trends/links", trends.EmptyTrendsView.as_view()),
    path("api/v1/lists", empty_list("read:lists")),
    path("api/v1/lists/<str:list_id>", no_such_record("read:lists")),
    path("api/v1/filters", empty_list("read:filters")),
    path("api/v2/filters", empty_list("read:filters")),
    path("api/v1/polls/<str:poll_id>", no_such_record("read:statuses")),
    path("api/v1/announcements", empty_list("read")),
    path("api/v1/announcements/<str:announcement_id>/dismiss", no_such_record("write:accounts", "post")),
    path("api/v1/conversations", empty_list("read:statuses")),
    path("api/v1/followed_tags", empty_list("read:follows")),
    path("api/v1/featured_tags", empty_list("read:accounts")),
    path("api/v1/scheduled_statuses", empty_list("read:statuses")),
    path("api/v1/domain_blocks", empty_list("read:blocks")),
    path("api/v1/endorsements", empty_list("read:accounts")),
    path("api/v1/push/subscription", no_such_record("push", "get", "put", "delete")),
]
