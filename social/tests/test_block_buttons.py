"""Someone you blocked is never offered a Follow button: Unblock stands in its place, wherever they are listed."""

import re

import pytest
from django.urls import reverse

from search.tests.helpers import SEARCH_URL
from social import services

pytestmark = pytest.mark.django_db


def buttons_for(content: str, person) -> list[str]:
    """The labels of the buttons that act on `person` (their username follows the label, for screen readers)."""
    pattern = rf'<button type="submit"[^>]*>(\w+)<span class="visually-hidden"> @{person.username}</span></button>'
    return re.findall(pattern, content)


@pytest.fixture
def alice_blocks_bob(client, alice, bob):
    services.block_create(blocker=alice, blocked=bob)
    client.force_login(alice)


def test_the_profile_of_someone_you_blocked_offers_unblock_and_no_follow(client, bob, alice_blocks_bob):
    content = client.get(bob.get_absolute_url()).content.decode()

    assert buttons_for(content, bob) == ["Unblock", "Mute"]
    assert reverse("social:follow", kwargs={"username": bob.username}) not in content


def test_unblocking_from_the_profile_brings_follow_back(client, bob, alice_blocks_bob):
    unblock = reverse("social:unblock", kwargs={"username": bob.username})

    response = client.post(unblock, {"next": bob.get_absolute_url()})

    assert response["Location"] == bob.get_absolute_url()
    assert buttons_for(client.get(bob.get_absolute_url()).content.decode(), bob) == ["Follow", "Block", "Mute"]


@pytest.mark.parametrize("followers", [True, False], ids=["followers", "following"])
def test_a_people_list_offers_unblock_for_someone_you_blocked(client, alice, bob, carol, alice_blocks_bob, followers):
    if followers:
        services.follow_create(follower=bob, followee=carol)
    else:
        services.follow_create(follower=carol, followee=bob)
    url = reverse("social:followers" if followers else "social:following", kwargs={"username": carol.username})

    content = client.get(url).content.decode()

    assert buttons_for(content, bob) == ["Unblock"]


def test_search_results_never_offer_to_follow_someone_you_blocked(client, bob, alice_blocks_bob):
    content = client.get(SEARCH_URL, {"q": "bob", "type": "people"}).content.decode()

    assert buttons_for(content, bob) == []
    assert f"@{bob.username}</span></span>" not in content
