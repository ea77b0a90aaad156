"""Bookmarks: the services, the toggle on every post and the /bookmarks/ page. Private to their owner."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from notifications.models import Event, Notification
from posts import bookmarks, policy, services
from posts.factories import BookmarkFactory, PostFactory
from posts.models import Bookmark, Post
from posts.tests.helpers import HTMX, MANY, assert_is_fragment, assert_login_redirect, assert_query_budget, post_ids_on
from social import services as social
from tests.budgets import IMAGES, SESSION_QUERIES

pytestmark = pytest.mark.django_db

# Session (unless cached), viewer, the bookmarks with their posts and authors, the viewer's likes and
# bookmarks among them.
BOOKMARKS_PAGE_BUDGET = SESSION_QUERIES + 3 + IMAGES


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


def repost_of(post: Post, *, by) -> Post:
    """A repost row as the schema stores it (the reposts services are another part's)."""
    return Post.objects.create(author=by, body="", repost_of=post)


def kept_by(user) -> list[int]:
    return list(Bookmark.objects.filter(user=user).values_list("post_id", flat=True))


# Services


def test_bookmarking_twice_keeps_one_row(bob, post):
    assert bookmarks.bookmark_create(user=bob, post=post) is True
    assert bookmarks.bookmark_create(user=bob, post=post) is False

    assert kept_by(bob) == [post.pk]


def test_unbookmarking_is_idempotent(bob, post):
    bookmarks.bookmark_create(user=bob, post=post)

    assert bookmarks.bookmark_delete(user=bob, post=post) is True
    assert bookmarks.bookmark_delete(user=bob, post=post) is False
    assert kept_by(bob) == []


def test_a_post_you_may_not_see_cannot_be_bookmarked(alice, bob, followers_post):
    with pytest.raises(PermissionDenied):
        bookmarks.bookmark_create(user=bob, post=followers_post)
    social.block_create(blocker=alice, blocked=bob)
    with pytest.raises(PermissionDenied):
        bookmarks.bookmark_create(user=bob, post=services.post_create(author=alice, body="Public"))

    assert kept_by(bob) == []


def test_a_followers_only_post_is_bookmarked_by_a_follower(follower, followers_post):
    assert bookmarks.bookmark_create(user=follower, post=followers_post) is True


def test_bookmarking_a_repost_row_keeps_the_reposted_post(bob, carol, post):
    row = repost_of(post, by=carol)

    bookmarks.bookmark_create(user=bob, post=row)
    assert kept_by(bob) == [post.pk]
    bookmarks.bookmark_delete(user=bob, post=row)
    assert kept_by(bob) == []


def test_bookmarks_are_private_nobody_is_told_and_nothing_is_counted(
    alice, bob, post, django_capture_on_commit_callbacks
):
    before = Post.objects.values().get(pk=post.pk)
    events, notifications = Event.objects.count(), Notification.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        bookmarks.bookmark_create(user=bob, post=post)

    assert Post.objects.values().get(pk=post.pk) == before
    assert (Event.objects.count(), Notification.objects.count()) == (events, notifications)
    seen_by_alice = policy.mark_posts(viewer=alice, posts=[Post.objects.get(pk=post.pk)])[0]
    assert seen_by_alice.bookmarked is False


def test_mark_posts_flags_the_displayed_post_of_a_repost_row(bob, carol, post):
    other = services.post_create(author=carol, body="Not kept")
    row = repost_of(post, by=carol)
    bookmarks.bookmark_create(user=bob, post=post)

    marked = policy.mark_posts(viewer=bob, posts=[row, post, other])

    assert [item.bookmarked for item in marked] == [True, True, False]


def test_mark_posts_reads_likes_and_bookmarks_in_one_query(bob, post, django_assert_num_queries):
    services.like_create(user=bob, post=post)
    bookmarks.bookmark_create(user=bob, post=post)
    others = PostFactory.create_batch(3)
    bookmarks.bookmark_create(user=bob, post=others[0])

    with django_assert_num_queries(1):
        marked = policy.mark_posts(viewer=bob, posts=[post, *others])

    assert [(item.liked, item.bookmarked) for item in marked] == [
        (True, True),
        (False, True),
        (False, False),
        (False, False),
    ]


# The toggle


def test_bookmark_with_a_plain_form_redirects_back(bob_client, bob, post):
    response = bob_client.post(reverse("posts:bookmark", args=[post.pk]), {"next": "/explore/"})

    assert (response.status_code, response["Location"]) == (302, "/explore/")
    assert kept_by(bob) == [post.pk]


def test_bookmark_with_htmx_answers_the_toggle_pressed(bob_client, bob, post):
    response = bob_client.post(reverse("posts:bookmark", args=[post.pk]), headers=HTMX)

    assert_is_fragment(response)
    content = response.content.decode()
    assert 'class="bookmark-form"' in content
    assert 'aria-pressed="true"' in content
    assert f'action="{reverse("posts:unbookmark", args=[post.pk])}"' in content
    assert kept_by(bob) == [post.pk]


def test_unbookmark_with_a_plain_form_and_with_htmx(bob_client, bob, post):
    bookmarks.bookmark_create(user=bob, post=post)
    response = bob_client.post(reverse("posts:unbookmark", args=[post.pk]))
    assert (response.status_code, response["Location"]) == (302, post.get_absolute_url())

    response = bob_client.post(reverse("posts:unbookmark", args=[post.pk]), headers=HTMX)
    assert 'aria-pressed="false"' in response.content.decode()
    assert f'action="{reverse("posts:bookmark", args=[post.pk])}"' in response.content.decode()
    assert kept_by(bob) == []


def test_a_repost_rows_toggle_keeps_the_reposted_post_and_answers_in_its_state(bob_client, bob, carol, post):
    row = repost_of(post, by=carol)

    response = bob_client.post(reverse("posts:bookmark", args=[row.pk]), headers=HTMX)

    assert kept_by(bob) == [post.pk]
    assert 'aria-pressed="true"' in response.content.decode()
    bob_client.post(reverse("posts:unbookmark", args=[row.pk]), headers=HTMX)
    assert kept_by(bob) == []


def test_bookmarking_a_hidden_post_is_a_404(bob_client, bob, followers_post):
    assert bob_client.post(reverse("posts:bookmark", args=[followers_post.pk])).status_code == 404
    assert kept_by(bob) == []


@pytest.mark.parametrize("name", ["posts:bookmark", "posts:unbookmark"])
def test_the_toggle_needs_a_post_request_and_a_login(client, bob, post, name):
    url = reverse(name, args=[post.pk])
    assert_login_redirect(client.post(url))
    client.force_login(bob)
    assert client.get(url).status_code == 405


def test_every_post_in_a_list_has_the_toggle_in_its_state(bob_client, bob, alice, post):
    other = services.post_create(author=alice, body="Second")
    bookmarks.bookmark_create(user=bob, post=post)

    content = bob_client.get(reverse("social:explore")).content.decode()

    assert f'action="{reverse("posts:unbookmark", args=[post.pk])}"' in content
    assert f'action="{reverse("posts:bookmark", args=[other.pk])}"' in content


def test_visitors_see_no_toggle(client, post):
    assert "bookmark-form" not in client.get(post.get_absolute_url()).content.decode()


# The page


def test_the_bookmarks_page_needs_a_login(client):
    assert_login_redirect(client.get(reverse("posts:bookmarks")))


def test_the_nav_links_to_the_bookmarks_page(bob_client):
    content = bob_client.get(reverse("posts:bookmarks")).content.decode()
    assert f'href="{reverse("posts:bookmarks")}" aria-current="page"' in content


def test_the_page_lists_the_newest_bookmark_first(bob_client, bob, alice):
    older, newer = services.post_create(author=alice, body="Older"), services.post_create(author=alice, body="Newer")
    bookmarks.bookmark_create(user=bob, post=newer)
    bookmarks.bookmark_create(user=bob, post=older)

    assert post_ids_on(bob_client.get(reverse("posts:bookmarks"))) == [older.pk, newer.pk]


def test_posts_you_can_no_longer_see_are_left_out(bob_client, bob, alice, carol, follower):
    followers_only = services.post_create(author=alice, body="Secret", visibility=Post.Visibility.FOLLOWERS)
    removed, blocked_by_carol, kept = (services.post_create(author=who, body="x") for who in (alice, carol, alice))
    for item in (followers_only, removed, blocked_by_carol, kept):
        Bookmark.objects.create(user=bob, post=item)
    Post.objects.filter(pk=removed.pk).update(removed_at=timezone.now())
    social.block_create(blocker=carol, blocked=bob)

    assert post_ids_on(bob_client.get(reverse("posts:bookmarks"))) == [kept.pk]
    assert Bookmark.objects.filter(user=bob).count() == 4


def test_nobody_else_sees_your_bookmarks(client, alice, bob, post):
    bookmarks.bookmark_create(user=bob, post=post)
    client.force_login(alice)

    assert post_ids_on(client.get(reverse("posts:bookmarks"))) == []
    assert 'aria-pressed="true"' not in client.get(post.get_absolute_url()).content.decode()


def test_the_page_is_paged_by_bookmark_and_htmx_gets_the_next_page(bob_client, bob, settings):
    settings.PAGE_SIZE = 2
    posts = PostFactory.create_batch(3)
    for item in posts:  # Kept oldest post last: the bookmark's order, not the post's, is the list's.
        BookmarkFactory(user=bob, post=item)
    first = bob_client.get(reverse("posts:bookmarks"))
    assert post_ids_on(first) == [posts[2].pk, posts[1].pk]
    cursor = Bookmark.objects.get(user=bob, post=posts[1]).pk
    assert f'?before={cursor}"' in first.content.decode()

    second = bob_client.get(reverse("posts:bookmarks"), {"before": cursor}, headers=HTMX)

    assert_is_fragment(second)
    assert post_ids_on(second) == [posts[0].pk]


def test_a_broken_cursor_is_a_400(bob_client):
    assert bob_client.get(reverse("posts:bookmarks"), {"before": "x"}).status_code == 400


def test_the_bookmarks_page_query_budget(bob_client, bob, django_assert_num_queries, settings):
    settings.PAGE_SIZE = MANY
    BookmarkFactory(user=bob)

    assert_query_budget(
        django_assert_num_queries,
        budget=BOOKMARKS_PAGE_BUDGET,
        fetch=lambda: bob_client.get(reverse("posts:bookmarks")),
        count_items=lambda response: len(post_ids_on(response)),
        add_many=lambda count: BookmarkFactory.create_batch(count, user=bob),
    )
