from django.urls import path
from django.views.generic import RedirectView

from social import views

app_name = "social"

urlpatterns = [
    path("", views.home, name="home"),
    path("explore/", views.explore, name="explore"),
    path("people/suggestions/", views.suggestions, name="suggestions"),
    path("people/suggestions/beside/", views.suggestions_beside, name="suggestions_beside"),
    path("@<name:username>", views.profile, name="profile"),
    # People type and paste the profile's address with a slash; it is the same page.
    path(
        "@<name:username>/",
        RedirectView.as_view(pattern_name="social:profile", permanent=True, query_string=True),
        name="profile_slash",
    ),
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
