"""The notifications page, the navigation's unread badge, and marking read from the page."""

import re

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from notifications.models import Notification
from posts import services as posts
from posts.tests.helpers import HTMX, MANY, assert_is_fragment, assert_login_redirect, assert_query_budget
from social.services import follow_create, follow_delete, follow_set_notify_posts
from tests.budgets import SESSION_QUERIES

pytestmark = pytest.mark.django_db

LIST_URL = reverse("notifications:list")
BADGE_URL = reverse("notifications:badge")
READ_URL = reverse("notifications:mark_read")

# Session (unless cached), user, one page of notifications with their actors, posts and replies.
NOTIFICATION_PAGE_BUDGET = SESSION_QUERIES + 2


def groups_on(response) -> list[str]:
    """Each group's line of text, as read, with its unread mark: ["unread: Bob liked your post …"]."""
    items = re.findall(
        r'<li class="notification( unread)?" id="notification-\d+">\s*'
        r'(?:<div class="notification-avatars".*?</div>\s*)?<p>(.*?)</p>',
        response.content.decode(),
        re.S,
    )
    return [("unread: " if unread else "") + " ".join(re.sub(r"<[^>]+>", " ", text).split()) for unread, text in items]


def group_ids_on(response) -> list[int]:
    return [
        int(pk)
        for pk in re.findall(r'<li class="notification(?: unread)?" id="notification-(\d+)"', response.content.decode())
    ]


def badge_count(response) -> int | None:
    """The number in the badge, or None when it is empty."""
    match = re.search(r'<span id="unread-badge"[^>]*>(\d*)', response.content.decode())
    return int(match[1]) if match[1] else None


@pytest.fixture
def named():
    def make(username: str):
        return UserFactory(username=username, display_name=username.capitalize())

    return make


def test_the_page_needs_a_login(client):
    assert_login_redirect(client.get(LIST_URL))


def test_the_page_lists_notifications_newest_first_with_the_unread_marked(alice, named, client, delivered):
    ben, cat = named("ben"), named("cat")
    post = posts.post_create(author=alice, body="Morning all")
    with delivered():
        follow_create(follower=ben, followee=alice)
        posts.post_create(author=cat, in_reply_to=post, body="Morning!")
        posts.post_create(author=ben, body="Hey @alice")
    Notification.objects.filter(kind="follow").update(read_at=post.created_at)
    client.force_login(alice)

    response = client.get(LIST_URL)

    assert groups_on(response) == [
        "unread: Ben mentioned you “Hey @alice”",
        "unread: Cat replied to your post “Morning all”",
        "Ben followed you",
    ]
    assert "Morning!" in response.content.decode()


def test_the_page_groups_likes_on_one_post(alice, named, client, delivered):
    post = posts.post_create(author=alice, body="Morning all")
    with delivered():
        for name in ("ana", "ben", "cat", "dee"):
            posts.like_create(user=named(name), post=post)
    client.force_login(alice)

    assert groups_on(client.get(LIST_URL)) == ["unread: Dee and 3 others liked your post “Morning all”"]


def test_the_page_groups_follows_and_says_other_for_one(alice, named, client, delivered):
    with delivered():
        follow_create(follower=named("ana"), followee=alice)
        follow_create(follower=named("ben"), followee=alice)
    client.force_login(alice)

    assert groups_on(client.get(LIST_URL)) == ["unread: Ben and 1 other followed you"]


def test_the_page_does_not_group_likes_on_different_posts(alice, named, client, delivered):
    first = posts.post_create(author=alice, body="One")
    second = posts.post_create(author=alice, body="Two")
    with delivered():
        posts.like_create(user=named("ana"), post=first)
        posts.like_create(user=named("ben"), post=second)
    client.force_login(alice)

    assert groups_on(client.get(LIST_URL)) == ["unread: Ben liked your post “Two”", "unread: Ana liked your post “One”"]


def test_the_words_of_a_followers_only_post_leave_the_page_when_you_unfollow(alice, bob, client, delivered):
    follow_create(follower=alice, followee=bob)
    follow_set_notify_posts(follower=alice, followee=bob, notify=True)
    with delivered():
        posts.post_create(author=bob, body="Just for my followers", visibility="followers")
    client.force_login(alice)
    assert "Just for my followers" in client.get(LIST_URL).content.decode()

    follow_delete(follower=alice, followee=bob)

    content = client.get(LIST_URL).content.decode()
    assert "Just for my followers" not in content
    assert groups_on(client.get(LIST_URL)) == [f"unread: {bob.name} posted"]


