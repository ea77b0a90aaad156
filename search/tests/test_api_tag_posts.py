"""GET /api/threadly/v1/tags/{tag}/posts: the tag page's posts, through the API."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts.models import Post
from posts.services import like_create
from posts.tests.helpers import MANY, assert_query_budget
from search.tests.helpers import write
from social.services import follow_create
from tests.budgets import IMAGES

pytestmark = pytest.mark.django_db


def tag_posts_url(tag: str) -> str:
    return reverse("api:tag-posts", args=[tag])


def test_a_tags_posts_are_listed_newest_first_whatever_the_case(api_client, alice):
    older = write(alice, "Learning #Django")
    newer = write(alice, "More #django")
    write(alice, "Nothing to do with it #flask")

    results = api_client.get(tag_posts_url("DJANGO")).json()["results"]

    assert [post["id"] for post in results] == [newer.pk, older.pk]


def test_followers_only_posts_are_listed_for_followers_only(api_client, api_as, alice, bob, follower):
    post = write(alice, "Just us #django", Post.Visibility.FOLLOWERS)

    assert api_client.get(tag_posts_url("django")).json()["results"] == []
    assert api_as(bob).get(tag_posts_url("django")).json()["results"] == []
    assert [item["id"] for item in api_as(follower).get(tag_posts_url("django")).json()["results"]] == [post.pk]


def test_a_tag_with_a_nul_byte_is_a_404_not_a_500(api_client):
    api_client.raise_request_exception = False

    response = api_client.get("/api/threadly/v1/tags/a%00b/posts")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# the token's user, the tagged posts the viewer sees with their authors, the viewer's likes among them
TAG_POSTS_BUDGET = 3 + IMAGES


def test_the_list_has_a_query_budget(api_as, alice, django_assert_num_queries):
    def add(count: int) -> None:
        for number in range(count):
            visibility = Post.Visibility.FOLLOWERS if number % 3 == 0 else Post.Visibility.PUBLIC
            post = write(UserFactory(), "Budget #budget", visibility)
            if visibility == Post.Visibility.FOLLOWERS:
                follow_create(follower=alice, followee=post.author)
            if number % 2 == 0:
                like_create(user=alice, post=post)

    client = api_as(alice)
    add(1)
    assert_query_budget(
        django_assert_num_queries,
        budget=TAG_POSTS_BUDGET,
        fetch=lambda: client.get(tag_posts_url("budget"), {"page_size": MANY}),
        count_items=lambda response: len(response.json()["results"]),
        add_many=add,
    )
