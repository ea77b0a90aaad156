"""Blocks and mutes in the notifications: nothing from a blocked or muted person, and nobody is told of either."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from notifications.models import Event, Notification
from posts import services as posts
from social import services as social

pytestmark = pytest.mark.django_db

LIST_URL = "/api/threadly/v1/notifications"


@pytest.fixture
def alice_blocks_bob(alice, bob):
    social.block_create(blocker=alice, blocked=bob)


@pytest.fixture
def carol_mutes_bob(bob, carol):
    """carol follows bob, wants to hear of his posts, and mutes him."""
    social.follow_create(follower=carol, followee=bob)
    social.follow_set_notify_posts(follower=carol, followee=bob, notify=True)
    social.mute_create(muter=carol, muted=bob)


# Blocks


def test_the_blocked_persons_follow_like_and_reply_attempts_tell_the_blocker_nothing(
    alice, bob, alice_blocks_bob, delivered, notified
):
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        with pytest.raises(ValidationError):
            social.follow_create(follower=bob, followee=alice)
        with pytest.raises(PermissionDenied):
            posts.like_create(user=bob, post=post)
        with pytest.raises(PermissionDenied):
            posts.post_create(author=bob, in_reply_to=post, body="Hi")

    assert notified(alice) == []
    assert not Event.objects.filter(actor=bob).exists()


def test_the_blocked_persons_mention_in_a_post_tells_the_blocker_nothing(
    alice, bob, carol, alice_blocks_bob, delivered, notified
):
    with delivered():
        posts.post_create(author=bob, body="Hello @alice and @carol")

    assert notified(alice) == []
    assert notified(carol) == [("mention", "bob")]


def test_the_blocked_persons_mention_in_a_reply_elsewhere_tells_the_blocker_nothing(
    alice, bob, carol, alice_blocks_bob, delivered, notified
):
    carols_post = posts.post_create(author=carol, body="Morning")

    with delivered():
        posts.post_create(author=bob, in_reply_to=carols_post, body="@alice look at this")

    assert notified(alice) == []
    assert notified(carol) == [("reply", "bob")]


def test_the_blocked_persons_new_posts_do_not_reach_the_blocker(alice, bob, delivered, notified):
    social.follow_create(follower=alice, followee=bob)
    social.block_create(blocker=alice, blocked=bob)  # Ends the follow too.

    with delivered():
        posts.post_create(author=bob, body="News")

    assert notified(alice) == []


def test_the_blocker_mentioning_the_blocked_person_does_not_tell_them(
    alice, bob, alice_blocks_bob, delivered, notified
):
    """bob cannot open alice's post (a block hides posts both ways), so a mention must not reach him."""
    with delivered():
        post = posts.post_create(author=alice, body="Ha, @bob will never see this")

    assert notified(bob) == []
    assert not post.mentions.filter(pk=bob.pk).exists()


def test_an_earlier_notification_no_longer_shows_the_blockers_words(client, alice, bob, delivered):
    with delivered():
        posts.post_create(author=alice, body="Hey @bob, a secret plan")
    social.block_create(blocker=alice, blocked=bob)
    client.force_login(bob)

    response = client.get(reverse("notifications:list"))

    assert response.status_code == 200
    assert "a secret plan" not in response.content.decode()


def test_blocking_and_unblocking_tell_nobody(alice, bob, delivered, notified):
    with delivered():
        social.block_create(blocker=alice, blocked=bob)
        social.block_delete(blocker=alice, blocked=bob)

    assert notified(alice) == notified(bob) == []
    assert not Event.objects.exists()


def test_after_unblocking_the_person_is_heard_again(alice, bob, alice_blocks_bob, delivered, notified):
    social.block_delete(blocker=alice, blocked=bob)
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        social.follow_create(follower=bob, followee=alice)
        posts.like_create(user=bob, post=post)

    assert notified(alice) == [("like", "bob"), ("follow", "bob")]


# Mutes


def test_a_muted_persons_new_post_and_its_mention_tell_the_muter_nothing(
    alice, bob, carol, carol_mutes_bob, delivered, notified
):
    social.follow_create(follower=alice, followee=bob)

    with delivered():
        posts.post_create(author=bob, body="News for @carol and @alice")

    assert notified(carol) == []
    assert notified(alice) == [("mention", "bob")]


def test_a_muted_persons_like_reply_and_follow_tell_the_muter_nothing(
    alice, bob, carol, carol_mutes_bob, delivered, notified
):
    carols_post = posts.post_create(author=carol, body="Morning")

    with delivered():
        posts.like_create(user=bob, post=carols_post)
        posts.post_create(author=bob, in_reply_to=carols_post, body="Morning @carol")
        social.follow_create(follower=bob, followee=carol)

    assert notified(carol) == []


def test_a_muted_persons_mention_in_a_reply_elsewhere_tells_the_muter_nothing(
    alice, bob, carol, carol_mutes_bob, delivered, notified
):
    alices_post = posts.post_create(author=alice, body="Morning")

    with delivered():
        posts.post_create(author=bob, in_reply_to=alices_post, body="@carol have a look")

    assert notified(carol) == []
    assert notified(alice) == [("reply", "bob")]


def test_the_muted_person_is_not_told_and_still_hears_from_the_muter(
    alice, bob, carol, carol_mutes_bob, delivered, notified
):
    bobs_post = posts.post_create(author=bob, body="Morning")

    with delivered():
        posts.like_create(user=carol, post=bobs_post)
        posts.post_create(author=carol, body="Hi @bob")

    assert notified(bob) == [("mention", "carol"), ("like", "carol")]
    assert not Notification.objects.filter(recipient=bob, actor=carol, kind="follow").exists()


def test_after_unmuting_the_person_is_heard_again(bob, carol, carol_mutes_bob, delivered, notified):
    social.mute_delete(muter=carol, muted=bob)

    with delivered():
        posts.post_create(author=bob, body="Back again")
        posts.post_create(author=bob, body="Back @carol")

    # A follower who is mentioned hears of the mention only.
    assert notified(carol) == [("mention", "bob"), ("post", "bob")]


def test_a_mute_hides_the_muted_persons_earlier_notifications(api_as, bob, carol, delivered):
    """The issue: a muted person's "posts and notifications are hidden from you" (hidden, so undo shows them)."""
    carols_post = posts.post_create(author=carol, body="Morning")
    with delivered():
        posts.like_create(user=bob, post=carols_post)
    client = api_as(carol)
    assert [item["kind"] for item in client.get(LIST_URL).json()["results"]] == ["like"]

    social.mute_create(muter=carol, muted=bob)

    assert client.get(LIST_URL).json()["results"] == []
