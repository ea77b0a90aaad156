from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("posts/<id:post_id>/report/", views.report_post, name="report_post"),
    path("comments/<id:comment_id>/report/", views.report_moved_comment, name="report_moved_comment"),
    path("@<name:username>/report/", views.report_person, name="report_person"),
]
