from django.urls import path

from moderation.api import views

urlpatterns = [
    path("reports", views.ReportCreateView.as_view(), name="reports"),
]
