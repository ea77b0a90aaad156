from django.urls import path

from social.api import views

urlpatterns = [
    path("users/<str:username>/follow", views.FollowView.as_view(), name="user-follow"),
    path("users/<str:username>/followers", views.FollowerListView.as_view(), name="user-followers"),
    path("users/<str:username>/following", views.FollowingListView.as_view(), name="user-following"),
    path("users/<str:username>/block", views.BlockView.as_view(), name="user-block"),
    path("users/<str:username>/mute", views.MuteView.as_view(), name="user-mute"),
    path("blocks", views.BlockListView.as_view(), name="blocks"),
    path("mutes", views.MuteListView.as_view(), name="mutes"),
]
