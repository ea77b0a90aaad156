"""Reading notifications: the cached unread count, marking read, grouping a page, pruning."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.factories import UserFactory
from notifications import selectors, services
from notifications.models import Event, Notification
from posts import services as posts
from social.services import follow_create

pytestmark = pytest.mark.django_db


def _unread(user) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).count()


# The unread count.


def test_the_unread_count_is_served_from_the_cache(alice, bob, delivered, django_assert_num_queries):
    with delivered():
        follow_create(follower=bob, followee=alice)

    with django_assert_num_queries(1):
        assert selectors.unread_count(alice) == 1
    with django_assert_num_queries(0):
        assert selectors.unread_count(alice) == 1


def test_a_delivery_clears_each_recipients_cached_count(alice, bob, carol, delivered):
    assert selectors.unread_count(alice) == selectors.unread_count(carol) == 0

    with delivered():
        follow_create(follower=bob, followee=alice)

    assert cache.get(selectors.unread_count_key(alice.pk)) is None
    assert selectors.unread_count(alice) == 1
    assert cache.get(selectors.unread_count_key(carol.pk)) == 0


def test_marking_read_clears_the_cached_count(alice, bob, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
    assert selectors.unread_count(alice) == 1

    services.notifications_mark_read(user=alice)

    assert selectors.unread_count(alice) == 0


# Marking read.


def test_marking_all_read_counts_those_that_changed(alice, bob, carol, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
        follow_create(follower=carol, followee=alice)
        follow_create(follower=alice, followee=bob)

    assert services.notifications_mark_read(user=alice) == 2
    assert services.notifications_mark_read(user=alice) == 0
    assert _unread(bob) == 1


def test_marking_some_read_leaves_the_others_and_other_peoples(alice, bob, carol, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
        follow_create(follower=carol, followee=alice)
        follow_create(follower=alice, followee=bob)
    first = Notification.objects.filter(recipient=alice).order_by("id").first()
    bobs = Notification.objects.get(recipient=bob)

    assert services.notifications_mark_read(user=alice, ids=[first.pk, bobs.pk]) == 1

    assert _unread(alice) == 1
    assert Notification.objects.get(pk=first.pk).read_at is not None
    assert _unread(bob) == 1


def test_marking_an_empty_list_read_changes_nothing(alice, bob, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)

    assert services.notifications_mark_read(user=alice, ids=[]) == 0
    assert _unread(alice) == 1


# Grouping a page.


def _page_for(user) -> list[Notification]:
    return list(selectors.notifications_for(user).order_by("-id"))


def test_likes_on_one_post_are_grouped_newest_first(alice, delivered):
    post = posts.post_create(author=alice, body="Morning")
    likers = [UserFactory(username=name) for name in ("ana", "ben", "cat", "dee")]
    with delivered():
        for liker in likers:
            posts.like_create(user=liker, post=post)

    (group,) = selectors.group_notifications(_page_for(alice))

    assert [actor.username for actor in group.actors] == ["dee", "cat", "ben", "ana"]
    assert (group.kind, group.others_count, group.is_unread) == ("like", 3, True)
    assert sorted(group.ids) == sorted(Notification.objects.values_list("id", flat=True))


def test_likes_on_different_posts_are_not_grouped(alice, bob, carol, delivered):
    first = posts.post_create(author=alice, body="One")
    second = posts.post_create(author=alice, body="Two")
    with delivered():
        posts.like_create(user=bob, post=first)
        posts.like_create(user=carol, post=second)

    groups = selectors.group_notifications(_page_for(alice))

    assert [(group.first.post, group.others_count) for group in groups] == [(second, 0), (first, 0)]


def test_only_neighbouring_notifications_are_grouped(alice, bob, carol, delivered):
    first = posts.post_create(author=alice, body="One")
    second = posts.post_create(author=alice, body="Two")
    dan = UserFactory()
    with delivered():
        posts.like_create(user=bob, post=first)
        posts.like_create(user=carol, post=second)
        posts.like_create(user=dan, post=first)

    assert [len(group.items) for group in selectors.group_notifications(_page_for(alice))] == [1, 1, 1]


def test_follows_are_grouped(alice, bob, carol, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
        follow_create(follower=carol, followee=alice)

    (group,) = selectors.group_notifications(_page_for(alice))

    assert (group.kind, [actor.username for actor in group.actors]) == ("follow", ["carol", "bob"])


def test_replies_to_one_post_are_grouped_but_mentions_are_not(alice, bob, carol, delivered):
    post = posts.post_create(author=alice, body="Morning")
    with delivered():
        posts.post_create(author=bob, in_reply_to=post, body="One")
        posts.post_create(author=carol, in_reply_to=post, body="Two")
        posts.post_create(author=bob, body="Hi @alice")
        posts.post_create(author=carol, body="Hi @alice")

    groups = selectors.group_notifications(_page_for(alice))

    assert [(group.kind, len(group.items)) for group in groups] == [("mention", 1), ("mention", 1), ("reply", 2)]


def test_someone_liking_twice_counts_once_in_a_group(alice, bob, carol, delivered, settings):
    post = posts.post_create(author=alice, body="Morning")
    with delivered():
        posts.like_create(user=bob, post=post)
    posts.like_delete(user=bob, post=post)
    Event.objects.filter(kind=Event.Kind.LIKE).update(created_at=timezone.now() - settings.NOTIFICATION_REPEAT_WINDOW)
    with delivered():
        posts.like_create(user=bob, post=post)
        posts.like_create(user=carol, post=post)

    (group,) = selectors.group_notifications(_page_for(alice))

    assert (len(group.items), group.others_count) == (3, 1)


def test_a_group_is_unread_while_any_of_it_is(alice, bob, carol, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
        follow_create(follower=carol, followee=alice)
    services.notifications_mark_read(user=alice, ids=[Notification.objects.order_by("id").first().pk])

    (group,) = selectors.group_notifications(_page_for(alice))

    assert group.is_unread
    services.notifications_mark_read(user=alice)
    assert not selectors.group_notifications(_page_for(alice))[0].is_unread


# Pruning.


def test_pruning_deletes_old_notifications_and_finished_events_left_without_any(alice, bob, carol, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
    old_event = Event.objects.get()
    Event.objects.update(created_at=timezone.now() - timedelta(days=31))
    Notification.objects.update(created_at=timezone.now() - timedelta(days=31))
    with delivered():
        follow_create(follower=carol, followee=alice)

    assert services.notifications_prune(older_than=timedelta(days=30)) == (1, 1)

    assert not Event.objects.filter(pk=old_event.pk).exists()
    assert list(Notification.objects.values_list("actor__username", flat=True)) == ["carol"]


def test_pruning_keeps_old_events_still_pending_or_parked(alice, bob, carol):
    follow_create(follower=bob, followee=alice)
    follow_create(follower=carol, followee=alice)
    services.event_park(event_id=Event.objects.order_by("id").last().pk, error="boom")
    Event.objects.update(created_at=timezone.now() - timedelta(days=31))

    assert services.notifications_prune(older_than=timedelta(days=30)) == (0, 0)
    assert Event.objects.count() == 2
