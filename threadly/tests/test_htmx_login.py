"""A button pressed after the session ended: htmx gets a page saying so (shown in the alert region)
instead of following login_required's redirect and swapping the login form into the button."""

import pytest
from django.urls import reverse

from posts.factories import PostFactory
from posts.models import Like

pytestmark = pytest.mark.django_db


def test_an_htmx_request_without_a_session_is_told_to_log_in(client):
    post = PostFactory()
    headers = {"HX-Request": "true", "HX-Current-URL": "http://testserver/explore/?before=9"}

    response = client.post(reverse("posts:like", args=[post.pk]), headers=headers)

    assert response.status_code == 403
    html = response.content.decode()
    assert "You are logged out" in html
    assert 'href="/accounts/login/?next=%2Fexplore%2F%3Fbefore%3D9" data-alert-action' in html
    assert Like.objects.count() == 0


def test_without_htmx_the_login_redirect_stays(client):
    post = PostFactory()

    response = client.post(reverse("posts:like", args=[post.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_a_members_htmx_request_is_answered_as_before(client, alice):
    client.force_login(alice)
    post = PostFactory()

    response = client.post(reverse("posts:like", args=[post.pk]), headers={"HX-Request": "true"})

    assert response.status_code == 200
