"""Query budgets: every search costs the same with 1 result and with MANY results from MANY authors.

The numbers are the same on SQLite and PostgreSQL: each backend answers a search in one query
(FTS5's bm25 and highlight are correlated subqueries; PostgreSQL's rank and headline are columns).
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.factories import UserFactory
from posts import services as posts_services
from posts.models import Post
from posts.tests.helpers import MANY, assert_query_budget, post_ids_on
from search import selectors
from search.tests.helpers import API_SEARCH_URL, SEARCH_URL, follow, write
from tests.budgets import IMAGES, SESSION_QUERIES

# session (unless cached), viewer, the matching posts with their authors, the viewer's likes among them
PAGE_POSTS_BUDGET = SESSION_QUERIES + 3 + IMAGES
# session (unless cached), viewer, the matching people with whether the viewer follows each
PAGE_PEOPLE_BUDGET = SESSION_QUERIES + 2
# session (unless cached), viewer, the matching tags with their post counts
PAGE_TAGS_BUDGET = SESSION_QUERIES + 2
# the token's user, the matching posts with their authors, the viewer's likes among them
API_POSTS_BUDGET = 3 + IMAGES
# the token's user, the matching people with whether the viewer follows each
API_USERS_BUDGET = 2
# the token's user, the matching tags with their post counts
API_TAGS_BUDGET = 2


@pytest.fixture
def viewer(db, settings):
    settings.PAGE_SIZE = MANY
    # The SQLite backend asks once per process whether the FTS5 table exists (functools.cache):
    # search once first so that the one-off question is not counted against whichever test runs first.
    selectors.search_posts(text="warm up", viewer=AnonymousUser(), cursor=None, size=1)
    return UserFactory(username="viewer")


def matching_posts_by_new_authors(viewer):
    """Posts that match "budget", each by a new author; some followers-only (followed), some liked."""

    def add(count: int) -> None:
        for _ in range(count):
            number = Post.objects.count()
            author = UserFactory()
            visibility = Post.Visibility.FOLLOWERS if number % 3 == 0 else Post.Visibility.PUBLIC
            post = write(author, f"Budget post {number} #budget{number}", visibility)
            if visibility == Post.Visibility.FOLLOWERS:
                follow(viewer, author)
            if number % 2 == 0:
                posts_services.like_create(user=viewer, post=post)

    return add


def tagged_public_posts_by_new_authors(viewer):
    """Public posts tagged #budget<n>, each by a new author: only posts that count list a tag."""

    def add(count: int) -> None:
        for _ in range(count):
            write(UserFactory(), f"Budget post #budget{Post.objects.count()}", Post.Visibility.PUBLIC)

    return add


def matching_people(viewer):
    def add(count: int) -> None:
        for _ in range(count):
            person = UserFactory(username=f"budget_{UserFactory._meta.model.objects.count()}")
            if person.pk % 2 == 0:
                follow(viewer, person)

    return add


def count_people(content: str) -> int:
    return len(re.findall(r'<li class="person">', content))


def count_tags(content: str) -> int:
    return len(re.findall(r'href="/tags/budget\d+/"', content))


def test_search_page_posts_budget(client, viewer, django_assert_num_queries):
    client.force_login(viewer)
    add = matching_posts_by_new_authors(viewer)
    add(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=PAGE_POSTS_BUDGET,
        fetch=lambda: client.get(SEARCH_URL, {"q": "budget"}),
        count_items=lambda response: len(post_ids_on(response)),
        add_many=add,
    )


def test_search_page_people_budget(client, viewer, django_assert_num_queries):
    client.force_login(viewer)
    add = matching_people(viewer)
    add(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=PAGE_PEOPLE_BUDGET,
        fetch=lambda: client.get(SEARCH_URL, {"q": "budget_", "type": "people"}),
        count_items=lambda response: count_people(response.content.decode()),
        add_many=add,
    )


def test_search_page_tags_budget(client, viewer, django_assert_num_queries):
    client.force_login(viewer)
    add = tagged_public_posts_by_new_authors(viewer)
    add(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=PAGE_TAGS_BUDGET,
        fetch=lambda: client.get(SEARCH_URL, {"q": "#budget", "type": "tags"}),
        count_items=lambda response: count_tags(response.content.decode()),
        add_many=add,
    )


@pytest.mark.parametrize(
    ("kind", "text", "budget", "make"),
    [
        ("posts", "budget", API_POSTS_BUDGET, matching_posts_by_new_authors),
        ("users", "budget_", API_USERS_BUDGET, matching_people),
        ("tags", "budget", API_TAGS_BUDGET, tagged_public_posts_by_new_authors),
    ],
)
def test_api_search_budget(api_as, viewer, django_assert_num_queries, kind, text, budget, make):
    client = api_as(viewer)
    add = make(viewer)
    add(1)

    assert_query_budget(
        django_assert_num_queries,
        budget=budget,
        fetch=lambda: client.get(API_SEARCH_URL, {"q": text, "type": kind, "page_size": MANY}),
        count_items=lambda response: len(response.json()["results"]),
        add_many=add,
    )
