"""The posts API's feeds (home, public, a person's) and how they page."""

import base64

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import policy, services
from posts.factories import PostFactory
from posts.tests.helpers import POSTS, PUBLIC, error_of
from social.services import follow_create


def user_posts(username: str) -> str:
    return reverse("api:user-posts", kwargs={"username": username})


def ids_of(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def bob_follows_alice(alice, bob):
    follow_create(follower=bob, followee=alice)


# Feeds ----------------------------------------------------------------------------------------------------------------


@pytest.fixture
def world(alice, bob, carol, bob_follows_alice):
    """Posts by alice (followed by bob), bob himself and carol (a stranger to bob), oldest first."""
    return {
        "alice_public": services.post_create(author=alice, body="alice public"),
        "alice_followers": services.post_create(author=alice, body="alice friends", visibility="followers"),
        "bob_followers": services.post_create(author=bob, body="bob friends", visibility="followers"),
        "carol_public": services.post_create(author=carol, body="carol public"),
        "carol_followers": services.post_create(author=carol, body="carol friends", visibility="followers"),
    }


def test_home_feed_is_followees_and_own_posts_whatever_their_visibility_newest_first(api_as, bob, world):
    response = api_as(bob).get(POSTS)

    assert response.status_code == 200
    assert ids_of(response) == [world["bob_followers"].pk, world["alice_followers"].pk, world["alice_public"].pk]


def test_home_feed_of_an_anonymous_visitor_is_the_public_timeline(api_client, world):
    assert ids_of(api_client.get(POSTS)) == [world["carol_public"].pk, world["alice_public"].pk]


def test_public_feed_has_only_public_posts_even_for_a_follower(api_as, bob, world):
    assert ids_of(api_as(bob).get(PUBLIC)) == [world["carol_public"].pk, world["alice_public"].pk]


def test_feeds_mark_the_posts_the_viewer_liked(api_as, bob, world):
    services.like_create(user=bob, post=world["alice_public"])

    results = api_as(bob).get(POSTS).json()["results"]

    assert {item["id"]: item["liked_by_me"] for item in results} == {
        world["bob_followers"].pk: False,
        world["alice_followers"].pk: False,
        world["alice_public"].pk: True,
    }


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("anonymous", ["alice_public"]),
        ("carol", ["alice_public"]),
        ("bob", ["alice_followers", "alice_public"]),
        ("alice", ["alice_followers", "alice_public"]),
    ],
)
def test_user_posts_show_followers_only_posts_to_the_author_and_followers(
    api_client, api_as, alice, bob, carol, world, viewer, expected
):
    users = {"alice": alice, "bob": bob, "carol": carol}
    client = api_client if viewer == "anonymous" else api_as(users[viewer])

    response = client.get(user_posts("alice"))

    assert response.status_code == 200
    assert ids_of(response) == [world[name].pk for name in expected]


def test_user_posts_of_an_unknown_user_is_404(api_client, db):
    response = api_client.get(user_posts("nobody"))

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


# Replies in the feeds: home shows followees' replies to people the viewer follows; the others show none ---------------


@pytest.fixture
def replies(alice, bob, carol, world):
    """alice (whom bob follows) replies to herself, to bob (whom she follows) and to carol (a stranger to bob);
    carol replies to alice."""
    follow_create(follower=alice, followee=bob)
    return {
        "to_herself": services.post_create(author=alice, body="me too", in_reply_to=world["alice_public"]),
        "to_bob": services.post_create(author=alice, body="hi bob", in_reply_to=world["bob_followers"]),
        "to_carol": services.post_create(author=alice, body="hi carol", in_reply_to=world["carol_public"]),
        "by_carol": services.post_create(author=carol, body="hi alice", in_reply_to=world["alice_public"]),
    }


def test_home_shows_followees_replies_to_people_the_viewer_follows_or_is(api_as, bob, world, replies):
    shown = ids_of(api_as(bob).get(POSTS))

    assert shown == [
        replies["to_bob"].pk,
        replies["to_herself"].pk,
        world["bob_followers"].pk,
        world["alice_followers"].pk,
        world["alice_public"].pk,
    ]


