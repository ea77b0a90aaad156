from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from accounts.tests.helpers import PASSWORD, image_upload
from images.factories import ImageFactory
from images.models import Image
from posts import services as post_services
from posts.models import Like, Post
from social import services as social_services
from social.models import Follow

DELETE_URL = reverse("accounts:delete")

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


@pytest.fixture
def web_of_activity(user):
    """`user` and two others following, posting, liking and replying, all through the services."""
    other = UserFactory(username="other")
    third = UserFactory(username="third")
    for follower, followee in [(user, other), (other, user), (third, user), (other, third)]:
        social_services.follow_create(follower=follower, followee=followee)
    others_post = post_services.post_create(author=other, body="Other's post")
    own_post = post_services.post_create(author=user, body="Doomed post")
    for liker, post in [(user, others_post), (third, others_post), (other, own_post), (user, own_post)]:
        post_services.like_create(user=liker, post=post)
    for author, post in [(user, others_post), (user, others_post), (third, others_post), (other, own_post)]:
        post_services.post_create(author=author, in_reply_to=post, body=f"{author} says hi")
    assert_counters_match_rows()
    return {"other": other, "third": third, "others_post": others_post, "own_post": own_post}


def test_delete_page_asks_for_the_password(user_client):
    response = user_client.get(DELETE_URL)

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["password"]


def test_a_wrong_password_deletes_nothing(user_client, user, web_of_activity):
    response = user_client.post(DELETE_URL, {"password": "not-my-password"})

    assert response.status_code == 200
    assert response.context["form"].errors["password"] == ["That is not your password."]
    assert User.objects.filter(pk=user.pk).exists()
    assert Post.objects.filter(author=user, in_reply_to=None).count() == 1
    assert Like.objects.filter(user=user).count() == 2
    assert Post.objects.filter(author=user).exclude(in_reply_to=None).count() == 2
    assert Follow.objects.filter(follower=user).count() == 1
    assert int(user_client.session[SESSION_KEY]) == user.pk
    assert_counters_match_rows()


def test_the_right_password_deletes_the_account_and_everything_in_it(user_client, user, web_of_activity):
    response = user_client.post(DELETE_URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("social:explore")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Your account and everything in it are deleted."]
    assert SESSION_KEY not in user_client.session
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Post.objects.filter(pk=web_of_activity["own_post"].pk).exists()
    assert not Like.objects.filter(user_id=user.pk).exists()
    assert not Post.objects.filter(author_id=user.pk).exists()
    assert not Follow.objects.filter(follower_id=user.pk).exists()
    assert not Follow.objects.filter(followee_id=user.pk).exists()


def test_deleting_an_account_corrects_everybody_elses_counters(user_client, user, web_of_activity):
    user_client.post(DELETE_URL, {"password": PASSWORD})

    other, third = User.objects.get(username="other"), User.objects.get(username="third")
    assert (other.follower_count, other.following_count, other.post_count) == (0, 1, 2)
    assert (third.follower_count, third.following_count, third.post_count) == (1, 0, 1)
    others_post = Post.objects.get(pk=web_of_activity["others_post"].pk)
    assert (others_post.like_count, others_post.reply_count) == (1, 1)
    assert_counters_match_rows()


def test_deleting_an_account_removes_its_images_and_their_files(
    user_client, user, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user_client.post(
            reverse("accounts:profile_edit"),
            {"display_name": user.display_name, "bio": user.bio, "email": user.email, "avatar": image_upload()},
        )
    ImageFactory(uploader=user)
    user.refresh_from_db()
    avatar = Path(user.avatar_image.thumbnail.path)
    assert avatar.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(DELETE_URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert not avatar.exists()
    assert not Image.objects.filter(uploader_id=user.pk).exists()
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
