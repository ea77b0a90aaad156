"""With the renderings cached, a hydrated page costs its viewer's row, what its list needs before its
page (the owner for a profile; home reads its ids from Redis), and the page: at most 3 queries, plus
one when the page has quote cards (which of the quoted posts the viewer may see)."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from posts import services
from posts.factories import LikeFactory, PostFactory
from posts.tests.helpers import assert_warm_query_budget, post_ids_on
from social.factories import FollowFactory
from social.tests.test_query_budgets import home_feed_ready

# Warm renderings and home feeds live in Redis.
pytestmark = pytest.mark.redis

# user by token, the page (its ids from the feed in Redis, timelines)
API_HOME_WARM = 2
# user by token, the page
API_PUBLIC_WARM = 2
# user by token, the author with whether they blocked the viewer, the page
API_USER_POSTS_WARM = 3
QUOTE_CARDS = 1


@pytest.fixture
def viewer(db, settings):
    settings.PAGE_SIZE = 30
    return UserFactory(username="viewer")


def posts_by_followed(viewer, count: int, *, quoting=None) -> None:
    for number in range(count):
        author = UserFactory()
        FollowFactory(follower=viewer, followee=author)
        if quoting is not None:
            services.post_create(author=author, body=f"quote {number}", quoted_post=quoting)
        else:
            LikeFactory(user=viewer, post=PostFactory(author=author))
    home_feed_ready(viewer)


def count_results(response) -> int:
    return len(response.json()["results"])


@pytest.mark.parametrize(
    ("name", "budget"),
    [("api:post-list", API_HOME_WARM), ("api:post-public", API_PUBLIC_WARM)],
    ids=["home", "public"],
)
def test_api_feeds_with_warm_renderings(api_as, django_assert_num_queries, viewer, name, budget):
    api = api_as(viewer)
    posts_by_followed(viewer, 1)
    assert_warm_query_budget(
        django_assert_num_queries,
        budget=budget,
        fetch=lambda: api.get(reverse(name), {"page_size": 30}),
        count_items=count_results,
        add_many=lambda count: posts_by_followed(viewer, count),
    )


def test_api_user_posts_with_warm_renderings(api_as, django_assert_num_queries, viewer):
    api, author = api_as(viewer), UserFactory(username="author")
    PostFactory(author=author)
    assert_warm_query_budget(
        django_assert_num_queries,
        budget=API_USER_POSTS_WARM,
        fetch=lambda: api.get(reverse("api:user-posts", args=["author"])),
        count_items=count_results,
        add_many=lambda count: PostFactory.create_batch(count, author=author),
    )


@pytest.mark.parametrize("door", ["page", "api"])
def test_home_of_quotes_with_warm_renderings(client, api_as, django_assert_num_queries, viewer, door):
    quoted = services.post_create(author=UserFactory(), body="Quoted")
    reader, url = (api_as(viewer), reverse("api:post-list")) if door == "api" else (client, reverse("social:home"))
    client.force_login(viewer)
    posts_by_followed(viewer, 1, quoting=quoted)

    def count_quotes(response) -> int:
        if door == "api":
            return sum(item["quote_state"] == "ok" for item in response.json()["results"])
        return len(post_ids_on(response)) if response.content.decode().count("quote-card") else 0

    assert_warm_query_budget(
        django_assert_num_queries,
        budget=API_HOME_WARM + QUOTE_CARDS,
        fetch=lambda: reader.get(url),
        count_items=count_quotes,
        add_many=lambda count: posts_by_followed(viewer, count, quoting=quoted),
    )


def test_a_warm_page_reads_no_rendering_twice(client, django_assert_num_queries, viewer):
    """The second reader of the same posts finds them cached: only the first pays for rendering."""
    posts_by_followed(viewer, 3)
    other = UserFactory()
    client.force_login(viewer)
    client.get(reverse("social:explore"))
    client.force_login(other)
    with django_assert_num_queries(2):  # the viewer, the page
        assert len(post_ids_on(client.get(reverse("social:explore")))) == 3
