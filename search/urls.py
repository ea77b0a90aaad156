from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/trending/", views.trending, name="trending"),
    path("tags/<name:tag>/", views.tag, name="tag"),
]
