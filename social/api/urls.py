from django.urls import path

from social.api import views

urlpatterns = [
    path("users/<name:username>/follow", views.FollowView.as_view(), name="user-follow"),
    path("users/<name:username>/followers", views.FollowerListView.as_view(), name="user-followers"),
    path("users/<name:username>/following", views.FollowingListView.as_view(), name="user-following"),
    path("users/<name:username>/block", views.BlockView.as_view(), name="user-block"),
    path("users/<name:username>/mute", views.MuteView.as_view(), name="user-mute"),
    path("people/suggestions", views.SuggestionListView.as_view(), name="people-suggestions"),
    path("blocks", views.BlockListView.as_view(), name="blocks"),
    path("mutes", views.MuteListView.as_view(), name="mutes"),
]
