from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from threadly.views import favicon

handler400 = "threadly.views.bad_request"
handler403 = "threadly.views.permission_denied"
handler404 = "threadly.views.page_not_found"
handler500 = "threadly.views.server_error"

urlpatterns = [
    # /healthz, /readyz and /metrics: probes and Prometheus, ahead of the apps' catch-all patterns.
    path("", include("threadly.observability.urls")),
    path("admin/", admin.site.urls),
    # Browsers and feed readers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", favicon),
    # Threadly's own API, its schema and docs: /api/v1/ and /api/v2/ are left to Mastodon's client API.
    path("api/threadly/", include("threadly.api.urls")),
    # Mastodon's client API and its OAuth server: /api/v1/, /api/v2/, /oauth/, /.well-known/.
    path("", include("mastodon_api.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("posts.urls")),
    path("", include("search.urls")),
    path("", include("notifications.urls")),
    path("", include("moderation.urls")),
    path("", include("social.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
