from django.urls import path

from search.api import views

urlpatterns = [
    path("search", views.SearchView.as_view(), name="search"),
    path("tags/<name:tag>/posts", views.TagPostListView.as_view(), name="tag-posts"),
]
