"""Helpers the social tests share: the social API's addresses."""

from django.urls import reverse


def follow_url(username: str) -> str:
    return reverse("api:user-follow", kwargs={"username": username})


def user_url(username: str) -> str:
    return reverse("api:user-detail", kwargs={"username": username})
