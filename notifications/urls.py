from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/badge/", views.unread_badge, name="badge"),
    path("notifications/read/", views.mark_read, name="mark_read"),
]
