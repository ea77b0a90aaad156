from django.urls import path

from social import views

app_name = "social"

urlpatterns = [
    path("", views.home, name="home"),
    path("explore/", views.explore, name="explore"),
    path("@<name:username>", views.profile, name="profile"),
    path("@<name:username>/followers/", views.followers, name="followers"),
    path("@<name:username>/following/", views.following, name="following"),
    path("@<name:username>/follow/", views.follow, name="follow"),
    path("@<name:username>/unfollow/", views.unfollow, name="unfollow"),
    path("@<name:username>/notify-posts/", views.notify_posts, name="notify_posts"),
    *(
        path(f"@<name:username>/{action}/", views.relationship, {"action": action}, name=action)
        for action in views.RELATIONSHIP_ACTIONS
    ),
    path("settings/blocked/", views.blocked_and_muted, name="blocked_and_muted"),
]
