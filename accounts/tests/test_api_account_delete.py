"""Deleting your account through the JSON API: the password, everything that goes with it, and its tokens."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.models import User
from accounts.tests.helpers import ME_URL, PASSWORD, stored_files, with_avatar
from posts import services as post_services
from posts.models import Like, Post
from social import services as social_services
from social.models import Follow

REFRESH_URL = reverse("api:token-refresh")

pytestmark = pytest.mark.django_db


def assert_counters_match_rows():
    """Every stored counter equals a recount of the rows it summarises."""
    for person in User.objects.all():
        assert person.follower_count == Follow.objects.filter(followee=person).count(), person
        assert person.following_count == Follow.objects.filter(follower=person).count(), person
        assert person.post_count == Post.objects.filter(author=person).count(), person
    for post in Post.objects.all():
        assert post.like_count == Like.objects.filter(post=post).count(), post
        assert post.reply_count == Post.objects.filter(in_reply_to=post, removed_at=None).count(), post


# Deleting your account


@pytest.fixture
def alices_activity(alice, bob, carol):
    """Alice follows, is followed, posts, likes and replies, all through the services."""
    social_services.follow_create(follower=alice, followee=bob)
    social_services.follow_create(follower=carol, followee=alice)
    bobs_post = post_services.post_create(author=bob, body="Bob's post")
    alices_post = post_services.post_create(author=alice, body="Alice's post")
    post_services.like_create(user=alice, post=bobs_post)
    post_services.like_create(user=bob, post=alices_post)
    post_services.post_create(author=alice, in_reply_to=bobs_post, body="Nice one")
    assert_counters_match_rows()
    return {"bobs_post": bobs_post, "alices_post": alices_post}


def test_delete_me_with_the_password_removes_the_account_and_fixes_others_counters(
    api_as, alice, bob, carol, alices_activity
):
    response = api_as(alice).delete(ME_URL, {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Post.objects.filter(author_id=alice.pk).exists()
    bob.refresh_from_db()
    carol.refresh_from_db()
    assert (bob.follower_count, carol.following_count) == (0, 0)
    bobs_post = Post.objects.get(pk=alices_activity["bobs_post"].pk)
    assert (bobs_post.like_count, bobs_post.reply_count) == (0, 0)
    assert_counters_match_rows()


@pytest.mark.parametrize(
    ("body", "message"),
    [({"password": "not-my-password"}, "That is not your password."), ({}, "This field is required.")],
    ids=["wrong", "missing"],
)
def test_delete_me_without_the_right_password_deletes_nothing(api_as, alice, alices_activity, body, message):
    response = api_as(alice).delete(ME_URL, body, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"] == {"password": [message]}
    assert User.objects.filter(pk=alice.pk).exists()
    assert Post.objects.filter(author=alice).count() == 2  # a post and a reply
    assert Follow.objects.filter(follower=alice).count() == 1
    assert_counters_match_rows()


def test_delete_me_removes_the_avatar_file(api_as, alice, settings, django_capture_on_commit_callbacks):
    with_avatar(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).delete(ME_URL, {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert stored_files(settings) == []


def test_the_access_token_of_a_deleted_account_is_refused(alice):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(alice).access_token}")
    client.delete(ME_URL, {"password": PASSWORD}, format="json")

    response = client.get(ME_URL)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "user_not_found"


def test_the_refresh_token_of_a_deleted_account_is_refused(api_as, api_client, alice):
    refresh = str(RefreshToken.for_user(alice))
    api_as(alice).delete(ME_URL, {"password": PASSWORD}, format="json")
    api_client.raise_request_exception = False

    response = api_client.post(REFRESH_URL, {"refresh": refresh}, format="json")

    assert response.status_code == 401, f"refresh answered {response.status_code}, not 401"
    assert "access" not in response.json()
