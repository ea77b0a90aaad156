"""Mastodon's client API at the addresses its apps hardcode: /oauth/, /api/v1/, /api/v2/ and the
/.well-known/ documents. Each part lists its routes under their full paths."""

from django.urls import include, path

urlpatterns = [
    path("", include("mastodon_api.oauth.urls")),
    path("", include("mastodon_api.instance.urls")),
    path("", include("mastodon_api.people.urls")),
    path("", include("mastodon_api.statuses.urls")),
    path("", include("mastodon_api.reading.urls")),
]