def test_the_page_shows_only_your_own_notifications(alice, bob, carol, client, delivered):
    with delivered():
        follow_create(follower=carol, followee=bob)
    client.force_login(alice)

    response = client.get(LIST_URL)

    assert groups_on(response) == []
    assert "Nothing yet." in response.content.decode()


def test_the_page_is_paginated_by_a_before_cursor(alice, client, delivered, settings):
    settings.PAGE_SIZE = 2
    post = posts.post_create(author=alice, body="Morning")
    with delivered():
        for liker in UserFactory.create_batch(3):
            posts.post_create(author=liker, in_reply_to=post, body="Hi")  # Grouped on the page, paged one by one.
    newest_first = list(Notification.objects.order_by("-id").values_list("id", flat=True))
    client.force_login(alice)

    first = client.get(LIST_URL)
    assert group_ids_on(first) == [newest_first[0]]
    assert f'href="?before={newest_first[1]}"' in first.content.decode()

    older = client.get(LIST_URL, {"before": newest_first[1]})
    assert group_ids_on(older) == [newest_first[2]]
    assert "?before=" not in older.content.decode()


def test_an_htmx_request_for_older_notifications_gets_just_the_items(alice, bob, client, delivered, settings):
    settings.PAGE_SIZE = 1
    with delivered():
        follow_create(follower=bob, followee=alice)
        posts.post_create(author=bob, body="Hi @alice")
    older = Notification.objects.order_by("id").first()
    client.force_login(alice)

    response = client.get(LIST_URL, {"before": older.pk + 1}, headers=HTMX)

    assert_is_fragment(response)
    assert group_ids_on(response) == [older.pk]


def test_a_malformed_cursor_is_a_bad_request(alice, client):
    client.force_login(alice)

    assert client.get(LIST_URL, {"before": "abc"}).status_code == 400


def test_the_page_costs_the_same_with_one_notification_and_a_page_of_them(
    alice, client, delivered, django_assert_num_queries, settings
):
    """Thirty replies from thirty people on thirty posts: nothing groups, every row has an actor, post and reply."""
    settings.PAGE_SIZE = MANY

    def add_replies(count: int) -> None:
        with delivered():
            for author in UserFactory.create_batch(count):
                posts.post_create(in_reply_to=posts.post_create(author=alice, body="A post"), author=author, body="Hi")

    add_replies(1)
    client.force_login(alice)

    assert_query_budget(
        django_assert_num_queries,
        budget=NOTIFICATION_PAGE_BUDGET,
        fetch=lambda: client.get(LIST_URL),
        count_items=lambda response: len(group_ids_on(response)),
        add_many=add_replies,
    )


# The badge.


def test_the_navigation_loads_the_badge_for_people_logged_in(alice, client):
    client.force_login(alice)

    content = client.get(reverse("social:explore")).content.decode()

    assert f'<span id="unread-badge" hx-get="{BADGE_URL}" hx-trigger="load"' in content


def test_the_badge_needs_a_login(client):
    assert_login_redirect(client.get(BADGE_URL))


