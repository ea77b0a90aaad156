"""Routes of this part of Mastodon's client API, each under its full path."""

urlpatterns = []
