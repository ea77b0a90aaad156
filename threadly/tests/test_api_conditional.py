"""Reads that stay right while the data changes: ETags with If-None-Match, and cursor pages."""

import pytest
from django.urls import reverse

from posts.factories import LikeFactory, PostFactory

pytestmark = pytest.mark.django_db

PUBLIC_POSTS_URL = reverse("api:post-public")


def post_url(post_id: int) -> str:
    return reverse("api:post-detail", kwargs={"post_id": post_id})


def user_url(username: str) -> str:
    return reverse("api:user-detail", kwargs={"username": username})


@pytest.fixture
def post(alice):
    return PostFactory(author=alice, body="first words")


# ETag and If-None-Match


def test_a_post_carries_an_etag(api_client, post):
    response = api_client.get(post_url(post.pk))

    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')


def test_a_post_fetched_with_its_etag_is_a_304_without_a_body(api_client, post):
    etag = api_client.get(post_url(post.pk))["ETag"]

    response = api_client.get(post_url(post.pk), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_304_also_answers_an_authenticated_client(api_as, alice, post):
    client = api_as(alice)
    etag = client.get(post_url(post.pk))["ETag"]

    assert client.get(post_url(post.pk), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_like_changes_the_etag_so_the_old_one_gets_the_new_post(api_client, api_as, bob, post):
    old_etag = api_client.get(post_url(post.pk))["ETag"]

    assert api_as(bob).post(reverse("api:post-like", kwargs={"post_id": post.pk})).status_code == 201
    response = api_client.get(post_url(post.pk), HTTP_IF_NONE_MATCH=old_etag)

    assert response.status_code == 200
    assert response.json()["like_count"] == 1
    assert response["ETag"] != old_etag


def test_an_edit_changes_the_etag_so_the_old_one_gets_the_new_post(api_client, api_as, alice, post):
    old_etag = api_client.get(post_url(post.pk))["ETag"]

    edit = api_as(alice).patch(post_url(post.pk), {"body": "better words"}, format="json")
    response = api_client.get(post_url(post.pk), HTTP_IF_NONE_MATCH=old_etag)

    assert edit.status_code == 200
    assert response.status_code == 200
    assert response.json()["body"] == "better words"
    assert response["ETag"] != old_etag
    assert api_client.get(post_url(post.pk), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_etag_differs_for_a_viewer_who_sees_the_post_differently(api_client, api_as, bob, post):
    LikeFactory(post=post, user=bob)
    bobs_etag = api_as(bob).get(post_url(post.pk))["ETag"]

    response = api_client.get(post_url(post.pk), HTTP_IF_NONE_MATCH=bobs_etag)

    assert response.status_code == 200
    assert response.json()["liked_by_me"] is False


def test_a_profile_carries_an_etag_and_answers_304_to_it(api_client, alice):
    etag = api_client.get(user_url("alice"))["ETag"]

    response = api_client.get(user_url("alice"), HTTP_IF_NONE_MATCH=etag)

    assert etag
    assert response.status_code == 304
    assert response.content == b""


def test_a_new_follower_changes_the_profile_etag(api_client, api_as, alice, bob):
    old_etag = api_client.get(user_url("alice"))["ETag"]

    assert api_as(bob).post(reverse("api:user-follow", kwargs={"username": "alice"})).status_code in (200, 201)
    response = api_client.get(user_url("alice"), HTTP_IF_NONE_MATCH=old_etag)

    assert response.status_code == 200
    assert response.json()["follower_count"] == 1
    assert response["ETag"] != old_etag


def test_a_write_is_never_answered_with_a_304(api_as, alice, post):
    client = api_as(alice)
    etag = client.get(post_url(post.pk))["ETag"]

    response = client.patch(post_url(post.pk), {"body": "first words"}, format="json", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200


# Cursor pages


def walk(client, url: str, *, between_pages=lambda page_number: None) -> list[int]:
    """Every post id on every page, following `next`, calling `between_pages` before each next page."""
    ids: list[int] = []
    page_number = 0
    while url:
        page = client.get(url).json()
        ids.extend(item["id"] for item in page["results"])
        url = page["next"]
        page_number += 1
        if url:
            between_pages(page_number)
        assert page_number < 50, "the pages never end"
    return ids


def test_walking_the_pages_while_posts_arrive_gives_every_old_post_once_newest_first(api_client, alice):
    old_ids = [PostFactory(author=alice).pk for _ in range(7)]
    new_ids: list[int] = []

    def someone_posts(page_number: int) -> None:
        new_ids.extend(PostFactory(author=alice).pk for _ in range(page_number))

    seen = walk(api_client, f"{PUBLIC_POSTS_URL}?page_size=2", between_pages=someone_posts)

    assert seen == sorted(old_ids, reverse=True)
    assert new_ids and not set(new_ids) & set(seen)


def test_the_previous_link_of_the_second_page_leads_back_to_the_first(api_client, alice):
    ids = sorted((PostFactory(author=alice).pk for _ in range(5)), reverse=True)
    first = api_client.get(PUBLIC_POSTS_URL, {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()
    PostFactory(author=alice)

    back = api_client.get(second["previous"]).json()

    assert [item["id"] for item in first["results"]] == ids[:2]
    assert [item["id"] for item in second["results"]] == ids[2:4]
    assert [item["id"] for item in back["results"]] == ids[:2]