def test_the_badge_shows_the_unread_count_and_polls(alice, bob, carol, client, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
        follow_create(follower=carol, followee=alice)
    client.force_login(alice)

    response = client.get(BADGE_URL)

    assert_is_fragment(response)
    assert badge_count(response) == 2
    assert 'hx-trigger="every 30s"' in response.content.decode()


def test_an_empty_badge_shows_no_number(alice, client):
    client.force_login(alice)

    response = client.get(BADGE_URL)

    assert badge_count(response) is None
    assert "is-empty" in response.content.decode()


def test_the_badge_is_served_from_the_cache(alice, bob, client, delivered, django_assert_num_queries):
    with delivered():
        follow_create(follower=bob, followee=alice)
    client.force_login(alice)
    with django_assert_num_queries(SESSION_QUERIES + 2):  # Session (unless cached), user, the count.
        client.get(BADGE_URL)

    with django_assert_num_queries(SESSION_QUERIES + 1):  # Session (unless cached) and user only.
        assert badge_count(client.get(BADGE_URL)) == 1


def test_the_badge_counts_what_was_delivered_since_it_was_cached(alice, bob, carol, client, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
    client.force_login(alice)
    assert badge_count(client.get(BADGE_URL)) == 1

    with delivered():
        follow_create(follower=carol, followee=alice)

    assert badge_count(client.get(BADGE_URL)) == 2


def test_the_badge_empties_once_everything_is_read(alice, bob, client, delivered):
    with delivered():
        follow_create(follower=bob, followee=alice)
    client.force_login(alice)
    assert badge_count(client.get(BADGE_URL)) == 1

    client.post(READ_URL)

    assert badge_count(client.get(BADGE_URL)) is None


# Marking read.


@pytest.fixture
def alices_likes(alice, named, delivered):
    """Alice's notifications: a group of two likes on one post, then a follow, newest first."""
    post = posts.post_create(author=alice, body="Morning all")
    with delivered():
        posts.like_create(user=named("ana"), post=post)
        posts.like_create(user=named("ben"), post=post)
        follow_create(follower=named("cat"), followee=alice)
    return list(Notification.objects.filter(kind="like").order_by("-id"))


def _unread_of(user) -> set[str]:
    return set(Notification.objects.filter(recipient=user, read_at=None).values_list("actor__username", flat=True))


def test_marking_a_group_read_marks_each_of_its_notifications(alice, alices_likes, client):
    client.force_login(alice)

    response = client.post(READ_URL, {"id": [like.pk for like in alices_likes]})

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    assert _unread_of(alice) == {"cat"}


def test_marking_read_with_htmx_answers_with_the_group_read_and_the_new_badge(alice, alices_likes, client):
    client.force_login(alice)

    response = client.post(READ_URL, {"id": [like.pk for like in alices_likes]}, headers=HTMX)

    assert_is_fragment(response)
    assert groups_on(response) == ["Ben and 1 other liked your post “Morning all”"]
    assert "Mark read" not in response.content.decode()
    assert 'hx-swap-oob="true"' in response.content.decode()
    assert badge_count(response) == 1


def test_marking_all_read(alice, alices_likes, client):
    client.force_login(alice)

    response = client.post(READ_URL)

    assert response.status_code == 302
    assert _unread_of(alice) == set()
    assert 'class="notification unread"' not in client.get(LIST_URL).content.decode()


def test_marking_read_leaves_other_peoples_notifications_alone(alice, bob, alices_likes, client, delivered):
    with delivered():
        follow_create(follower=alice, followee=bob)
    bobs = Notification.objects.get(recipient=bob)
    client.force_login(alice)

    client.post(READ_URL, {"id": [bobs.pk, alices_likes[0].pk]})

    assert _unread_of(bob) == {"alice"}
    assert _unread_of(alice) == {"ana", "cat"}


def test_marking_only_junk_ids_read_marks_nothing(alice, alices_likes, client):
    client.force_login(alice)

    response = client.post(READ_URL, {"id": ["abc", "-1", "1e3", "١", "9" * 30]})

    assert response.status_code == 302
    assert _unread_of(alice) == {"ana", "ben", "cat"}


def test_marking_someone_elses_notification_read_with_htmx_answers_without_error(
    alice, bob, alices_likes, client, delivered
):
    with delivered():
        follow_create(follower=alice, followee=bob)
    bobs = Notification.objects.get(recipient=bob)
    client.force_login(alice)

    response = client.post(READ_URL, {"id": [bobs.pk]}, headers=HTMX)

    assert response.status_code in {200, 204, 302}
    assert _unread_of(bob) == {"alice"}


def test_marking_read_with_htmx_a_notification_deleted_meanwhile_answers_without_error(alice, alices_likes, client):
    """The page was open when the liked post was deleted; its "Mark read" button still posts the old ids."""
    client.force_login(alice)
    posts.post_delete(post=alices_likes[0].post, actor=alice)

    response = client.post(READ_URL, {"id": [like.pk for like in alices_likes]}, headers=HTMX)

    assert response.status_code in {200, 204, 302}
    assert _unread_of(alice) == {"cat"}


def test_marking_read_needs_a_post_and_a_login(alice, client):
    assert_login_redirect(client.post(READ_URL))
    client.force_login(alice)
    assert client.get(READ_URL).status_code == 405
