"""Helpers the posts, social and search tests share: reading pages and checking query budgets."""

import re

from django.urls import reverse

HTMX = {"HX-Request": "true"}
MANY = 30


def post_ids_on(response) -> list[int]:
    """The ids of the posts shown on a page, in page order."""
    return [int(post_id) for post_id in re.findall(r'<article class="post" id="post-(\d+)"', response.content.decode())]


def reply_count_on(response, post, *, out_of_band: bool = False) -> int:
    """The reply count shown for `post`; with `out_of_band`, the one htmx swaps in by id."""
    oob = ' hx-swap-oob="true"' if out_of_band else ""
    pattern = rf'id="reply-count-{post.pk}"[^>]*{oob}>.*?(\d+)<span class="visually-hidden"> repl'
    return int(re.search(pattern, response.content.decode(), re.DOTALL)[1])


def follower_count_on(response, user, *, out_of_band: bool = False) -> int:
    """The follower count shown for `user`; with `out_of_band`, the one htmx swaps in by id."""
    oob = ' hx-swap-oob="true"' if out_of_band else ""
    pattern = rf'id="follower-count-{user.pk}"[^>]*{oob}><strong>(\d+)</strong> follower'
    return int(re.search(pattern, response.content.decode())[1])


def assert_login_redirect(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('accounts:login')}?next=")


def assert_is_fragment(response) -> None:
    """An htmx answer carries just the swapped part, never the whole layout."""
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "site-header" not in content


def assert_query_budget(assert_num_queries, *, budget: int, fetch, count_items, add_many) -> None:
    """The page costs exactly `budget` queries with one item and with MANY items.

    `fetch()` requests the page, `count_items(response)` counts what it shows, and
    `add_many(MANY - 1)` creates the rest of the items between the two measurements.
    """
    with assert_num_queries(budget):
        response = fetch()
    assert response.status_code == 200
    assert count_items(response) == 1
    add_many(MANY - 1)
    with assert_num_queries(budget):
        response = fetch()
    assert response.status_code == 200
    assert count_items(response) == MANY


def assert_warm_query_budget(assert_num_queries, *, budget: int, fetch, count_items, add_many) -> None:
    """assert_query_budget with the posts' renderings cached (posts.hydration): each page is read once
    before it is counted, as a page read again or by a second reader is."""
    fetch()
    with assert_num_queries(budget):
        response = fetch()
    assert response.status_code == 200
    assert count_items(response) == 1
    add_many(MANY - 1)
    fetch()
    with assert_num_queries(budget):
        response = fetch()
    assert response.status_code == 200
    assert count_items(response) == MANY


# The posts API, for the tests of it.
POSTS = reverse("api:post-list")
PUBLIC = reverse("api:post-public")


def detail(post_id) -> str:
    """A post's API address."""
    return reverse("api:post-detail", kwargs={"post_id": post_id})


def error_of(response) -> dict:
    """The error envelope's inner object: {"code", "message", "fields"}."""
    return response.json()["error"]
