from django.urls import path

from posts import views

app_name = "posts"

urlpatterns = [
    path("compose/", views.post_create, name="create"),
    path("posts/<id:post_id>/", views.post_detail, name="detail"),
    path("posts/<id:post_id>/edit/", views.post_edit, name="edit"),
    path("posts/<id:post_id>/delete/", views.post_delete, name="delete"),
    path("posts/<id:post_id>/like/", views.like, name="like"),
    path("posts/<id:post_id>/unlike/", views.unlike, name="unlike"),
    path("posts/<id:post_id>/reply/", views.post_reply, name="reply"),
]
