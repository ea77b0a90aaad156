"""Who is told of each action: the recipients, never the actor, never the same event twice."""

import pytest
from django.db import transaction

from accounts.factories import UserFactory
from notifications import recipients
from notifications.models import Event, Notification
from posts import services as posts
from posts.models import Post
from social.factories import FollowFactory
from social.services import follow_create, follow_delete, follow_set_notify_posts

pytestmark = pytest.mark.django_db


def test_a_follow_tells_the_person_followed(alice, bob, delivered, notified):
    with delivered():
        follow_create(follower=bob, followee=alice)

    assert notified(alice) == [("follow", "bob")]
    assert notified(bob) == []


def test_a_like_tells_the_posts_author_only(alice, bob, carol, delivered, notified):
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        posts.like_create(user=bob, post=post)

    assert notified(alice) == [("like", "bob")]
    assert notified(bob) == notified(carol) == []


def test_liking_your_own_post_tells_nobody(alice, delivered):
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        posts.like_create(user=alice, post=post)

    assert not Event.objects.filter(kind=Event.Kind.LIKE).exists()
    assert not Notification.objects.exists()


def test_a_reply_tells_the_posts_author(alice, bob, delivered, notified):
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        comment = posts.post_create(author=bob, in_reply_to=post, body="Morning to you")

    assert notified(alice) == [("reply", "bob")]
    assert Notification.objects.get(recipient=alice).post == comment
    assert notified(bob) == []


def test_replying_to_your_own_post_tells_nobody(alice, delivered):
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        posts.post_create(author=alice, in_reply_to=post, body="And a good one")

    assert not Notification.objects.exists()


def test_a_mention_in_a_post_tells_each_person_mentioned(alice, bob, carol, delivered, notified):
    with delivered():
        post = posts.post_create(author=alice, body="Lunch with @bob and @Carol?")

    assert notified(bob) == notified(carol) == [("mention", "alice")]
    assert Notification.objects.get(recipient=bob).post == post
    assert notified(alice) == []


def test_mentioning_yourself_tells_you_nothing(alice, delivered):
    with delivered():
        posts.post_create(author=alice, body="Note to @alice: water the plants")
        post = posts.post_create(author=alice, body="A post")
        posts.post_create(author=alice, in_reply_to=post, body="@alice again")

    assert not Notification.objects.exists()


def test_a_mention_in_a_reply_tells_each_person_mentioned_but_not_its_author(alice, bob, carol, delivered, notified):
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        posts.post_create(author=bob, in_reply_to=post, body="@CAROL look, and @bob says hi")

    assert notified(carol) == [("mention", "bob")]
    assert notified(bob) == []


def test_an_unknown_or_inactive_mention_tells_nobody(alice, delivered):
    UserFactory(username="gone", is_active=False)

    with delivered():
        posts.post_create(author=alice, body="Hello @gone and @nobody_here")

    assert not Notification.objects.exists()


def test_a_followers_only_posts_mentions_reach_only_followers(alice, bob, carol, delivered, notified):
    FollowFactory(follower=bob, followee=alice)

    with delivered():
        posts.post_create(author=alice, body="Secret plans, @bob and @carol", visibility=Post.Visibility.FOLLOWERS)

    assert notified(bob) == [("mention", "alice")]
    assert notified(carol) == []


def test_a_reply_on_a_followers_only_post_mentions_only_followers_and_the_author(
    alice, bob, carol, delivered, notified
):
    dan = UserFactory(username="dan")
    FollowFactory(follower=bob, followee=alice)
    FollowFactory(follower=dan, followee=alice)
    post = posts.post_create(author=alice, body="Secret plans", visibility=Post.Visibility.FOLLOWERS)

    with delivered():
        posts.post_create(author=bob, in_reply_to=post, body="@carol @dan what do you think?")

    assert notified(dan) == [("mention", "bob")]
    assert notified(carol) == []
    assert notified(alice) == [("reply", "bob")]


def test_a_reply_mentioning_the_posts_author_tells_them_of_the_reply_only(alice, bob, delivered, notified):
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        posts.post_create(author=bob, in_reply_to=post, body="@alice good morning")

    assert notified(alice) == [("reply", "bob")]


def test_a_new_post_tells_the_authors_followers(alice, bob, carol, delivered, notified):
    FollowFactory(follower=bob, followee=alice, notify_posts=True)
    FollowFactory(follower=carol, followee=bob, notify_posts=True)

    with delivered():
        post = posts.post_create(author=alice, body="News")

    assert notified(bob) == [("post", "alice")]
    assert Notification.objects.get(recipient=bob).post == post
    assert notified(carol) == notified(alice) == []


