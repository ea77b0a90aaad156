"""Blocks and mutes in search: people and posts hidden on the search page and in the API, on both backends."""

import re

import pytest

from accounts.models import User
from search.tests.helpers import API_SEARCH_URL, SEARCH_URL, api_post_ids, found_post_ids, write
from social import services as social

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def plain_names(alice, bob, carol):
    """Display names that match no other search in these tests."""
    for user, name in ((alice, "Alice Aardvark"), (bob, "Bob Bittern"), (carol, "Carol Cormorant")):
        User.objects.filter(pk=user.pk).update(display_name=name)


@pytest.fixture
def posts_about_sourdough(alice, bob, carol):
    """One post each, newest last: alice's, bob's, carol's."""
    return {user.username: write(user, f"{user.username} bakes sourdough bread").pk for user in (alice, bob, carol)}


@pytest.fixture
def alice_blocks_bob(alice, bob):
    social.block_create(blocker=alice, blocked=bob)


def people_found(client, text: str) -> list[str]:
    response = client.get(SEARCH_URL, {"q": text, "type": "people"})
    assert response.status_code == 200, response.content.decode()[:500]
    return re.findall(r'<span class="handle">@([\w.-]+)</span>', response.content.decode())


def api_people_found(client, text: str) -> list[str]:
    response = client.get(API_SEARCH_URL, {"q": text, "type": "users"})
    assert response.status_code == 200, response.content.decode()[:500]
    return [person["username"] for person in response.json()["results"]]


# People


def test_people_search_hides_whoever_blocked_the_viewer(client, bob, alice_blocks_bob):
    client.force_login(bob)

    assert people_found(client, "alice") == []
    assert people_found(client, "Aardvark") == []


def test_people_search_hides_whoever_the_viewer_blocked(client, alice, alice_blocks_bob):
    client.force_login(alice)

    assert people_found(client, "bob") == []
    assert people_found(client, "Bittern") == []


def test_people_search_in_the_api_hides_both_sides(api_as, alice, bob, alice_blocks_bob):
    assert api_people_found(api_as(bob), "alice") == []
    assert api_people_found(api_as(alice), "bob") == []


def test_others_and_visitors_still_find_both(client, api_client, api_as, carol, alice_blocks_bob):
    assert people_found(client, "alice") == ["alice"]
    assert api_people_found(api_client, "bob") == ["bob"]

    client.force_login(carol)
    assert people_found(client, "alice") == ["alice"]
    assert api_people_found(api_as(carol), "bob") == ["bob"]


def test_after_unblocking_people_find_each_other_again(client, alice, bob, alice_blocks_bob):
    social.block_delete(blocker=alice, blocked=bob)
    client.force_login(bob)

    assert people_found(client, "alice") == ["alice"]


def test_a_muted_person_can_still_be_found(client, api_as, bob, carol):
    """Muting hides posts and notifications, not the person."""
    social.mute_create(muter=carol, muted=bob)
    client.force_login(carol)

    assert people_found(client, "bob") == ["bob"]
    assert api_people_found(api_as(carol), "bob") == ["bob"]


# Posts


def test_post_search_hides_the_blockers_posts_from_the_blocked_person(
    client, api_as, bob, posts_about_sourdough, alice_blocks_bob
):
    client.force_login(bob)
    expected = [posts_about_sourdough["carol"], posts_about_sourdough["bob"]]

    assert sorted(found_post_ids(client, "sourdough")) == sorted(expected)
    assert sorted(api_post_ids(api_as(bob), "sourdough")) == sorted(expected)


def test_post_search_hides_the_blocked_persons_posts_from_the_blocker(
    client, api_as, alice, posts_about_sourdough, alice_blocks_bob
):
    client.force_login(alice)
    expected = [posts_about_sourdough["carol"], posts_about_sourdough["alice"]]

    assert sorted(found_post_ids(client, "sourdough")) == sorted(expected)
    assert sorted(api_post_ids(api_as(alice), "sourdough")) == sorted(expected)


def test_post_search_hides_a_muted_persons_posts_from_the_muter_only(client, api_as, bob, carol, posts_about_sourdough):
    social.mute_create(muter=carol, muted=bob)
    client.force_login(carol)
    everyone = sorted(posts_about_sourdough.values())

    assert posts_about_sourdough["bob"] not in found_post_ids(client, "sourdough")
    assert posts_about_sourdough["bob"] not in api_post_ids(api_as(carol), "sourdough")
    # bob is not told: his own search is unchanged.
    assert sorted(api_post_ids(api_as(bob), "sourdough")) == everyone


def test_visitors_still_find_every_public_post(client, api_client, posts_about_sourdough, alice_blocks_bob):
    everyone = sorted(posts_about_sourdough.values())

    assert sorted(found_post_ids(client, "sourdough")) == everyone
    assert sorted(api_post_ids(api_client, "sourdough")) == everyone


def test_after_unblocking_and_unmuting_post_search_finds_everything(
    client, alice, bob, carol, posts_about_sourdough, alice_blocks_bob
):
    social.mute_create(muter=alice, muted=carol)
    social.block_delete(blocker=alice, blocked=bob)
    social.mute_delete(muter=alice, muted=carol)
    client.force_login(alice)

    assert sorted(found_post_ids(client, "sourdough")) == sorted(posts_about_sourdough.values())
