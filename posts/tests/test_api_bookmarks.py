"""The API's bookmarks: an idempotent toggle, the owner's list only, and `bookmarked_by_me` for them alone."""

import pytest
from django.urls import reverse

from posts import bookmarks, services
from posts.factories import BookmarkFactory, PostFactory
from posts.models import Bookmark, Post
from posts.tests.helpers import MANY, POSTS, detail, error_of
from tests.budgets import IMAGES
from threadly.models import IdempotencyKey

pytestmark = pytest.mark.django_db

BOOKMARKS = reverse("api:bookmark-list")
# Token user, the bookmarks with their posts and authors, the viewer's likes and bookmarks among them.
BOOKMARKS_API_BUDGET = 3 + IMAGES


def bookmark_url(post_id) -> str:
    return reverse("api:post-bookmark", kwargs={"post_id": post_id})


def listed(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_bookmark_is_201_then_200_and_unbookmark_is_204_twice(api_as, bob, post):
    client = api_as(bob)

    first, second = client.post(bookmark_url(post.pk)), client.post(bookmark_url(post.pk))

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json() == {"bookmarked": True}
    assert first["Location"] == f"http://testserver{detail(post.pk)}"
    assert Bookmark.objects.filter(user=bob, post=post).count() == 1
    assert [client.delete(bookmark_url(post.pk)).status_code for _ in range(2)] == [204, 204]
    assert not Bookmark.objects.exists()


def test_a_repeated_request_with_the_same_idempotency_key_replays_the_201(api_as, bob, post):
    client = api_as(bob)
    headers = {"Idempotency-Key": "keep-1"}

    first = client.post(bookmark_url(post.pk), headers=headers)
    again = client.post(bookmark_url(post.pk), headers=headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert IdempotencyKey.objects.count() == 1
    assert Bookmark.objects.count() == 1


def test_a_hidden_post_is_a_404_and_nothing_is_kept(api_as, bob, followers_post):
    response = api_as(bob).post(bookmark_url(followers_post.pk))

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert api_as(bob).delete(bookmark_url(followers_post.pk)).status_code == 404
    assert not Bookmark.objects.exists()


def test_visitors_are_asked_to_authenticate(api_client, post):
    assert api_client.get(BOOKMARKS).status_code == 401
    assert api_client.post(bookmark_url(post.pk)).status_code == 401
    assert api_client.delete(bookmark_url(post.pk)).status_code == 401


def test_bookmarked_by_me_is_true_for_the_bookmarker_only(api_as, alice, bob, post):
    api_as(bob).post(bookmark_url(post.pk))

    assert api_as(bob).get(detail(post.pk)).json()["bookmarked_by_me"] is True
    assert api_as(alice).get(detail(post.pk)).json()["bookmarked_by_me"] is False
    assert [item["bookmarked_by_me"] for item in api_as(alice).get(POSTS).json()["results"]] == [False]


def test_a_repost_id_bookmarks_the_reposted_post(api_as, bob, carol, post):
    row = Post.objects.create(author=carol, body="", repost_of=post)

    response = api_as(bob).post(bookmark_url(row.pk))

    assert response.status_code == 201
    assert response["Location"] == f"http://testserver{detail(post.pk)}"
    assert listed(api_as(bob).get(BOOKMARKS)) == [post.pk]


def test_the_list_is_yours_newest_bookmark_first(api_as, alice, bob, carol):
    older, newer = PostFactory(author=alice), PostFactory(author=alice)
    bookmarks.bookmark_create(user=bob, post=newer)
    bookmarks.bookmark_create(user=bob, post=older)
    bookmarks.bookmark_create(user=carol, post=newer)

    response = api_as(bob).get(BOOKMARKS)

    assert listed(response) == [older.pk, newer.pk]
    assert {item["bookmarked_by_me"] for item in response.json()["results"]} == {True}
    assert listed(api_as(alice).get(BOOKMARKS)) == []


def test_the_list_leaves_out_posts_you_can_no_longer_see(api_as, alice, bob):
    secret = services.post_create(author=alice, body="Secret", visibility=Post.Visibility.FOLLOWERS)
    shown = services.post_create(author=alice, body="Shown")
    Bookmark.objects.create(user=bob, post=secret)
    bookmarks.bookmark_create(user=bob, post=shown)

    assert listed(api_as(bob).get(BOOKMARKS)) == [shown.pk]


def test_the_cursor_walks_the_bookmarks(api_as, bob):
    posts = PostFactory.create_batch(3)
    for item in posts:
        BookmarkFactory(user=bob, post=item)
    client = api_as(bob)

    first = client.get(BOOKMARKS, {"page_size": 2}).json()
    second = client.get(first["next"]).json()

    assert [item["id"] for item in first["results"]] == [posts[2].pk, posts[1].pk]
    assert [item["id"] for item in second["results"]] == [posts[0].pk]


def test_the_list_query_budget(api_as, bob, django_assert_num_queries):
    client = api_as(bob)
    BookmarkFactory(user=bob)

    for count in (1, MANY):
        BookmarkFactory.create_batch(count - Bookmark.objects.count(), user=bob)
        with django_assert_num_queries(BOOKMARKS_API_BUDGET):
            response = client.get(BOOKMARKS, {"page_size": MANY})
        assert len(listed(response)) == count
