"""Following and unfollowing through the pages: plain forms redirect, htmx gets the button back."""

import pytest
from django.urls import reverse

from posts.tests.helpers import HTMX, assert_is_fragment, assert_login_redirect, follower_count_on
from social import services
from social.models import Follow


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def test_follow_with_a_plain_form_redirects_to_the_profile(alice_client, alice, bob):
    response = alice_client.post(reverse("social:follow", args=["bob"]))

    assert response.status_code == 302
    assert response["Location"] == "/@bob"
    assert Follow.objects.filter(follower=alice, followee=bob).exists()
    bob.refresh_from_db()
    assert bob.follower_count == 1


def test_follow_goes_back_to_a_safe_next_url(alice_client, bob):
    response = alice_client.post(reverse("social:follow", args=["bob"]), {"next": "/explore/"})

    assert response["Location"] == "/explore/"


def test_follow_with_htmx_answers_the_unfollow_button_and_the_new_count(alice_client, bob, carol):
    services.follow_create(follower=carol, followee=bob)

    response = alice_client.post(reverse("social:follow", args=["bob"]), {"show_count": "1"}, headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert f'action="{reverse("social:unfollow", args=["bob"])}"' in content
    assert ">Unfollow<" in content
    assert follower_count_on(response, bob, out_of_band=True) == 2


def test_follow_with_any_capitalisation_finds_the_person(alice_client, alice, bob):
    alice_client.post(reverse("social:follow", args=["BOB"]))

    assert Follow.objects.filter(follower=alice, followee=bob).exists()


def test_unfollow_with_a_plain_form(alice_client, alice, bob):
    services.follow_create(follower=alice, followee=bob)

    response = alice_client.post(reverse("social:unfollow", args=["bob"]))

    assert response.status_code == 302
    assert response["Location"] == "/@bob"
    assert not Follow.objects.exists()
    alice.refresh_from_db()
    assert alice.following_count == 0


def test_unfollow_with_htmx_answers_the_follow_button(alice_client, alice, bob):
    services.follow_create(follower=alice, followee=bob)

    response = alice_client.post(reverse("social:unfollow", args=["bob"]), {"show_count": "1"}, headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert f'action="{reverse("social:follow", args=["bob"])}"' in content
    assert ">Follow<" in content
    assert follower_count_on(response, bob, out_of_band=True) == 0
    assert not Follow.objects.exists()


def test_follow_from_a_list_of_people_brings_no_count_to_swap(alice_client, bob):
    """Only the profile header shows the count; elsewhere an out-of-band swap would have no target."""
    response = alice_client.post(reverse("social:follow", args=["bob"]), headers=HTMX)

    assert ">Unfollow<" in response.content.decode()
    assert "hx-swap-oob" not in response.content.decode()


def test_following_yourself_through_the_page_is_a_400(alice_client, alice):
    response = alice_client.post(reverse("social:follow", args=["alice"]))

    assert response.status_code == 400
    assert "You cannot follow yourself." in response.content.decode()
    assert not Follow.objects.exists()
    alice.refresh_from_db()
    assert (alice.follower_count, alice.following_count) == (0, 0)


@pytest.mark.parametrize("name", ["social:follow", "social:unfollow"])
def test_following_nobody_is_a_404(alice_client, name):
    assert alice_client.post(reverse(name, args=["nobody"])).status_code == 404


@pytest.mark.parametrize("name", ["social:follow", "social:unfollow"])
def test_follow_needs_a_post_request(alice_client, bob, name):
    assert alice_client.get(reverse(name, args=["bob"])).status_code == 405
    assert not Follow.objects.exists()


@pytest.mark.parametrize("name", ["social:follow", "social:unfollow"])
def test_anonymous_visitors_are_sent_to_log_in(client, bob, name):
    assert_login_redirect(client.post(reverse(name, args=["bob"])))
    assert not Follow.objects.exists()


def bell_slot(response, person) -> str:
    """The out-of-band bell slot in an htmx answer, or '' when it brings none."""
    content = response.content.decode()
    start = content.find(f'<div id="notify-posts-{person.pk}"')
    return content[start : content.index("</div>", start) + len("</div>")] if start >= 0 else ""


def test_follow_with_htmx_brings_the_bell_with_it(alice_client, bob):
    response = alice_client.post(reverse("social:follow", args=["bob"]), {"show_count": "1"}, headers=HTMX)

    slot = bell_slot(response, bob)
    assert 'hx-swap-oob="true"' in slot
    assert "Notify me of posts" in slot


def test_unfollow_with_htmx_takes_the_bell_away(alice_client, alice, bob):
    services.follow_create(follower=alice, followee=bob)
    services.follow_set_notify_posts(follower=alice, followee=bob, notify=True)

    response = alice_client.post(reverse("social:unfollow", args=["bob"]), {"show_count": "1"}, headers=HTMX)

    slot = bell_slot(response, bob)
    assert 'hx-swap-oob="true"' in slot
    assert "notify-form" not in slot


def test_the_profile_has_the_bell_slot_to_swap(alice_client, bob):
    response = alice_client.get(reverse("social:profile", args=["bob"]))

    assert bell_slot(response, bob) == f'<div id="notify-posts-{bob.pk}" class="notify-slot"></div>'
