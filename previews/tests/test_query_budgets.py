"""Lists keep their query budgets when their posts carry link cards: the card comes in the page's
(or the renderings') one query, through post_rows' select_related, never one query per post."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services
from posts.factories import PostFactory, ReplyFactory
from posts.models import Post
from posts.tests.helpers import assert_query_budget, assert_warm_query_budget, post_ids_on
from posts.tests.test_query_budgets import POST_DETAIL_BUDGET, REPLIES_API_BUDGET
from previews.factories import LinkCardFactory
from social.factories import FollowFactory
from social.tests.test_query_budgets import (
    COLD_RENDERINGS,
    EXPLORE_BUDGET,
    HOME_BUDGET,
    PROFILE_BUDGET,
    home_feed_ready,
)
from threadly.tests.test_api_query_budgets import PUBLIC_FEED_BUDGET, USER_POSTS_BUDGET

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client, settings):
    settings.PAGE_SIZE = 30
    user = UserFactory(username="viewer")
    client.force_login(user)
    return user


def carded_posts(count: int, **fields) -> list:
    return [PostFactory(link_card=LinkCardFactory(), **fields) for _ in range(count)]


def cards_on(response) -> int:
    """Posts shown with their card (a page or an API list)."""
    if response["Content-Type"].startswith("application/json"):
        return sum(item["link_card"] is not None for item in response.json()["results"])
    return response.content.decode().count('<a class="link-card"') if post_ids_on(response) else 0


def test_explore_with_cards(client, django_assert_num_queries, viewer):
    carded_posts(1)
    assert_query_budget(
        django_assert_num_queries,
        budget=EXPLORE_BUDGET + COLD_RENDERINGS,
        fetch=lambda: client.get(reverse("social:explore")),
        count_items=cards_on,
        add_many=carded_posts,
    )


def test_profile_with_cards(client, django_assert_num_queries, viewer):
    author = UserFactory(username="author")
    carded_posts(1, author=author)
    assert_query_budget(
        django_assert_num_queries,
        budget=PROFILE_BUDGET + COLD_RENDERINGS,
        fetch=lambda: client.get(reverse("social:profile", args=["author"])),
        count_items=cards_on,
        add_many=lambda count: carded_posts(count, author=author),
    )


def followed_carded_posts(viewer, count: int) -> None:
    for post in carded_posts(count):
        FollowFactory(follower=viewer, followee=post.author)
    home_feed_ready(viewer)


@pytest.mark.redis
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_home_with_cards(client, django_assert_num_queries, viewer, warm):
    followed_carded_posts(viewer, 1)
    check = assert_warm_query_budget if warm else assert_query_budget
    check(
        django_assert_num_queries,
        budget=HOME_BUDGET if warm else HOME_BUDGET + COLD_RENDERINGS,
        fetch=lambda: client.get(reverse("social:home")),
        count_items=cards_on,
        add_many=lambda count: followed_carded_posts(viewer, count),
    )


def test_post_page_with_carded_replies(client, django_assert_num_queries, viewer):
    post = services.post_create(author=UserFactory(), body="Start")
    ReplyFactory(in_reply_to=post, link_card=LinkCardFactory())

    def add_many(count: int) -> None:
        ReplyFactory.create_batch(count, in_reply_to=post, link_card=LinkCardFactory())

    assert_query_budget(
        django_assert_num_queries,
        budget=POST_DETAIL_BUDGET,
        fetch=lambda: client.get(post.get_absolute_url()),
        count_items=lambda response: response.content.decode().count('<a class="link-card"'),
        add_many=add_many,
    )


@pytest.mark.parametrize(
    ("name", "args", "budget"),
    [("api:post-public", [], PUBLIC_FEED_BUDGET), ("api:user-posts", ["author"], USER_POSTS_BUDGET)],
    ids=["public", "user posts"],
)
def test_api_lists_with_cards(api_as, django_assert_num_queries, viewer, name, args, budget):
    api = api_as(viewer)
    author = UserFactory(username="author")
    carded_posts(1, author=author)
    assert_query_budget(
        django_assert_num_queries,
        budget=budget,
        fetch=lambda: api.get(reverse(name, args=args), {"page_size": 30}),
        count_items=cards_on,
        add_many=lambda count: carded_posts(count, author=author),
    )


def test_replies_api_with_cards(api_as, django_assert_num_queries, viewer):
    post = PostFactory()
    api = api_as(viewer)
    ReplyFactory(in_reply_to=post, link_card=LinkCardFactory())
    assert_query_budget(
        django_assert_num_queries,
        budget=REPLIES_API_BUDGET,
        fetch=lambda: api.get(reverse("api:post-replies", kwargs={"post_id": post.pk}), {"page_size": 30}),
        count_items=cards_on,
        add_many=lambda count: ReplyFactory.create_batch(count, in_reply_to=post, link_card=LinkCardFactory()),
    )


@pytest.mark.parametrize("door", ["page", "api"])
def test_search_with_cards(client, api_as, django_assert_num_queries, viewer, door):
    from search import selectors
    from search.tests.helpers import API_SEARCH_URL, SEARCH_URL
    from search.tests.test_search_budgets import API_POSTS_BUDGET, PAGE_POSTS_BUDGET

    selectors.search_posts(text="warm up", viewer=viewer, cursor=None, size=1)  # as search's own budgets do
    reader, url, budget = (
        (api_as(viewer), API_SEARCH_URL, API_POSTS_BUDGET) if door == "api" else (client, SEARCH_URL, PAGE_POSTS_BUDGET)
    )

    def matching_carded_posts(count: int) -> None:
        for _ in range(count):
            post = services.post_create(author=UserFactory(), body="Budget reading")
            Post.objects.filter(pk=post.pk).update(link_card=LinkCardFactory())

    matching_carded_posts(1)
    assert_query_budget(
        django_assert_num_queries,
        budget=budget,
        fetch=lambda: reader.get(url, {"q": "budget", "type": "posts"}),
        count_items=cards_on,
        add_many=matching_carded_posts,
    )
