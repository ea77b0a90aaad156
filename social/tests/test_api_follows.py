"""Following through the JSON API: the follow state, both people's counters, and throttling."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from social import services
from social.models import Follow
from social.tests.helpers import follow_url, user_url


def counts(user) -> tuple[int, int]:
    """(follower_count, following_count) as stored now."""
    user.refresh_from_db(fields=["follower_count", "following_count"])
    return user.follower_count, user.following_count


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
    assert response.json() == {"following": True, "follower_count": 1, "notify_posts": False}
    assert response["Location"] == f"http://testserver{user_url('bob')}"
    assert Follow.objects.filter(follower=alice, followee=bob).count() == 1
    assert counts(bob) == (1, 0)
    assert counts(alice) == (0, 1)


def test_follow_counts_everyone_who_already_follows(api_as, alice, bob, carol):
    services.follow_create(follower=carol, followee=bob)

    response = api_as(alice).post(follow_url("bob"))

    assert response.json() == {"following": True, "follower_count": 2, "notify_posts": False}


def test_following_again_answers_200_with_the_same_state_and_changes_nothing(api_as, alice, bob):
    client = api_as(alice)
    first = client.post(follow_url("bob"))

    again = client.post(follow_url("bob"))

    assert again.status_code == 200
    assert again.json() == first.json() == {"following": True, "follower_count": 1, "notify_posts": False}
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
