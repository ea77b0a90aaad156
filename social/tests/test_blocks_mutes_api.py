"""Blocks and mutes through the JSON API: the endpoints, their lists, and the rules on the other endpoints."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.tests.helpers import PUBLIC_PROFILE_FIELDS
from posts import services as posts
from posts.models import Like, Post
from posts.tests.helpers import MANY
from social import services
from social.models import Block, Follow, Mute

pytestmark = pytest.mark.django_db

BLOCKS = reverse("api:blocks")
MUTES = reverse("api:mutes")
PUBLIC_POSTS = reverse("api:post-public")
HOME_FEED = reverse("api:post-list")
# the viewer (from the token), their blocks or mutes with the people, which of them the viewer follows
PEOPLE_YOU_LIST_BUDGET = 3


def block_url(username: str) -> str:
    return reverse("api:user-block", kwargs={"username": username})


def mute_url(username: str) -> str:
    return reverse("api:user-mute", kwargs={"username": username})


def usernames(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:500]
    return [person["username"] for person in response.json()["results"]]


def post_ids(response) -> list[int]:
    assert response.status_code == 200, response.content.decode()[:500]
    return [post["id"] for post in response.json()["results"]]


@pytest.fixture
def alice_post(alice):
    return posts.post_create(author=alice, body="Alice here")


@pytest.fixture
def bob_post(bob):
    return posts.post_create(author=bob, body="Bob here")


@pytest.fixture
def alice_blocks_bob(alice, bob):
    services.block_create(blocker=alice, blocked=bob)


# Blocking and muting


def test_blocking_answers_201_then_200_with_the_same_state(api_as, alice, bob):
    client = api_as(alice)

    first = client.post(block_url("bob"))
    second = client.post(block_url("bob"))

    assert (first.status_code, first.json()) == (201, {"blocking": True})
    assert (second.status_code, second.json()) == (200, {"blocking": True})
    assert Block.objects.filter(blocker=alice, blocked=bob).count() == 1


def test_blocking_through_the_api_ends_the_follows_both_ways(api_as, alice, bob):
    services.follow_create(follower=alice, followee=bob)
    services.follow_create(follower=bob, followee=alice)

    assert api_as(alice).post(block_url("bob")).status_code == 201

    assert not Follow.objects.exists()
    alice.refresh_from_db()
    assert (alice.follower_count, alice.following_count) == (0, 0)


def test_unblocking_answers_204_even_twice(api_as, alice, bob, alice_blocks_bob):
    client = api_as(alice)

    assert client.delete(block_url("bob")).status_code == 204
    assert client.delete(block_url("bob")).status_code == 204
    assert not Block.objects.exists()


def test_muting_answers_201_then_200_and_unmuting_204_twice(api_as, alice, bob):
    client = api_as(alice)

    first = client.post(mute_url("bob"))
    second = client.post(mute_url("bob"))

    assert (first.status_code, first.json()) == (201, {"muting": True})
    assert (second.status_code, second.json()) == (200, {"muting": True})
    assert Mute.objects.filter(muter=alice, muted=bob).count() == 1
    assert client.delete(mute_url("bob")).status_code == 204
    assert client.delete(mute_url("bob")).status_code == 204
    assert not Mute.objects.exists()


@pytest.mark.parametrize("url", [block_url, mute_url])
def test_blocking_or_muting_yourself_is_a_400(api_as, alice, url):
    response = api_as(alice).post(url("alice"))

    assert response.status_code == 400
    assert "error" in response.json()
    assert not Block.objects.exists()
    assert not Mute.objects.exists()


@pytest.mark.parametrize("url", [block_url, mute_url])
@pytest.mark.parametrize("method", ["post", "delete"])
def test_an_unknown_person_is_a_404(api_as, alice, url, method):
    response = getattr(api_as(alice), method)(url("nobody"))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("url", [block_url("bob"), mute_url("bob")])
@pytest.mark.parametrize("method", ["post", "delete"])
def test_anonymous_clients_cannot_block_or_mute(api_client, bob, url, method):
    assert getattr(api_client, method)(url).status_code == 401
    assert not Block.objects.exists()
    assert not Mute.objects.exists()


def test_an_idempotency_key_replays_the_first_block(api_as, alice, bob):
    client = api_as(alice)

    first = client.post(block_url("bob"), HTTP_IDEMPOTENCY_KEY="block-bob-1")
    client.delete(block_url("bob"))
    replay = client.post(block_url("bob"), HTTP_IDEMPOTENCY_KEY="block-bob-1")

    assert (first.status_code, first.json()) == (201, {"blocking": True})
    assert (replay.status_code, replay.json()) == (201, {"blocking": True})
    # The replay answered from the stored response without blocking again.
    assert not Block.objects.exists()


def test_a_new_idempotency_key_blocks_again(api_as, alice, bob):
    client = api_as(alice)
    client.post(block_url("bob"), HTTP_IDEMPOTENCY_KEY="block-bob-1")
    client.delete(block_url("bob"))

    response = client.post(block_url("bob"), HTTP_IDEMPOTENCY_KEY="block-bob-2")

    assert response.status_code == 201
    assert Block.objects.filter(blocker=alice, blocked=bob).count() == 1


# The lists of people blocked and muted


def test_the_blocks_list_is_the_people_blocked_most_recent_first(api_as, alice, carol):
    dave, erin = UserFactory(username="dave"), UserFactory(username="erin")
    for person in (erin, carol, dave):
        services.block_create(blocker=alice, blocked=person)
    services.block_create(blocker=carol, blocked=alice)  # Not alice's block.

    response = api_as(alice).get(BLOCKS)

    assert usernames(response) == ["dave", "carol", "erin"]
    assert set(response.json()) == {"next", "previous", "results"}
    assert set(response.json()["results"][0]) == PUBLIC_PROFILE_FIELDS


def test_the_mutes_list_is_the_people_muted_most_recent_first(api_as, alice, bob, carol):
    services.mute_create(muter=alice, muted=carol)
    services.mute_create(muter=alice, muted=bob)
    services.follow_create(follower=alice, followee=carol)
    services.mute_create(muter=bob, muted=alice)  # Not alice's mute.

    response = api_as(alice).get(MUTES)

    assert usernames(response) == ["bob", "carol"]
    followed = {person["username"]: person["followed_by_me"] for person in response.json()["results"]}
    assert followed == {"bob": False, "carol": True}


def test_the_lists_are_paginated_like_the_followers_list(api_as, alice):
    people = UserFactory.create_batch(3)
    for person in people:
        services.block_create(blocker=alice, blocked=person)
    client = api_as(alice)

    first = client.get(BLOCKS, {"page_size": 2}).json()
    second = client.get(first["next"]).json()

    assert [person["username"] for person in first["results"] + second["results"]] == [
        person.username for person in reversed(people)
    ]
    assert second["next"] is None


def test_the_lists_are_empty_for_someone_who_blocked_and_muted_nobody(api_as, alice):
    client = api_as(alice)

    assert usernames(client.get(BLOCKS)) == usernames(client.get(MUTES)) == []


@pytest.mark.parametrize("url", [BLOCKS, MUTES])
def test_the_lists_need_a_token(api_client, db, url):
    assert api_client.get(url).status_code == 401


@pytest.mark.parametrize(("url", "create"), [(BLOCKS, services.block_create), (MUTES, services.mute_create)])
def test_the_lists_have_a_query_budget(api_as, django_assert_num_queries, alice, url, create):
    field = {BLOCKS: ("blocker", "blocked"), MUTES: ("muter", "muted")}[url]
    client = api_as(alice)

    def add(count: int) -> None:
        for person in UserFactory.create_batch(count):
            create(**{field[0]: alice, field[1]: person})

    add(1)
    with django_assert_num_queries(PEOPLE_YOU_LIST_BUDGET):
        assert len(usernames(client.get(url, {"page_size": MANY}))) == 1
    add(MANY - 1)
    with django_assert_num_queries(PEOPLE_YOU_LIST_BUDGET):
        assert len(usernames(client.get(url, {"page_size": MANY}))) == MANY


# The other endpoints, for the blocked person


@pytest.mark.parametrize(
    "url",
    [
        reverse("api:user-detail", kwargs={"username": "alice"}),
        reverse("api:user-posts", kwargs={"username": "alice"}),
        reverse("api:user-followers", kwargs={"username": "alice"}),
        reverse("api:user-following", kwargs={"username": "alice"}),
    ],
)
def test_the_blockers_profile_and_lists_are_404_to_the_blocked_person(api_as, bob, alice_blocks_bob, url):
    response = api_as(bob).get(url)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_blockers_profile_stays_open_to_others(api_as, api_client, carol, alice_blocks_bob):
    url = reverse("api:user-detail", kwargs={"username": "alice"})

    assert api_client.get(url).status_code == 200
    assert api_as(carol).get(url).status_code == 200


def test_the_blocked_person_cannot_read_like_or_reply_to_the_blockers_post(api_as, bob, alice_post, alice_blocks_bob):
    client = api_as(bob)
    replies = reverse("api:post-replies", kwargs={"post_id": alice_post.pk})

    assert client.get(reverse("api:post-detail", kwargs={"post_id": alice_post.pk})).status_code == 404
    assert client.get(replies).status_code == 404
    assert client.post(reverse("api:post-like", kwargs={"post_id": alice_post.pk})).status_code == 404
    answer = client.post(reverse("api:post-list"), {"body": "Hi", "in_reply_to": alice_post.pk}, format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"] == {"in_reply_to": ["No such post."]}

    assert not Like.objects.exists()
    assert list(Post.objects.all()) == [alice_post]


def test_an_existing_reply_of_the_blocker_is_404_to_the_blocked_person(api_as, alice, bob, alice_post):
    comment = posts.post_create(author=alice, in_reply_to=alice_post, body="Me again")
    services.block_create(blocker=alice, blocked=bob)

    response = api_as(bob).get(reverse("api:post-detail", kwargs={"post_id": comment.pk}))

    assert response.status_code == 404


def test_following_is_a_400_in_both_directions(api_as, alice, bob, alice_blocks_bob):
    to_alice = api_as(bob).post(reverse("api:user-follow", kwargs={"username": "alice"}))
    to_bob = api_as(alice).post(reverse("api:user-follow", kwargs={"username": "bob"}))

    assert to_alice.status_code == to_bob.status_code == 400
    assert to_alice.json()["error"]["message"] == "You cannot follow this person."
    assert not Follow.objects.exists()


def test_the_public_feed_hides_each_side_from_the_other(api_as, api_client, alice, bob, alice_post, bob_post):
    services.block_create(blocker=alice, blocked=bob)

    assert post_ids(api_as(bob).get(PUBLIC_POSTS)) == [bob_post.pk]
    assert post_ids(api_as(alice).get(PUBLIC_POSTS)) == [alice_post.pk]
    assert post_ids(api_client.get(PUBLIC_POSTS)) == [bob_post.pk, alice_post.pk]


def test_after_unblocking_the_api_shows_everything_again(api_as, alice, bob, alice_post, bob_post, alice_blocks_bob):
    api_as(alice).delete(block_url("bob"))
    client = api_as(bob)

    assert post_ids(client.get(PUBLIC_POSTS)) == [bob_post.pk, alice_post.pk]
    assert post_ids(client.get(reverse("api:user-posts", kwargs={"username": "alice"}))) == [alice_post.pk]
    assert client.get(reverse("api:user-detail", kwargs={"username": "alice"})).status_code == 200
    assert client.post(reverse("api:user-follow", kwargs={"username": "alice"})).status_code == 201


# Muting, seen through the API


def test_a_muted_persons_posts_leave_the_muters_feeds_but_still_open(api_as, bob, carol, bob_post):
    services.follow_create(follower=carol, followee=bob)
    client = api_as(carol)
    assert client.post(mute_url("bob")).status_code == 201

    assert post_ids(client.get(HOME_FEED)) == []
    assert post_ids(client.get(PUBLIC_POSTS)) == []
    assert client.get(reverse("api:post-detail", kwargs={"post_id": bob_post.pk})).status_code == 200


def test_the_muted_person_sees_no_difference_in_the_api(api_as, bob, carol):
    carols_post = posts.post_create(author=carol, body="Carol here")
    client = api_as(bob)
    profile_url = reverse("api:user-detail", kwargs={"username": "carol"})
    before = client.get(profile_url).json()

    services.mute_create(muter=carol, muted=bob)

    assert client.get(profile_url).json() == before
    assert post_ids(client.get(PUBLIC_POSTS)) == [carols_post.pk]
    assert client.post(reverse("api:post-like", kwargs={"post_id": carols_post.pk})).status_code == 201
