"""@mentions are links only to people who exist and are active, on the pages and in the API's `html` alike."""

import re

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services
from posts.factories import PostFactory
from posts.tests.helpers import assert_query_budget
from posts.tests.test_query_budgets import POST_DETAIL_BUDGET
from social.factories import FollowFactory
from social.services import block_create
from social.tests.test_query_budgets import COLD_RENDERINGS, EXPLORE_BUDGET
from tests.budgets import IMAGES
from threadly.tests.test_api_query_budgets import PUBLIC_FEED_BUDGET

pytestmark = pytest.mark.django_db

BODY = "Hi @bob, @ghost, @gone and @Carol"
# One more query than without mentions, whatever the page length: the page's mentions, fetched once.
EXPLORE_WITH_MENTIONS_BUDGET = EXPLORE_BUDGET + COLD_RENDERINGS + 1
PUBLIC_FEED_WITH_MENTIONS_BUDGET = PUBLIC_FEED_BUDGET + 1
# posts/{id}/replies: user by token, the post, the replies with their authors, the viewer's likes, their mentions.
REPLIES_WITH_MENTIONS_BUDGET = 5 + 2 * IMAGES  # the post's, the replies'
# The post page looks up the post's mentions and its replies' mentions: two more.
POST_DETAIL_WITH_MENTIONS_BUDGET = POST_DETAIL_BUDGET + 1


def mention_links(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*/@(\w+)" class="mention">', html)


@pytest.fixture
def people(alice, bob, carol):
    """bob and carol are active; gone was suspended after the post; nobody is called ghost."""
    return UserFactory(username="gone")


@pytest.fixture
def post(alice, people):
    post = services.post_create(author=alice, body=BODY)
    people.is_active = False
    people.save(update_fields=["is_active"])
    return post


def test_the_pages_link_only_mentions_of_active_people(client, post):
    for path in ("/explore/", "/@alice", post.get_absolute_url(), "/search/?q=hi"):
        content = client.get(path).content.decode()
        assert mention_links(content) == ["bob", "Carol"], path
        assert "@ghost" in content and "@gone" in content


def test_the_api_html_agrees_with_the_page(api_client, post):
    single = api_client.get(reverse("api:post-detail", kwargs={"post_id": post.pk})).json()["html"]
    listed = api_client.get(reverse("api:post-public")).json()["results"][0]["html"]
    searched = api_client.get("/api/threadly/v1/search", {"q": "hi"}).json()["results"][0]["highlight"]

    assert mention_links(single) == mention_links(listed) == mention_links(searched) == ["bob", "Carol"]
    assert 'href="http://testserver/@bob"' in single


def test_a_mention_left_unlinked_when_written_stays_unlinked(client, alice, bob):
    """Blocks are excluded when the mentions are recorded; the page does not link them afterwards either."""
    block_create(blocker=bob, blocked=alice)
    post = services.post_create(author=alice, body="Hello @bob")

    assert mention_links(client.get(post.get_absolute_url()).content.decode()) == []


def test_replies_link_only_mentions_of_active_people(client, api_client, alice, post):
    reply = services.post_create(author=alice, body=BODY, in_reply_to=post)

    page = client.get(post.get_absolute_url()).content.decode()
    listed = api_client.get(reverse("api:post-replies", kwargs={"post_id": post.pk})).json()["results"][0]["html"]
    single = api_client.get(reverse("api:post-detail", kwargs={"post_id": reply.pk})).json()["html"]

    assert mention_links(page) == ["bob", "Carol", "bob", "Carol"]  # The post, then its reply.
    assert mention_links(listed) == mention_links(single) == ["bob", "Carol"]


def posts_mentioning_someone(count: int) -> None:
    for _ in range(count):
        services.post_create(author=UserFactory(), body=f"Hello @{UserFactory().username} and @nobody")


def test_explore_with_mentions_keeps_its_budget(client, django_assert_num_queries, settings):
    settings.PAGE_SIZE = 30
    client.force_login(UserFactory())
    posts_mentioning_someone(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=EXPLORE_WITH_MENTIONS_BUDGET,
        fetch=lambda: client.get("/explore/"),
        count_items=lambda response: len(mention_links(response.content.decode())),
        add_many=posts_mentioning_someone,
    )


def test_the_public_feed_with_mentions_keeps_its_budget(api_as, django_assert_num_queries):
    api = api_as(UserFactory())
    posts_mentioning_someone(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=PUBLIC_FEED_WITH_MENTIONS_BUDGET,
        fetch=lambda: api.get(reverse("api:post-public")),
        count_items=lambda response: sum(len(mention_links(item["html"])) for item in response.json()["results"]),
        add_many=posts_mentioning_someone,
    )


def test_replies_with_mentions_keep_their_budget(api_as, django_assert_num_queries):
    viewer = UserFactory()
    api = api_as(viewer)
    post = PostFactory(visibility="followers", author=UserFactory())
    FollowFactory(follower=viewer, followee=post.author)

    def replies(count: int) -> None:
        for _ in range(count):
            services.post_create(author=viewer, body=f"Yes @{UserFactory().username} and @nobody", in_reply_to=post)

    replies(1)
    assert_query_budget(
        django_assert_num_queries,
        budget=REPLIES_WITH_MENTIONS_BUDGET,
        fetch=lambda: api.get(reverse("api:post-replies", kwargs={"post_id": post.pk})),
        count_items=lambda response: sum(len(mention_links(item["html"])) for item in response.json()["results"]),
        add_many=replies,
    )


def test_the_post_page_with_mentions_keeps_its_budget(client, django_assert_num_queries, settings, alice):
    """One more query than without mentions, whatever the number of replies: the post's and its replies' at once."""
    settings.PAGE_SIZE = 30
    client.force_login(UserFactory())
    post = services.post_create(author=alice, body="Hello @nobody")

    def replies(count: int) -> None:
        for _ in range(count):
            services.post_create(
                author=UserFactory(), body=f"Yes @{UserFactory().username} and @nobody", in_reply_to=post
            )

    replies(1)
    assert_query_budget(
        django_assert_num_queries,
        budget=POST_DETAIL_WITH_MENTIONS_BUDGET,
        fetch=lambda: client.get(post.get_absolute_url()),
        count_items=lambda response: response.content.decode().count('<li class="thread-reply'),
        add_many=replies,
    )