def test_a_new_follow_is_not_told_of_new_posts_until_the_bell_is_rung(alice, bob, delivered, notified):
    """Post notifications are opt-in per follow (Mastodon's bell); the follow itself is still told."""
    with delivered():
        follow_create(follower=bob, followee=alice)
        posts.post_create(author=alice, body="Before the bell")
    assert notified(bob) == []

    follow_set_notify_posts(follower=bob, followee=alice, notify=True)
    with delivered():
        posts.post_create(author=alice, body="After the bell")
    assert notified(bob) == [("post", "alice")]
    assert Notification.objects.get(recipient=bob).post.body == "After the bell"


def test_a_follow_with_posts_turned_off_is_not_told_of_new_posts(alice, bob, carol, delivered, notified):
    FollowFactory(follower=bob, followee=alice, notify_posts=False)
    FollowFactory(follower=carol, followee=alice, notify_posts=True)

    with delivered():
        posts.post_create(author=alice, body="News")

    assert notified(bob) == []
    assert notified(carol) == [("post", "alice")]


def test_a_follow_with_posts_turned_off_still_hears_of_follows_likes_and_mentions(alice, bob, delivered, notified):
    FollowFactory(follower=bob, followee=alice, notify_posts=False)
    bobs_post = posts.post_create(author=bob, body="Mine")

    with delivered():
        posts.post_create(author=alice, body="Hi @bob")
        posts.like_create(user=alice, post=bobs_post)

    assert notified(bob) == [("like", "alice"), ("mention", "alice")]


def test_someone_who_turned_off_all_followed_posts_is_not_told(alice, bob, carol, delivered, notified):
    bob.notify_followed_posts = False
    bob.save()
    FollowFactory(follower=bob, followee=alice, notify_posts=True)
    FollowFactory(follower=carol, followee=alice, notify_posts=True)

    with delivered():
        posts.post_create(author=alice, body="News")

    assert notified(bob) == []
    assert notified(carol) == [("post", "alice")]


def test_inactive_followers_are_not_told_of_new_posts(alice, delivered):
    FollowFactory(follower=UserFactory(is_active=False), followee=alice)

    with delivered():
        posts.post_create(author=alice, body="News")

    assert not Notification.objects.exists()


def test_a_mentioned_follower_hears_of_the_mention_not_of_the_post(alice, bob, carol, delivered, notified):
    FollowFactory(follower=bob, followee=alice, notify_posts=True)
    FollowFactory(follower=carol, followee=alice, notify_posts=True)

    with delivered():
        posts.post_create(author=alice, body="Thanks @bob")

    assert notified(bob) == [("mention", "alice")]
    assert notified(carol) == [("post", "alice")]


def test_people_refusing_the_actor_hear_nothing_from_them(alice, bob, carol, delivered, notified, monkeypatch):
    """The hook blocks will fill: whoever it names is left out of every kind of notification."""
    monkeypatch.setattr(recipients, "refusing_recipient_ids", lambda actor: {bob.pk} if actor == alice else set())
    FollowFactory(follower=bob, followee=alice, notify_posts=True)
    FollowFactory(follower=carol, followee=alice, notify_posts=True)
    bobs_post = posts.post_create(author=bob, body="Mine")

    with delivered():
        posts.like_create(user=alice, post=bobs_post)
        posts.post_create(author=alice, in_reply_to=bobs_post, body="Nice, @bob")
        follow_create(follower=alice, followee=bob)
        posts.post_create(author=alice, body="News for @bob")

    assert notified(bob) == []
    assert notified(carol) == [("post", "alice")]


def test_nothing_is_delivered_before_the_action_commits(alice, bob):
    follow_create(follower=bob, followee=alice)

    assert Event.objects.get().status == Event.Status.PENDING
    assert not Notification.objects.exists()


def test_an_action_rolled_back_records_no_event_and_tells_nobody(alice, bob, delivered):
    with delivered() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        follow_create(follower=bob, followee=alice)
        raise RuntimeError("the request failed after the follow")

    assert callbacks == []
    assert not Event.objects.exists()
    assert not Notification.objects.exists()


def test_a_delivered_event_is_done(alice, bob, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)

    event = Event.objects.get()
    assert (event.status, event.attempts, event.last_error) == (Event.Status.DONE, 1, "")
    assert event.processed_at is not None


