from django.urls import path

from images.api import views

urlpatterns = [
    path("images", views.ImageUploadView.as_view(), name="image-list"),
    path("images/<id:image_id>", views.ImageDetailView.as_view(), name="image-detail"),
]