def test_home_leaves_out_a_followees_reply_once_its_parent_is_removed(api_as, bob, world, replies):
    services.post_remove(post=world["alice_public"])

    assert replies["to_herself"].pk not in ids_of(api_as(bob).get(POSTS))


def test_the_public_feed_shows_no_replies(api_client, api_as, bob, world, replies):
    expected = [world["carol_public"].pk, world["alice_public"].pk]

    assert ids_of(api_client.get(PUBLIC)) == ids_of(api_as(bob).get(PUBLIC)) == expected


def test_a_persons_posts_leave_their_replies_out(api_client, api_as, bob, world, replies):
    assert ids_of(api_client.get(user_posts("alice"))) == [world["alice_public"].pk]
    assert ids_of(api_as(bob).get(user_posts("alice"))) == [world["alice_followers"].pk, world["alice_public"].pk]


def test_profile_posts_with_replies_adds_the_replies_the_viewer_may_see(alice, bob, carol, world, replies):
    mine = policy.profile_posts(viewer=alice, author=alice, with_replies=True)
    for_carol = policy.profile_posts(viewer=carol, author=alice, with_replies=True)

    assert set(mine) == {
        world["alice_public"],
        world["alice_followers"],
        *(replies[name] for name in ("to_herself", "to_bob", "to_carol")),
    }
    # carol follows nobody: not alice's followers-only post, nor her reply to bob's followers-only one.
    assert set(for_carol) == {world["alice_public"], replies["to_herself"], replies["to_carol"]}


# Pages ----------------------------------------------------------------------------------------------------------------


def test_following_next_pages_walks_every_post_once_newest_first(api_client, db):
    author = UserFactory()
    posts = [PostFactory(author=author) for _ in range(5)]

    seen, url, pages = [], f"{PUBLIC}?page_size=2", 0
    while url:
        page = api_client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url, pages = page["next"], pages + 1

    assert pages == 3
    assert seen == [post.pk for post in reversed(posts)]


def test_the_first_page_has_no_previous_link_and_the_second_has_one(api_client, db):
    PostFactory.create_batch(3)

    first = api_client.get(PUBLIC, {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()

    assert first["previous"] is None
    assert second["previous"] is not None
    assert second["next"] is None
    assert [item["id"] for item in api_client.get(second["previous"]).json()["results"]] == [
        item["id"] for item in first["results"]
    ]


def test_the_next_page_is_stable_when_posts_arrive_between_fetches(api_client, alice):
    old = [PostFactory(author=alice) for _ in range(4)]
    first = api_client.get(PUBLIC, {"page_size": 2}).json()
    newer = [PostFactory(author=alice) for _ in range(3)]

    second = api_client.get(first["next"]).json()

    assert [item["id"] for item in first["results"]] == [old[3].pk, old[2].pk]
    assert [item["id"] for item in second["results"]] == [old[1].pk, old[0].pk]
    assert not {post.pk for post in newer} & {item["id"] for item in second["results"]}


def test_page_size_sets_the_page_length(api_client, db):
    PostFactory.create_batch(3)

    assert len(api_client.get(PUBLIC, {"page_size": 1}).json()["results"]) == 1
    assert len(api_client.get(PUBLIC, {"page_size": 100}).json()["results"]) == 3


@pytest.mark.parametrize("page_size", ["0", "101", "-1", "abc", "", "1.5", "²"])
def test_a_page_size_outside_1_to_100_is_400(api_client, db, page_size):
    response = api_client.get(PUBLIC, {"page_size": page_size})

    assert response.status_code == 400
    assert error_of(response)["code"] == "validation_error"
    assert "page_size" in error_of(response)["fields"]


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        base64.b64encode(b"o=-5").decode(),
        # Well-formed base64 of a cursor querystring whose position is not an id.
        base64.b64encode(b"p=abc").decode(),
    ],
)
def test_a_bad_cursor_is_400(api_client, db, cursor):
    PostFactory.create_batch(2)
    api_client.raise_request_exception = False

    response = api_client.get(PUBLIC, {"cursor": cursor})

    assert response.status_code == 400
    assert error_of(response)["code"] == "validation_error"
    assert "cursor" in error_of(response)["fields"]
