"""Helpers for the search tests: posts written through the services, searches through the URLs.

Every post goes through `posts.services.post_create`/`post_update`/`post_delete`, so the
index under test is the real one: PostgreSQL's generated tsvector column or SQLite's FTS5
triggers. The same tests run on both backends.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from posts import services as posts_services
from posts.models import Post
from posts.tests.helpers import post_ids_on
from social import services as social_services

SEARCH_URL = reverse("search:search")
API_SEARCH_URL = "/api/threadly/v1/search"


def write(author, body: str, visibility: str = Post.Visibility.PUBLIC) -> Post:
    return posts_services.post_create(author=author, body=body, visibility=visibility)


def backdate(post: Post, **age) -> Post:
    """Move a post into the past (created_at only; the index does not depend on it)."""
    post.created_at = timezone.now() - datetime.timedelta(**age)
    Post.objects.filter(pk=post.pk).update(created_at=post.created_at)
    return post


def found_post_ids(client, text: str, **params) -> list[int]:
    """The ids of the posts the search page shows for `text`, in page order."""
    response = client.get(SEARCH_URL, {"q": text, **params})
    assert response.status_code == 200, response.content.decode()[:500]
    return post_ids_on(response)


def api_results(api_client, text: str, **params) -> list[dict]:
    response = api_client.get(API_SEARCH_URL, {"q": text, **params})
    assert response.status_code == 200, response.content.decode()[:500]
    return response.json()["results"]


def api_post_ids(api_client, text: str, **params) -> list[int]:
    return [result["id"] for result in api_results(api_client, text, **params)]


def follow(follower, followee) -> None:
    social_services.follow_create(follower=follower, followee=followee)
