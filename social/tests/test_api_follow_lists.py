"""Followers and people followed through the JSON API: the lists, their pages, and the profile's follow state."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.tests.helpers import PUBLIC_PROFILE_FIELDS
from social import services
from social.tests.helpers import follow_url, user_url


def followers_url(username: str) -> str:
    return reverse("api:user-followers", kwargs={"username": username})


def following_url(username: str) -> str:
    return reverse("api:user-following", kwargs={"username": username})


def usernames(response) -> list[str]:
    return [person["username"] for person in response.json()["results"]]


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
