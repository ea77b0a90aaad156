from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("tags/<str:tag>/", views.tag, name="tag"),
]
