"""The JSON API: version 1 of every app's endpoints, its OpenAPI schema and Swagger UI."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include("accounts.api.urls")),
    path("v1/", include("posts.api.urls")),
    path("v1/", include("social.api.urls")),
    path("v1/", include("notifications.api.urls")),
    path("v1/", include("search.api.urls")),
    path("v1/", include("moderation.api.urls")),
    path("v1/", include("images.api.urls")),
]
