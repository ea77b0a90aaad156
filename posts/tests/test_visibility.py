"""Followers-only posts on the post's own pages: only the author and followers reach them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from posts import policy, services
from posts.models import Like, Post
from posts.tests.helpers import post_ids_on
from social.services import follow_create, follow_delete


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


@pytest.fixture
def public_reply(follower, followers_post):
    """The follower's public reply, with a hashtag, to alice's followers-only post."""
    return services.post_create(author=follower, body="Public words #open", in_reply_to=followers_post)


@pytest.mark.parametrize(
    ("viewer", "status"), [("author", 200), ("follower", 200), ("outsider", 404), ("anonymous", 404)]
)
def test_a_public_reply_to_a_followers_only_post_opens_only_for_those_who_see_the_post(
    client, viewers, public_reply, viewer, status
):
    if viewers[viewer]:
        client.force_login(viewers[viewer])

    response = client.get(public_reply.get_absolute_url())

    assert response.status_code == status
    assert ("Public words" in response.content.decode()) is (status == 200)
    assert policy.may_see_post(viewer=viewers[viewer] or AnonymousUser(), post=public_reply) is (status == 200)


def test_a_public_reply_to_a_followers_only_post_is_listed_only_for_those_who_see_the_post(
    client, alice, bob, follower, public_reply
):
    follow_create(follower=bob, followee=follower)
    client.force_login(bob)

    assert post_ids_on(client.get("/tags/open/")) == []
    assert post_ids_on(client.get("/search/", {"q": "public words"})) == []
    assert list(policy.profile_posts(viewer=bob, author=follower, with_replies=True)) == []
    assert list(policy.home_posts(bob)) == []
    client.force_login(alice)
    assert post_ids_on(client.get("/tags/open/")) == [public_reply.pk]
    assert post_ids_on(client.get("/search/", {"q": "public words"})) == [public_reply.pk]
    assert list(policy.profile_posts(viewer=alice, author=follower, with_replies=True)) == [public_reply]


def test_liking_or_replying_to_a_reply_hidden_with_its_post_is_404(client, bob, public_reply):
    client.force_login(bob)

    assert client.post(reverse("posts:like", args=[public_reply.pk])).status_code == 404
    assert client.post(reverse("posts:reply", args=[public_reply.pk]), {"body": "Hi"}).status_code == 404
    public_reply.refresh_from_db()
    assert (public_reply.like_count, public_reply.reply_count) == (0, 0)
