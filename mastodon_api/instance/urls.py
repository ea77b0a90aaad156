"""Routes of this part of Mastodon's client API, each under its full path. Mastodon.py asks for the
instance with a trailing slash (`/api/v1/instance/`), which Mastodon answers too."""

from django.urls import path, re_path

from mastodon_api.instance import views

urlpatterns = [
    re_path(r"^api/v1/instance/?$", views.InstanceV1View.as_view(), name="mastodon-instance-v1"),
    re_path(r"^api/v2/instance/?$", views.InstanceV2View.as_view(), name="mastodon-instance-v2"),
    path("api/v1/instance/peers", views.EmptyListView.as_view(), name="mastodon-instance-peers"),
    path("api/v1/instance/activity", views.EmptyListView.as_view(), name="mastodon-instance-activity"),
    path("api/v1/instance/rules", views.EmptyListView.as_view(), name="mastodon-instance-rules"),
    path("api/v1/custom_emojis", views.EmptyListView.as_view(), name="mastodon-custom-emojis"),
    path(".well-known/nodeinfo", views.NodeInfoLinksView.as_view(), name="mastodon-nodeinfo-links"),
    path("nodeinfo/2.0", views.NodeInfoView.as_view(), name="mastodon-nodeinfo"),
]
