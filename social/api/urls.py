from django.urls import path

from social.api import views

urlpatterns = [
    path("users/<str:username>/follow", views.FollowView.as_view(), name="user-follow"),
    path("users/<str:username>/followers", views.FollowerListView.as_view(), name="user-followers"),
    path("users/<str:username>/following", views.FollowingListView.as_view(), name="user-following"),
]
