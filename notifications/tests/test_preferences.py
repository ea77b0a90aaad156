"""Hearing of new posts or not: per follow on a profile, and for everyone in the profile settings."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from posts import services as posts
from posts.tests.helpers import HTMX, assert_is_fragment, assert_login_redirect
from social.factories import FollowFactory
from social.models import Follow

pytestmark = pytest.mark.django_db

NOTIFY_FORM = 'class="notify-form"'


def notify_url(user) -> str:
    return reverse("social:notify_posts", kwargs={"username": user.username})


def notify_posts_of(follower, followee) -> bool:
    return Follow.objects.get(follower=follower, followee=followee).notify_posts


def test_turning_off_and_on_the_posts_of_someone_followed(alice, bob, client):
    FollowFactory(follower=alice, followee=bob)
    client.force_login(alice)

    off = client.post(notify_url(bob), {"notify": "off", "next": bob.get_absolute_url()})
    assert off.status_code == 302
    assert off["Location"] == bob.get_absolute_url()
    assert notify_posts_of(alice, bob) is False

    client.post(notify_url(bob), {"notify": "on"})
    assert notify_posts_of(alice, bob) is True


def test_turned_off_posts_are_not_told_but_turned_on_again_they_are(alice, bob, client, delivered):
    FollowFactory(follower=alice, followee=bob)
    client.force_login(alice)

    client.post(notify_url(bob), {"notify": "off"})
    with delivered():
        posts.post_create(author=bob, body="Quiet one")
    assert not Notification.objects.filter(recipient=alice).exists()

    client.post(notify_url(bob), {"notify": "on"})
    with delivered():
        posts.post_create(author=bob, body="Loud one")
    assert list(Notification.objects.filter(recipient=alice).values_list("post__body", flat=True)) == ["Loud one"]


def test_the_toggle_answers_htmx_with_the_button_switched(alice, bob, client):
    FollowFactory(follower=alice, followee=bob)
    client.force_login(alice)

    response = client.post(notify_url(bob), {"notify": "off"}, headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert NOTIFY_FORM in content
    assert 'aria-pressed="false"' in content
    assert 'name="notify" value="on"' in content
    assert "Notify me of posts" in content


def test_the_toggle_needs_a_follow(alice, bob, client):
    client.force_login(alice)

    response = client.post(notify_url(bob), {"notify": "off"})

    assert response.status_code == 400
    assert "Follow them first." in response.content.decode()
    assert not Follow.objects.exists()


def test_the_toggle_needs_a_login_and_a_post(alice, bob, client):
    assert_login_redirect(client.post(notify_url(bob), {"notify": "off"}))
    FollowFactory(follower=alice, followee=bob, notify_posts=True)
    client.force_login(alice)
    assert client.get(notify_url(bob)).status_code == 405
    assert notify_posts_of(alice, bob) is True


def test_the_profile_shows_the_toggle_only_to_a_follower(alice, bob, carol, client):
    FollowFactory(follower=alice, followee=bob, notify_posts=False)

    assert NOTIFY_FORM not in client.get(bob.get_absolute_url()).content.decode()
    client.force_login(carol)
    assert NOTIFY_FORM not in client.get(bob.get_absolute_url()).content.decode()
    client.force_login(bob)
    assert NOTIFY_FORM not in client.get(bob.get_absolute_url()).content.decode()
    client.force_login(alice)
    content = client.get(bob.get_absolute_url()).content.decode()
    assert NOTIFY_FORM in content
    assert 'aria-pressed="false"' in content


def test_the_profile_settings_turn_off_every_followed_persons_posts(alice, bob, client, delivered):
    FollowFactory(follower=alice, followee=bob)
    client.force_login(alice)
    assert 'name="notify_followed_posts"' in client.get(reverse("accounts:profile_edit")).content.decode()

    data = {"display_name": alice.display_name, "bio": alice.bio, "email": alice.email}  # The box left unticked.
    response = client.post(reverse("accounts:profile_edit"), data)

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.notify_followed_posts is False
    with delivered():
        posts.post_create(author=bob, body="News")
    assert not Notification.objects.filter(recipient=alice).exists()

    client.post(reverse("accounts:profile_edit"), {**data, "notify_followed_posts": "on"})
    alice.refresh_from_db()
    assert alice.notify_followed_posts is True


def test_a_follow_from_the_profile_leaves_the_bell_off_until_it_is_rung(alice, bob, client):
    client.force_login(alice)
    client.post(reverse("social:follow", kwargs={"username": bob.username}))

    assert notify_posts_of(alice, bob) is False
    assert 'aria-pressed="false">Notify me of posts' in client.get(bob.get_absolute_url()).content.decode()
    client.post(notify_url(bob), {"notify": "on"})
    assert notify_posts_of(alice, bob) is True
    assert 'aria-pressed="true">Notifying you of posts' in client.get(bob.get_absolute_url()).content.decode()
