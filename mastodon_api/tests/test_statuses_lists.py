"""The viewer's bookmarks and favourites: newest bookmark or like first, paged by the bookmark's or
the like's id, posts no longer seen left out, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mastodon_api.tests.paging import link_ids
from mastodon_api.tests.test_entities import STATUS_FIELDS
from posts.bookmarks import bookmark_create
from posts.models import Bookmark, Like, Post
from posts.services import like_create, post_create, post_remove
from social.services import block_create

pytestmark = pytest.mark.django_db

KEEP = {"bookmarks": bookmark_create, "favourites": like_create}
ROWS = {"bookmarks": Bookmark, "favourites": Like}


@pytest.mark.parametrize("name", ["bookmarks", "favourites"])
def test_kept_posts_are_listed_newest_kept_first_and_page_by_the_rows(mastodon_as, alice, bob, name):
    posts = [post_create(author=alice, body=f"Post {n}") for n in range(5)]
    # Kept in another order than written: the list follows the keeping, and pages by its rows.
    order = [posts[2], posts[0], posts[4], posts[1], posts[3]]
    for post in order:
        KEEP[name](user=bob, post=post)
    client = mastodon_as(bob)
    rows = list(ROWS[name].objects.filter(user=bob).order_by("-id").values_list("id", flat=True))

    first = client.get(f"/api/v1/{name}?limit=2")

    assert [status["id"] for status in first.json()] == [str(order[4].pk), str(order[3].pk)]
    assert first.json()[0].keys() >= STATUS_FIELDS
    links = link_ids(first["Link"])
    assert links == {"next": str(rows[1]), "prev": str(rows[0])}
    second = client.get(f"/api/v1/{name}?limit=2&max_id={links['next']}")
    assert [status["id"] for status in second.json()] == [str(order[2].pk), str(order[1].pk)]
    back = client.get(f"/api/v1/{name}?limit=2&min_id={link_ids(second['Link'])['prev']}")
    assert [status["id"] for status in back.json()] == [str(order[4].pk), str(order[3].pk)]
    last = client.get(f"/api/v1/{name}?limit=2&max_id={link_ids(second['Link'])['next']}")
    assert [status["id"] for status in last.json()] == [str(order[0].pk)]


@pytest.mark.parametrize("name", ["bookmarks", "favourites"])
def test_posts_no_longer_seen_drop_out(mastodon_as, alice, bob, carol, name):
    kept = [post_create(author=author, body="Kept") for author in (alice, carol, alice)]
    for post in kept:
        KEEP[name](user=bob, post=post)
    post_remove(post=kept[2])
    block_create(blocker=carol, blocked=bob)

    response = mastodon_as(bob).get(f"/api/v1/{name}")

    assert [status["id"] for status in response.json()] == [str(kept[0].pk)]
    assert ROWS[name].objects.filter(user=bob).count() == 3


@pytest.mark.parametrize(("name", "scope"), [("bookmarks", "read:bookmarks"), ("favourites", "read:favourites")])
def test_the_lists_are_the_persons_own_and_need_their_scope(mastodon_as, client, alice, name, scope):
    assert client.get(f"/api/v1/{name}").status_code == 401
    assert mastodon_as(alice, scope="read:statuses").get(f"/api/v1/{name}").status_code == 403
    assert mastodon_as(alice, scope=scope).get(f"/api/v1/{name}").json() == []


@pytest.mark.parametrize("name", ["bookmarks", "favourites"])
def test_the_lists_cost_the_same_for_one_and_many(mastodon_as, alice, bob, carol, name):
    for post in [post_create(author=alice, body=f"Post {n}") for n in range(8)]:
        KEEP[name](user=bob, post=post)
    KEEP[name](user=carol, post=Post.objects.first())
    reader_of_one, reader_of_many = mastodon_as(carol), mastodon_as(bob)
    reader_of_many.get(f"/api/v1/{name}")  # Renderings are cached on a first read.

    def queries(client) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            found = client.get(f"/api/v1/{name}").json()
        return len(found), len(captured)

    one, many = queries(reader_of_one), queries(reader_of_many)
    assert (one[0], many[0]) == (1, 8)
    assert one[1] == many[1]
