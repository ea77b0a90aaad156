"""Routes of this part of Mastodon's client API, each under its full path."""

from django.urls import path

from mastodon_api.empty import empty_list
from mastodon_api.instance import views

urlpatterns = [
    path("api/v1/instance", views.InstanceV1View.as_view(), name="mastodon-instance-v1"),
    path("api/v2/instance", views.InstanceV2View.as_view(), name="mastodon-instance-v2"),
    path("api/v1/instance/peers", empty_list(None), name="mastodon-instance-peers"),
    path("api/v1/instance/activity", empty_list(None), name="mastodon-instance-activity"),
    path("api/v1/instance/rules", empty_list(None), name="mastodon-instance-rules"),
    path("api/v1/custom_emojis", empty_list(None), name="mastodon-custom-emojis"),
    path(".well-known/nodeinfo", views.NodeInfoLinksView.as_view(), name="mastodon-nodeinfo-links"),
    path("nodeinfo/2.0", views.NodeInfoView.as_view(), name="mastodon-nodeinfo"),
]
