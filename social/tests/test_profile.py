"""Profiles and their followers and following lists."""

import re

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services as posts_services
from posts.tests.helpers import HTMX, assert_is_fragment, follower_count_on, post_ids_on
from social import services


def people_on(response) -> list[str]:
    """The usernames listed on a followers or following page, in page order."""
    return re.findall(r'<li class="person">\s*<a class="author" href="/@(\w+)"', response.content.decode())


def test_profile_shows_the_person_their_counts_and_posts(client, alice, bob):
    services.follow_create(follower=bob, followee=alice)
    older = posts_services.post_create(author=alice, body="first")
    newer = posts_services.post_create(author=alice, body="second")
    posts_services.post_create(author=bob, body="not alice's")

    response = client.get(reverse("social:profile", args=["alice"]))

    content = response.content.decode()
    assert response.status_code == 200
    assert post_ids_on(response) == [newer.pk, older.pk]
    assert "<strong>2</strong> posts" in content
    assert follower_count_on(response, alice) == 1


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/@alice/", "/@alice"),
        ("/@alice/?before=5", "/@alice?before=5"),
        ("/@alice/followers", "/@alice/followers/"),
        ("/@alice/following", "/@alice/following/"),
    ],
)
def test_a_profile_address_with_or_without_a_trailing_slash_redirects_to_the_page(client, alice, path, location):
    response = client.get(path)

    assert response.status_code == 301
    assert response["Location"] == location
    assert client.get(location).status_code == 200


def test_profile_redirects_to_the_canonical_username(client, alice):
    response = client.get("/@ALICE")

    assert response.status_code == 301
    assert response["Location"] == "/@alice"


def test_profile_keeps_a_mixed_case_username_as_canonical(client, db):
    UserFactory(username="MixedCase")

    assert client.get("/@MixedCase").status_code == 200
    assert client.get("/@mixedcase")["Location"] == "/@MixedCase"


def test_profile_of_nobody_is_a_404(client, db):
    assert client.get("/@nobody").status_code == 404


def test_profile_of_a_deactivated_account_is_a_404(client, db):
    UserFactory(username="gone", is_active=False)

    assert client.get("/@gone").status_code == 404


def test_profile_shows_follow_or_unfollow_to_others_and_edit_to_oneself(client, alice, bob):
    client.force_login(bob)
    assert f'action="{reverse("social:follow", args=["alice"])}"' in client.get("/@alice").content.decode()

    services.follow_create(follower=bob, followee=alice)
    assert f'action="{reverse("social:unfollow", args=["alice"])}"' in client.get("/@alice").content.decode()

    client.force_login(alice)
    content = client.get("/@alice").content.decode()
    assert reverse("accounts:profile_edit") in content
    assert 'class="follow-form"' not in content


@pytest.fixture
def alice_followers(alice):
    """Three people follow alice, finn last."""
    people = [UserFactory(username=name) for name in ("dora", "eve", "finn")]
    for person in people:
        services.follow_create(follower=person, followee=alice)
    return people


def test_followers_are_listed_newest_first_and_paged(client, alice, alice_followers, settings):
    settings.PAGE_SIZE = 2
    url = reverse("social:followers", args=["alice"])

    first_page = client.get(url)
    assert first_page.status_code == 200
    assert people_on(first_page) == ["finn", "eve"]
    match = re.search(r'href="\?before=(\d+)"', first_page.content.decode())
    assert match

    second_page = client.get(url, {"before": match[1]})
    assert people_on(second_page) == ["dora"]
    assert "More people" not in second_page.content.decode()


def test_followers_pages_with_htmx(client, alice, alice_followers, settings):
    settings.PAGE_SIZE = 2
    url = reverse("social:followers", args=["alice"])
    cursor = re.search(r'href="\?before=(\d+)"', client.get(url).content.decode())[1]

    response = client.get(url, {"before": cursor}, headers=HTMX)

    assert_is_fragment(response)
    assert people_on(response) == ["dora"]


def test_following_is_listed_newest_first_and_paged(client, alice, settings):
    settings.PAGE_SIZE = 2
    for name in ("dora", "eve", "frank"):
        services.follow_create(follower=alice, followee=UserFactory(username=name))
    url = reverse("social:following", args=["alice"])

    first_page = client.get(url)
    assert people_on(first_page) == ["frank", "eve"]
    cursor = re.search(r'href="\?before=(\d+)"', first_page.content.decode())[1]
    assert people_on(client.get(url, {"before": cursor})) == ["dora"]


def test_people_lists_show_whom_the_viewer_follows(client, alice, bob, alice_followers):
    services.follow_create(follower=bob, followee=UserFactory(username="gina"))
    services.follow_create(follower=bob, followee=alice_followers[0])
    client.force_login(bob)

    content = client.get(reverse("social:followers", args=["alice"])).content.decode()

    assert f'action="{reverse("social:unfollow", args=["dora"])}"' in content
    assert f'action="{reverse("social:follow", args=["eve"])}"' in content
    assert f'action="{reverse("social:follow", args=["finn"])}"' in content


def test_an_empty_list_says_so(client, alice):
    response = client.get(reverse("social:following", args=["alice"]))

    assert people_on(response) == []
    assert "Nobody yet." in response.content.decode()


def test_people_lists_of_nobody_are_a_404(client, db):
    assert client.get(reverse("social:followers", args=["nobody"])).status_code == 404
    assert client.get(reverse("social:following", args=["nobody"])).status_code == 404


@pytest.mark.parametrize("lookalike", ["vıctim", "ſam"])
def test_a_lookalike_name_opens_no_profile(db, client, api_client, lookalike):
    """Usernames are ASCII; PostgreSQL's case-insensitive match would take `vıctim` to `victim`."""
    UserFactory(username="victim")
    UserFactory(username="sam")

    assert client.get(f"/@{lookalike}").status_code == 404
    assert api_client.get(f"/api/threadly/v1/users/{lookalike}").status_code == 404
    assert api_client.get(f"/api/threadly/v1/users/{lookalike}/posts").status_code == 404
