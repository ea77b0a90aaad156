"""The notifications API, and the API's switches for hearing of new posts."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from notifications.models import Notification
from posts import services as posts
from posts.models import Post
from posts.tests.helpers import MANY
from social.factories import FollowFactory
from social.models import Follow
from social.services import follow_create

pytestmark = pytest.mark.django_db

LIST_URL = "/api/threadly/v1/notifications"
READ_URL = "/api/threadly/v1/notifications/read"
COUNT_URL = "/api/threadly/v1/notifications/unread-count"
FIELDS = {"id", "kind", "text", "actor", "post", "post_url", "read", "created_at"}

# Authentication's user, one page of notifications with their actors.
NOTIFICATION_LIST_BUDGET = 2


@pytest.fixture
def alices(alice, bob, carol, delivered):
    """Alice is followed by carol, then bob likes and replies to her post: newest first, a reply, a like, a follow."""
    post = posts.post_create(author=alice, body="Morning")
    with delivered():
        follow_create(follower=carol, followee=alice)
        posts.like_create(user=bob, post=post)
        posts.post_create(author=bob, in_reply_to=post, body="Morning to you")
    return list(Notification.objects.filter(recipient=alice).order_by("-id"))


def ids_in(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_the_list_needs_authentication(api_client):
    for url in (LIST_URL, COUNT_URL):
        assert api_client.get(url).status_code == 401
    assert api_client.post(READ_URL, {}, format="json").status_code == 401


def test_the_list_is_your_notifications_newest_first(alices, alice, bob, api_as, delivered):
    with delivered():
        follow_create(follower=alice, followee=bob)

    response = api_as(alice).get(LIST_URL)

    assert response.status_code == 200
    assert ids_in(response) == [notification.pk for notification in alices]
    assert response.json()["next"] is None


def test_each_notification_says_what_happened_with_links(alices, alice, bob, api_as):
    reply, like, follow = api_as(alice).get(LIST_URL).json()["results"]

    assert set(reply) == FIELDS
    assert reply["kind"] == "reply"
    assert reply["text"] == f"{bob.display_name} replied to your post"
    assert reply["actor"] == {"id": bob.pk, "username": "bob", "display_name": bob.display_name, "avatar_url": None}
    assert reply["post"] == alices[0].post_id
    assert Post.objects.get(pk=reply["post"]).in_reply_to_id == like["post"]
    assert reply["post_url"] == f"http://testserver/api/threadly/v1/posts/{reply['post']}"
    assert reply["read"] is False
    assert like["text"] == f"{bob.display_name} liked your post"
    assert (follow["kind"], follow["post"], follow["post_url"]) == ("follow", None, None)


def test_the_list_can_be_just_the_unread(alices, alice, api_as):
    client = api_as(alice)
    client.post(READ_URL, {"ids": [alices[1].pk]}, format="json")

    assert ids_in(client.get(LIST_URL, {"unread": "true"})) == [alices[0].pk, alices[2].pk]
    assert ids_in(client.get(LIST_URL, {"unread": "false"})) == [notification.pk for notification in alices]
    assert [item["read"] for item in client.get(LIST_URL).json()["results"]] == [False, True, False]


def test_an_unread_filter_that_is_not_true_or_false_is_a_bad_request(alice, api_as):
    response = api_as(alice).get(LIST_URL, {"unread": "yes"})

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"unread": ['"true" or "false".']}


def test_the_list_is_paginated_by_cursor(alices, alice, api_as):
    client = api_as(alice)

    first = client.get(LIST_URL, {"page_size": 2}).json()
    second = client.get(first["next"]).json()

    assert [item["id"] for item in first["results"] + second["results"]] == [n.pk for n in alices]
    assert second["next"] is None


def test_the_list_costs_the_same_with_one_notification_and_a_page_of_them(
    alice, api_as, delivered, django_assert_num_queries
):
    client = api_as(alice)

    def add_replies(count: int) -> None:
        with delivered():
            for author in UserFactory.create_batch(count):
                posts.post_create(in_reply_to=posts.post_create(author=alice, body="A post"), author=author, body="Hi")

    add_replies(1)
    with django_assert_num_queries(NOTIFICATION_LIST_BUDGET):
        assert len(client.get(LIST_URL).json()["results"]) == 1
    add_replies(MANY - 1)
    with django_assert_num_queries(NOTIFICATION_LIST_BUDGET):
        assert len(client.get(LIST_URL, {"page_size": MANY}).json()["results"]) == MANY


# Marking read.


def test_marking_all_read(alices, alice, api_as):
    client = api_as(alice)

    response = client.post(READ_URL, {}, format="json")

    assert response.status_code == 200
    assert response.json() == {"marked_read": 3, "unread_count": 0}
    assert client.post(READ_URL, {}, format="json").json() == {"marked_read": 0, "unread_count": 0}


def test_marking_some_read(alices, alice, api_as):
    client = api_as(alice)
    assert client.get(COUNT_URL).json() == {"unread_count": 3}

    response = client.post(READ_URL, {"ids": [alices[0].pk, alices[2].pk]}, format="json")

    assert response.json() == {"marked_read": 2, "unread_count": 1}
    assert client.get(COUNT_URL).json() == {"unread_count": 1}
    assert ids_in(client.get(LIST_URL, {"unread": "true"})) == [alices[1].pk]


def test_marking_an_empty_list_read_marks_nothing(alices, alice, api_as):
    response = api_as(alice).post(READ_URL, {"ids": []}, format="json")

    assert response.json() == {"marked_read": 0, "unread_count": 3}


def test_marking_other_peoples_notifications_read_changes_nothing(alices, alice, bob, api_as):
    response = api_as(bob).post(READ_URL, {"ids": [notification.pk for notification in alices]}, format="json")

    assert response.json() == {"marked_read": 0, "unread_count": 0}
    assert api_as(alice).get(COUNT_URL).json() == {"unread_count": 3}


@pytest.mark.parametrize(
    ("ids", "field"),
    [(["1"], "ids.0"), ([1, True], "ids.1"), ([1, 0], "ids.1"), ([1.5], "ids.0"), ([10**18], "ids.0"), ("1", "ids")],
)
def test_bad_ids_are_a_bad_request(alices, alice, api_as, ids, field):
    response = api_as(alice).post(READ_URL, {"ids": ids}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    assert Notification.objects.filter(read_at=None).count() == 3


def test_at_most_a_thousand_ids_at_once(alice, api_as):
    response = api_as(alice).post(READ_URL, {"ids": list(range(1, 1002))}, format="json")

    assert response.status_code == 400
    assert "ids" in response.json()["error"]["fields"]


def test_the_unread_count_follows_new_notifications(alices, alice, api_as, delivered):
    client = api_as(alice)
    assert client.get(COUNT_URL).json() == {"unread_count": 3}

    with delivered():
        posts.post_create(author=UserFactory(), body="Hi @alice")

    assert client.get(COUNT_URL).json() == {"unread_count": 4}


# Hearing of new posts: per follow, and for everyone.


def follow_url(user) -> str:
    return reverse("api:user-follow", kwargs={"username": user.username})


def test_a_new_follow_is_not_told_of_new_posts_until_the_bell_is_rung(alice, bob, api_as):
    """Opt-in, like Mastodon's bell: following someone does not fill your notifications with their posts."""
    client = api_as(alice)

    response = client.post(follow_url(bob))
    assert response.status_code == 201
    assert response.json()["notify_posts"] is False
    assert Follow.objects.get(follower=alice, followee=bob).notify_posts is False

    rung = client.patch(follow_url(bob), {"notify_posts": True}, format="json")
    assert rung.status_code == 200
    assert rung.json()["notify_posts"] is True
    assert Follow.objects.get(follower=alice, followee=bob).notify_posts is True