def test_many_followers_are_told_in_several_chunks(alice, delivered, settings, followers_of_alice):
    settings.NOTIFICATION_CHUNK_SIZE = 3
    followers = followers_of_alice(8)

    with delivered():
        posts.post_create(author=alice, body="News")

    told = Notification.objects.filter(kind=Event.Kind.POST).values_list("recipient_id", flat=True)
    assert sorted(told) == sorted(follower.pk for follower in followers)
    assert Event.objects.get(kind=Event.Kind.POST).status == Event.Status.DONE


def test_recipients_come_in_chunks_of_the_chunk_size():
    assert list(recipients.in_chunks(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(recipients.in_chunks(iter([]), 3)) == []


# Undoing and redoing within NOTIFICATION_REPEAT_WINDOW.


def test_unlike_and_like_again_within_the_window_tells_once(alice, bob, delivered, notified):
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        posts.like_create(user=bob, post=post)
        posts.like_delete(user=bob, post=post)
        posts.like_create(user=bob, post=post)

    assert notified(alice) == [("like", "bob")]
    assert Event.objects.filter(kind=Event.Kind.LIKE).count() == 1


def test_unfollow_and_follow_again_within_the_window_tells_once(alice, bob, delivered, notified):
    with delivered():
        follow_create(follower=bob, followee=alice)
        follow_delete(follower=bob, followee=alice)
        follow_create(follower=bob, followee=alice)

    assert notified(alice) == [("follow", "bob")]


def test_liking_again_after_the_window_tells_again(alice, bob, delivered, notified, settings):
    post = posts.post_create(author=alice, body="Morning")
    with delivered():
        posts.like_create(user=bob, post=post)
    posts.like_delete(user=bob, post=post)
    like = Event.objects.get(kind=Event.Kind.LIKE)
    Event.objects.filter(pk=like.pk).update(created_at=like.created_at - settings.NOTIFICATION_REPEAT_WINDOW)

    with delivered():
        posts.like_create(user=bob, post=post)

    assert notified(alice) == [("like", "bob"), ("like", "bob")]


def test_following_again_after_the_window_tells_again(alice, bob, delivered, notified, settings):
    with delivered():
        follow_create(follower=bob, followee=alice)
    follow_delete(follower=bob, followee=alice)
    Event.objects.update(created_at=Event.objects.get().created_at - settings.NOTIFICATION_REPEAT_WINDOW)

    with delivered():
        follow_create(follower=bob, followee=alice)

    assert notified(alice) == [("follow", "bob"), ("follow", "bob")]


def test_the_window_is_per_post_and_per_person(alice, bob, carol, delivered, notified):
    first = posts.post_create(author=alice, body="One")
    second = posts.post_create(author=alice, body="Two")

    with delivered():
        posts.like_create(user=bob, post=first)
        posts.like_create(user=bob, post=second)
        follow_create(follower=bob, followee=alice)
        follow_create(follower=bob, followee=carol)

    assert notified(alice) == [("follow", "bob"), ("like", "bob"), ("like", "bob")]
    assert notified(carol) == [("follow", "bob")]


def test_every_reply_tells_the_author(alice, bob, delivered, notified):
    post = posts.post_create(author=alice, body="Morning")

    with delivered():
        posts.post_create(author=bob, in_reply_to=post, body="One")
        posts.post_create(author=bob, in_reply_to=post, body="Two")

    assert notified(alice) == [("reply", "bob"), ("reply", "bob")]


# Deleting what a notification is about.


def test_deleting_a_post_removes_its_notifications_but_not_those_of_replies_to_it(
    alice, bob, carol, delivered, notified
):
    """bob's reply is his own post: it stays in the conversation, and so does alice's word of it."""
    FollowFactory(follower=carol, followee=alice)
    with delivered():
        post = posts.post_create(author=alice, body="Hi @bob")
        posts.like_create(user=bob, post=post)
        posts.post_create(author=bob, in_reply_to=post, body="Hi")
        follow_create(follower=bob, followee=alice)

    posts.post_delete(post=post, actor=alice)

    assert notified(alice) == [("follow", "bob"), ("reply", "bob")]
    assert notified(bob) == notified(carol) == []


def test_deleting_a_reply_removes_its_notification(alice, bob, delivered, notified):
    post = posts.post_create(author=alice, body="Morning")
    with delivered():
        comment = posts.post_create(author=bob, in_reply_to=post, body="Hi")
        posts.like_create(user=bob, post=post)

    posts.post_delete(post=comment, actor=bob)

    assert notified(alice) == [("like", "bob")]
