"""Following through the JSON API: the follow state, both people's counters, throttling and the lists of people."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.tests.helpers import PUBLIC_PROFILE_FIELDS
from social import services
from social.models import Follow



def follow_url(username: str) -> str:
    return reverse("api:user-follow", kwargs={"username": username})


def followers_url(username: str) -> str:
    return reverse("api:user-followers", kwargs={"username": username})


def following_url(username: str) -> str:
    return reverse("api:user-following", kwargs={"username": username})


def user_url(username: str) -> str:
    return reverse("api:user-detail", kwargs={"username": username})


def counts(user) -> tuple[int, int]:
    """(follower_count, following_count) as stored now."""
    user.refresh_from_db(fields=["follower_count", "following_count"])
    return user.follower_count, user.following_count


def usernames(response) -> list[str]:
    return [person["username"] for person in response.json()["results"]]


@pytest.fixture
def follow_limit(settings, clock):
    """`follow_limit(n)`: at most n follows in the current 60 s window."""

    def set_limit(count: int) -> None:
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, "follow": f"{count}/60"}

    return set_limit


# Following and unfollowing


def test_follow_answers_201_with_the_new_state_and_where_the_person_is(api_as, alice, bob):
    response = api_as(alice).post(follow_url("bob"))

    assert response.status_code == 201
    assert response.json() == {"following": True, "follower_count": 1, "notify_posts": True}
    assert response["Location"] == f"http://testserver{user_url('bob')}"
    assert Follow.objects.filter(follower=alice, followee=bob).count() == 1
    assert counts(bob) == (1, 0)
    assert counts(alice) == (0, 1)


def test_follow_counts_everyone_who_already_follows(api_as, alice, bob, carol):
    services.follow_create(follower=carol, followee=bob)

    response = api_as(alice).post(follow_url("bob"))

    assert response.json() == {"following": True, "follower_count": 2, "notify_posts": True}


def test_following_again_answers_200_with_the_same_state_and_changes_nothing(api_as, alice, bob):
    client = api_as(alice)
    first = client.post(follow_url("bob"))

    again = client.post(follow_url("bob"))

    assert again.status_code == 200
    assert again.json() == first.json() == {"following": True, "follower_count": 1, "notify_posts": True}
    assert "Location" not in again
    assert Follow.objects.filter(follower=alice, followee=bob).count() == 1
    assert counts(bob) == (1, 0)
    assert counts(alice) == (0, 1)


def test_follow_finds_the_person_in_any_capitalisation(api_as, alice, bob):
    response = api_as(alice).post(follow_url("BoB"))

    assert response.status_code == 201
    assert Follow.objects.filter(follower=alice, followee=bob).exists()


def test_follow_with_an_idempotency_key_replays_the_first_answer(api_as, alice, bob):
    client = api_as(alice)
    first = client.post(follow_url("bob"), headers={"Idempotency-Key": "follow-bob-1"})

    replay = client.post(follow_url("bob"), headers={"Idempotency-Key": "follow-bob-1"})

    assert replay.status_code == 201
    assert replay.json() == first.json()
    assert replay["Location"] == first["Location"]
    assert replay["Idempotent-Replayed"] == "true"
    assert counts(bob) == (1, 0)


def test_unfollow_answers_204_and_lowers_both_counts(api_as, alice, bob):
    services.follow_create(follower=alice, followee=bob)

    response = api_as(alice).delete(follow_url("bob"))

    assert response.status_code == 204
    assert response.content == b""
    assert not Follow.objects.exists()
    assert counts(bob) == (0, 0)
    assert counts(alice) == (0, 0)


def test_unfollowing_twice_is_204_and_no_count_drops_below_the_truth(api_as, alice, bob, carol):
    services.follow_create(follower=alice, followee=bob)
    services.follow_create(follower=carol, followee=bob)
    client = api_as(alice)

    responses = [client.delete(follow_url("bob")), client.delete(follow_url("bob"))]

    assert [response.status_code for response in responses] == [204, 204]
    assert list(Follow.objects.values_list("follower__username", flat=True)) == ["carol"]
    assert counts(bob) == (1, 0)
    assert counts(alice) == (0, 0)
    assert counts(carol) == (0, 1)


def test_unfollowing_someone_you_never_followed_is_204(api_as, alice, bob):
    response = api_as(alice).delete(follow_url("bob"))

    assert response.status_code == 204
    assert counts(bob) == (0, 0)
    assert counts(alice) == (0, 0)


def test_following_yourself_is_a_validation_error(api_as, alice):
    response = api_as(alice).post(follow_url("alice"))

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"] == "You cannot follow yourself."
    assert not Follow.objects.exists()
    assert counts(alice) == (0, 0)


@pytest.mark.parametrize("method", ["post", "delete"])
def test_following_or_unfollowing_an_unknown_person_is_404(api_as, alice, method):
    inactive = UserFactory(username="gone", is_active=False)

    for username in ["nobody", inactive.username]:
        response = getattr(api_as(alice), method)(follow_url(username))

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert not Follow.objects.exists()


@pytest.mark.parametrize("method", ["post", "delete"])
def test_anonymous_cannot_follow_or_unfollow(api_client, bob, method):
    response = getattr(api_client, method)(follow_url("bob"))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Follow.objects.exists()
    assert counts(bob) == (0, 0)


# Throttling: the "follow" scope, shared with the follow page


def test_follows_past_the_allowance_get_429_with_retry_after(api_as, alice, follow_limit):
    follow_limit(2)
    people = UserFactory.create_batch(3)
    client = api_as(alice)
    for person in people[:2]:
        assert client.post(follow_url(person.username)).status_code == 201

    response = client.post(follow_url(people[2].username))

    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert response.json()["error"]["code"] == "throttled"
    assert not Follow.objects.filter(followee=people[2]).exists()
    assert counts(alice) == (0, 2)


def test_follow_responses_say_how_many_follows_are_left(api_as, alice, bob, follow_limit):
    follow_limit(5)

    response = api_as(alice).post(follow_url("bob"))

    assert response["X-RateLimit-Limit"] == "5"
    assert response["X-RateLimit-Remaining"] == "4"


def test_follows_through_the_page_use_up_the_api_allowance(client, api_as, alice, bob, carol, follow_limit):
    follow_limit(2)
    dave = UserFactory(username="dave")
    client.force_login(alice)
    assert client.post(reverse("social:follow", args=["bob"])).status_code == 302
    assert client.post(reverse("social:follow", args=["carol"])).status_code == 302

    response = api_as(alice).post(follow_url("dave"))

    assert response.status_code == 429
    assert response["Retry-After"] == "50"
    assert not Follow.objects.filter(followee=dave).exists()


def test_follows_through_the_api_use_up_the_page_allowance(client, api_as, alice, bob, carol, follow_limit):
    follow_limit(1)
    api_as(alice).post(follow_url("bob"))
    client.force_login(alice)

    response = client.post(reverse("social:follow", args=["carol"]))

    assert response.status_code == 429
    assert not Follow.objects.filter(followee=carol).exists()


def test_the_allowance_is_per_person(api_as, alice, bob, carol, follow_limit):
    follow_limit(1)
    api_as(alice).post(follow_url("carol"))

    response = api_as(bob).post(follow_url("carol"))

    assert response.status_code == 201


def test_unfollowing_is_not_throttled(api_as, alice, bob, carol, follow_limit):
    follow_limit(1)
    client = api_as(alice)
    client.post(follow_url("bob"))
    assert client.post(follow_url("carol")).status_code == 429

    response = client.delete(follow_url("bob"))

    assert response.status_code == 204
    assert counts(bob) == (0, 0)


# Lists of followers and of people followed


@pytest.fixture
def bobs_followers(bob):
    """alice, carol and dave follow bob, in that order."""
    names = ["alice", "carol", "dave"]
    people = [UserFactory(username=name) for name in names]
    for person in people:
        services.follow_create(follower=person, followee=bob)
    return people


def test_followers_are_listed_most_recent_follow_first(api_client, bobs_followers):
    response = api_client.get(followers_url("bob"))

    assert response.status_code == 200
    assert set(response.json()) == {"next", "previous", "results"}
    assert usernames(response) == ["dave", "carol", "alice"]
    assert response.json()["next"] is None
    assert response.json()["previous"] is None


def test_following_is_listed_most_recent_follow_first_not_by_signup(api_client, alice, bob, carol):
    fan = UserFactory(username="fan")
    for person in [carol, alice, bob]:
        services.follow_create(follower=fan, followee=person)

    response = api_client.get(following_url("fan"))

    assert response.status_code == 200
    assert usernames(response) == ["bob", "alice", "carol"]


def test_each_person_in_a_list_is_a_public_profile(api_client, alice, bob):
    services.follow_create(follower=alice, followee=bob)

    person = api_client.get(followers_url("bob")).json()["results"][0]

    assert set(person) == PUBLIC_PROFILE_FIELDS
    assert person["username"] == "alice"
    assert person["following_count"] == 1
    assert person["url"] == f"http://testserver{user_url('alice')}"
    assert person["html_url"] == "http://testserver/@alice"


def test_followed_by_me_marks_the_people_the_viewer_follows(api_as, bob, bobs_followers):
    carol = bobs_followers[1]
    viewer = UserFactory(username="viewer")
    services.follow_create(follower=viewer, followee=carol)
    services.follow_create(follower=viewer, followee=bob)

    followers = api_as(viewer).get(followers_url("bob")).json()["results"]
    following = api_as(viewer).get(following_url("viewer")).json()["results"]

    assert [(person["username"], person["followed_by_me"]) for person in followers] == [
        ("viewer", False),
        ("dave", False),
        ("carol", True),
        ("alice", False),
    ]
    assert [(person["username"], person["followed_by_me"]) for person in following] == [
        ("bob", True),
        ("carol", True),
    ]


def test_followed_by_me_is_false_for_a_visitor(api_client, bobs_followers):
    results = api_client.get(followers_url("bob")).json()["results"]

    assert [person["followed_by_me"] for person in results] == [False, False, False]


def test_page_size_limits_a_page(api_client, bobs_followers):
    response = api_client.get(followers_url("bob"), {"page_size": 1})

    assert usernames(response) == ["dave"]
    assert response.json()["next"] is not None


@pytest.mark.parametrize("url", [followers_url, following_url], ids=["followers", "following"])
@pytest.mark.parametrize("page_size", ["0", "101", "abc", "-1", "2.5", ""])
def test_a_page_size_outside_1_to_100_is_a_validation_error(api_client, bob, url, page_size):
    response = api_client.get(url("bob"), {"page_size": page_size})

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["fields"]) == ["page_size"]


@pytest.mark.parametrize("page_size", ["1", "100"])
def test_page_sizes_1_and_100_are_allowed(api_client, bobs_followers, page_size):
    response = api_client.get(followers_url("bob"), {"page_size": page_size})

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(int(page_size), 3)


@pytest.mark.parametrize(
    ("url", "follow"),
    [
        (followers_url, lambda person, other: services.follow_create(follower=other, followee=person)),
        (following_url, lambda person, other: services.follow_create(follower=person, followee=other)),
    ],
    ids=["followers", "following"],
)
@pytest.mark.parametrize(("people", "pages"), [(8, 3), (6, 2)], ids=["partial-last-page", "full-last-page"])
def test_next_links_walk_every_page_without_gaps_or_repeats(api_as, url, follow, people, pages):
    person = UserFactory(username="person")
    others = UserFactory.create_batch(people)
    for other in others:
        follow(person, other)
    client = api_as(UserFactory())

    seen, link, walked = [], f"{url('person')}?page_size=3", 0
    while link:
        page = client.get(link).json()
        seen += [other["username"] for other in page["results"]]
        link, walked = page["next"], walked + 1

    assert walked == pages
    assert seen == [other.username for other in reversed(others)]


def test_a_follow_made_while_paging_does_not_shift_the_pages(api_client, bob, bobs_followers):
    first = api_client.get(followers_url("bob"), {"page_size": 2}).json()
    services.follow_create(follower=UserFactory(username="eve"), followee=bob)

    second = api_client.get(first["next"]).json()

    assert [person["username"] for person in first["results"] + second["results"]] == ["dave", "carol", "alice"]


def test_the_previous_link_leads_back_to_the_first_page(api_client, bobs_followers):
    first = api_client.get(followers_url("bob"), {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()

    back = api_client.get(second["previous"]).json()

    assert [person["username"] for person in second["results"]] == ["alice"]
    assert back["results"] == first["results"]


def test_a_made_up_cursor_is_a_validation_error(api_client, bob):
    response = api_client.get(followers_url("bob"), {"cursor": "not-a-cursor"})

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["cursor"]


@pytest.mark.parametrize("url", [followers_url, following_url], ids=["followers", "following"])
def test_lists_of_an_unknown_person_are_404(api_client, db, url):
    response = api_client.get(url("nobody"))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# The profile


@pytest.mark.parametrize(
    ("viewer_name", "followed_by_me"),
    [("alice", True), ("carol", False), ("bob", False), (None, False)],
    ids=["follower", "stranger", "themselves", "visitor"],
)
def test_a_profile_says_whether_the_viewer_follows_the_person(
    api_client, api_as, alice, bob, carol, viewer_name, followed_by_me
):
    services.follow_create(follower=alice, followee=bob)
    viewers = {"alice": alice, "bob": bob, "carol": carol}
    client = api_as(viewers[viewer_name]) if viewer_name else api_client

    response = client.get(user_url("bob"))

    assert response.status_code == 200
    assert set(response.json()) == PUBLIC_PROFILE_FIELDS
    assert response.json()["followed_by_me"] is followed_by_me
    assert response.json()["follower_count"] == 1


def test_profiles_show_the_counts_after_follows_and_unfollows_through_the_api(api_as, api_client, alice, bob, carol):
    api_as(alice).post(follow_url("bob"))
    api_as(carol).post(follow_url("bob"))
    api_as(alice).post(follow_url("carol"))
    api_as(carol).delete(follow_url("bob"))

    profiles = {name: api_client.get(user_url(name)).json() for name in ["alice", "bob", "carol"]}

    assert {name: (p["follower_count"], p["following_count"]) for name, p in profiles.items()} == {
        "alice": (0, 2),
        "bob": (1, 0),
        "carol": (1, 0),
    }
