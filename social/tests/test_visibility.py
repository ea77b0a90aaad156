"""Followers-only posts on the timelines: never on Explore, on profiles and home only for followers."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services as posts_services
from posts.models import Post
from posts.tests.helpers import post_ids_on
from social import services


@pytest.fixture
def follower(alice):
    user = UserFactory(username="fan")
    services.follow_create(follower=user, followee=alice)
    return user


@pytest.fixture
def public_post(alice):
    return posts_services.post_create(author=alice, body="For everyone")


@pytest.fixture
def followers_post(alice, public_post):
    return posts_services.post_create(author=alice, body="For followers", visibility=Post.Visibility.FOLLOWERS)


@pytest.fixture
def viewers(alice, bob, follower):
    return {"author": alice, "follower": follower, "outsider": bob, "anonymous": None}


def log_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("viewer", ["author", "follower", "outsider", "anonymous"])
def test_explore_never_shows_followers_only_posts(client, viewers, public_post, followers_post, viewer):
    response = log_in(client, viewers[viewer]).get(reverse("social:explore"))

    assert post_ids_on(response) == [public_post.pk]


@pytest.mark.parametrize(
    ("viewer", "sees_followers_post"),
    [("author", True), ("follower", True), ("outsider", False), ("anonymous", False)],
)
def test_profile_shows_followers_only_posts_to_the_author_and_followers(
    client, viewers, public_post, followers_post, viewer, sees_followers_post
):
    response = log_in(client, viewers[viewer]).get(reverse("social:profile", args=["alice"]))

    expected = [followers_post.pk, public_post.pk] if sees_followers_post else [public_post.pk]
    assert post_ids_on(response) == expected


def test_home_shows_followers_only_posts_to_followers(client, follower, public_post, followers_post):
    response = log_in(client, follower).get(reverse("social:home"))

    assert post_ids_on(response) == [followers_post.pk, public_post.pk]


def test_home_of_an_outsider_shows_none_of_the_posts(client, bob, public_post, followers_post):
    response = log_in(client, bob).get(reverse("social:home"))

    assert post_ids_on(response) == []


def test_unfollowing_hides_followers_only_posts_again(client, alice, follower, public_post, followers_post):
    services.follow_delete(follower=follower, followee=alice)

    response = log_in(client, follower).get(reverse("social:profile", args=["alice"]))

    assert post_ids_on(response) == [public_post.pk]