def test_a_follow_can_turn_new_posts_off_and_on(alice, bob, api_as):
    FollowFactory(follower=alice, followee=bob)
    client = api_as(alice)

    off = client.patch(follow_url(bob), {"notify_posts": False}, format="json")
    assert off.status_code == 200
    assert off.json() == {"following": True, "follower_count": bob.follower_count, "notify_posts": False}
    assert Follow.objects.get(follower=alice, followee=bob).notify_posts is False

    assert client.patch(follow_url(bob), {"notify_posts": True}, format="json").json()["notify_posts"] is True
    assert Follow.objects.get(follower=alice, followee=bob).notify_posts is True


def test_turning_new_posts_off_needs_a_follow(alice, bob, api_as):
    response = api_as(alice).patch(follow_url(bob), {"notify_posts": False}, format="json")

    assert response.status_code == 404
    assert not Follow.objects.exists()


@pytest.mark.parametrize("body", [{"notify_posts": "false"}, {"notify_posts": 0}, {}])
def test_turning_new_posts_off_needs_a_boolean(alice, bob, api_as, body):
    FollowFactory(follower=alice, followee=bob, notify_posts=True)

    response = api_as(alice).patch(follow_url(bob), body, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["notify_posts"]
    assert Follow.objects.get(follower=alice, followee=bob).notify_posts is True


def test_your_account_can_turn_off_every_followed_persons_posts(alice, bob, api_as, delivered):
    FollowFactory(follower=alice, followee=bob)
    client = api_as(alice)
    assert client.get("/api/threadly/v1/users/me").json()["notify_followed_posts"] is True

    response = client.patch("/api/threadly/v1/users/me", {"notify_followed_posts": False}, format="json")

    assert response.status_code == 200
    assert response.json()["notify_followed_posts"] is False
    with delivered():
        posts.post_create(author=bob, body="News")
    assert not Notification.objects.filter(recipient=alice).exists()


@pytest.mark.parametrize("value", ["false", 0, None])
def test_your_accounts_switch_needs_a_boolean(alice, api_as, value):
    response = api_as(alice).patch("/api/threadly/v1/users/me", {"notify_followed_posts": value}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["notify_followed_posts"]
    alice.refresh_from_db()
    assert alice.notify_followed_posts is True
