"""The profile's "Posts and replies" tab, page and API: constant queries with one and many items,
among them posts that limit who may reply (whose facts the hydrated page's one query carries)."""

from django.urls import reverse

from accounts.factories import UserFactory
from posts import services
from posts.models import Post
from posts.tests.helpers import assert_query_budget, post_ids_on
from social.tests.test_query_budgets import COLD_RENDERINGS, PROFILE_REPLIES_BUDGET
from threadly.tests.test_api_query_budgets import USER_POSTS_BUDGET


def replies_by(author, count: int) -> None:
    for number in range(count):
        root = services.post_create(author=UserFactory(), body=f"question {number}")
        reply_policy = Post.ReplyPolicy.FOLLOWING if number % 2 == 0 else Post.ReplyPolicy.EVERYONE
        services.post_create(author=author, body=f"answer {number}", in_reply_to=root, reply_policy=reply_policy)


def test_the_replies_tab_keeps_its_budget(db, client, django_assert_num_queries, settings):
    settings.PAGE_SIZE = 30
    author, viewer = UserFactory(username="author"), UserFactory()
    client.force_login(viewer)
    replies_by(author, 1)

    assert_query_budget(
        django_assert_num_queries,
        budget=PROFILE_REPLIES_BUDGET + COLD_RENDERINGS,
        fetch=lambda: client.get(reverse("social:profile", args=["author"]), {"with_replies": "1"}),
        count_items=lambda response: len(post_ids_on(response)),
        add_many=lambda count: replies_by(author, count),
    )


def test_the_replies_tab_in_the_api_keeps_its_budget(api_as, django_assert_num_queries, settings):
    settings.PAGE_SIZE = 30
    author = UserFactory(username="author")
    api = api_as(UserFactory())
    replies_by(author, 1)

    assert_query_budget(
        django_assert_num_queries,
        budget=USER_POSTS_BUDGET,
        fetch=lambda: api.get(reverse("api:user-posts", args=["author"]), {"with_replies": "true"}),
        count_items=lambda response: len(response.json()["results"]),
        add_many=lambda count: replies_by(author, count),
    )


def test_the_posts_tab_leaves_replies_out(client, alice, bob):
    post = services.post_create(author=alice, body="mine")
    answer = services.post_create(author=alice, body="answer", in_reply_to=services.post_create(author=bob, body="q"))

    assert post_ids_on(client.get("/@alice")) == [post.pk]
    assert post_ids_on(client.get("/@alice", {"with_replies": "1"})) == [answer.pk, post.pk]
