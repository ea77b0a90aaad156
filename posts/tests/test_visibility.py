"""Followers-only posts on the post's own pages: only the author and followers reach them."""

import pytest
from django.urls import reverse

from posts import services
from posts.models import Like, Post
from social.services import follow_delete


@pytest.fixture
def viewers(alice, bob, follower):
    return {"author": alice, "follower": follower, "outsider": bob, "anonymous": None}


@pytest.mark.parametrize(
    ("viewer", "status"), [("author", 200), ("follower", 200), ("outsider", 404), ("anonymous", 404)]
)
def test_post_detail_of_a_followers_only_post(client, viewers, followers_post, viewer, status):
    if viewers[viewer]:
        client.force_login(viewers[viewer])

    response = client.get(followers_post.get_absolute_url())

    assert response.status_code == status
    assert ("Only for my followers" in response.content.decode()) is (status == 200)


def test_a_public_post_is_open_to_anonymous_visitors(client, post):
    response = client.get(post.get_absolute_url())

    assert response.status_code == 200
    assert "Log in</a> to reply" in response.content.decode()


def test_an_outsider_cannot_like_a_followers_only_post(client, bob, followers_post):
    client.force_login(bob)

    response = client.post(reverse("posts:like", args=[followers_post.pk]))

    assert response.status_code == 404
    assert not Like.objects.exists()
    followers_post.refresh_from_db()
    assert followers_post.like_count == 0


def test_an_outsider_cannot_reply_to_a_followers_only_post(client, bob, followers_post):
    client.force_login(bob)

    response = client.post(reverse("posts:reply", args=[followers_post.pk]), {"body": "Let me in"})

    assert response.status_code == 404
    assert not Post.objects.filter(in_reply_to=followers_post).exists()
    followers_post.refresh_from_db()
    assert followers_post.reply_count == 0


def test_a_follower_can_like_and_reply_to_a_followers_only_post(client, follower, followers_post):
    client.force_login(follower)

    assert client.post(reverse("posts:like", args=[followers_post.pk])).status_code == 302
    assert client.post(reverse("posts:reply", args=[followers_post.pk]), {"body": "Hi"}).status_code == 302
    assert Post.objects.get(in_reply_to=followers_post).visibility == Post.Visibility.FOLLOWERS

    followers_post.refresh_from_db()
    assert (followers_post.like_count, followers_post.reply_count) == (1, 1)


def test_after_unfollowing_the_post_is_hidden_again(client, alice, follower, followers_post):
    follow_delete(follower=follower, followee=alice)
    client.force_login(follower)

    assert client.get(followers_post.get_absolute_url()).status_code == 404


def test_replies_on_a_hidden_post_cannot_be_deleted_by_outsiders(client, bob, follower, followers_post):
    reply = services.post_create(
        author=follower, body="Hi", in_reply_to=followers_post, visibility=Post.Visibility.FOLLOWERS
    )
    client.force_login(bob)

    response = client.post(reverse("posts:delete", args=[reply.pk]))

    assert response.status_code == 404
    assert Post.objects.filter(pk=reply.pk).exists()
