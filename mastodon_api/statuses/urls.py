"""Routes of this part of Mastodon's client API, each under its full path."""

from django.urls import path

from mastodon_api.statuses import actions, lists, media, views

STATUS = "api/v1/statuses/<str:status_id>"

urlpatterns = [
    path("api/v1/statuses", views.StatusesView.as_view(), name="mastodon-statuses"),
    path(STATUS, views.StatusView.as_view(), name="mastodon-status"),
    path(f"{STATUS}/context", views.StatusContextView.as_view(), name="mastodon-status-context"),
    path(f"{STATUS}/history", views.StatusHistoryView.as_view(), name="mastodon-status-history"),
    path(f"{STATUS}/source", views.StatusSourceView.as_view(), name="mastodon-status-source"),
    path(f"{STATUS}/favourite", actions.favourite),
    path(f"{STATUS}/unfavourite", actions.unfavourite),
    path(f"{STATUS}/reblog", actions.ReblogView.as_view()),
    path(f"{STATUS}/unreblog", actions.unreblog),
    path(f"{STATUS}/bookmark", actions.bookmark),
    path(f"{STATUS}/unbookmark", actions.unbookmark),
    path(f"{STATUS}/pin", actions.PinView.as_view()),
    path(f"{STATUS}/unpin", actions.UnpinView.as_view()),
    path(f"{STATUS}/mute", actions.MuteView.as_view()),
    path(f"{STATUS}/unmute", actions.UnmuteView.as_view()),
    path(f"{STATUS}/favourited_by", actions.FavouritedByView.as_view()),
    path(f"{STATUS}/reblogged_by", actions.RebloggedByView.as_view()),
    path("api/v2/media", media.MediaUploadView.as_view(), name="mastodon-media-v2"),
    path("api/v1/media", media.MediaUploadV1View.as_view(), name="mastodon-media-v1"),
    path("api/v1/media/<str:media_id>", media.MediaView.as_view(), name="mastodon-media"),
    path("api/v1/bookmarks", lists.BookmarksView.as_view(), name="mastodon-bookmarks"),
    path("api/v1/favourites", lists.FavouritesView.as_view(), name="mastodon-favourites"),
]
