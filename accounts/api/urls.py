from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/register", views.RegisterView.as_view(), name="register"),
    path("auth/token", views.TokenObtainView.as_view(), name="token"),
    path("auth/token/refresh", views.TokenRefreshView.as_view(), name="token-refresh"),
    path("auth/logout", views.LogoutView.as_view(), name="logout"),
    path("users/me", views.MeView.as_view(), name="me"),
    path("users/me/avatar", views.AvatarView.as_view(), name="me-avatar"),
    path("users/me/header", views.HeaderView.as_view(), name="me-header"),
    path("users/<name:username>", views.UserDetailView.as_view(), name="user-detail"),
]
