"""Routes of the OAuth part of Mastodon's client API, each under its full path, and Settings → Apps."""

from django.urls import path

from mastodon_api.oauth import apps, authorize, settings_views, tokens

app_name = "oauth"

urlpatterns = [
    path("api/v1/apps", apps.AppsView.as_view(), name="register"),
    path("api/v1/apps/verify_credentials", apps.AppCredentialsView.as_view(), name="verify_credentials"),
    path("oauth/authorize", authorize.ConsentView.as_view(), name="authorize"),
    path("oauth/authorize/", authorize.ConsentView.as_view()),
    path("oauth/token", tokens.MastodonTokenView.as_view(), name="token"),
    path("oauth/revoke", tokens.MastodonRevokeView.as_view(), name="revoke"),
    path(".well-known/oauth-authorization-server", tokens.authorization_server_metadata, name="metadata"),
    path("settings/apps/", settings_views.authorised_apps, name="settings_apps"),
    path("settings/apps/<int:application_id>/revoke", settings_views.authorised_app_revoke, name="settings_app_revoke"),
]
