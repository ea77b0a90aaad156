"""Every list of posts, page and API, costs the same number of queries with one post and with a full
page when the posts carry images, quote posts with images and repost them: their images come with
the page's renderings (posts.selectors.post_rows' prefetch), never one query per post."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import UserFactory
from images.factories import ImageFactory
from posts import bookmarks, reposts, services
from posts.models import Post
from posts.tests.helpers import MANY, post_ids_on
from social.factories import FollowFactory
from social.tests.test_query_budgets import home_feed_ready

# A plain post, a quote and a repost (Items.add's first three).
KINDS = 3
# Home reads its page's ids from the feed in Redis; the others need no Redis but run with it too.
pytestmark = pytest.mark.redis


def pictures(author, count: int = 2) -> list[int]:
    return [ImageFactory(uploader=author, alt_text=f"picture {n}").pk for n in range(count)]


class Items:
    """Adds posts with images that a list shows: by people the viewer follows, tagged and matching a
    search, bookmarked by the viewer, replies to one post; every other one quotes a post with images,
    every third is a repost of one (for the lists that show reposts)."""

    def __init__(self, viewer, *, reposts_too: bool):
        self.viewer, self.reposts_too = viewer, reposts_too
        self.quoted = None
        self.added = 0

    def _quoted(self):
        if self.quoted is None:
            author = UserFactory()
            self.quoted = services.post_create(author=author, body="quoted", image_ids=pictures(author, 3))
        return self.quoted

    def add(self, count: int) -> None:
        for _ in range(count):
            number, self.added = self.added, self.added + 1
            author = UserFactory()
            FollowFactory(follower=self.viewer, followee=author)
            if self.reposts_too and number % 3 == 2:
                original_author = UserFactory()
                original = services.post_create(
                    author=original_author, body=f"reposted #pics picture {number}", image_ids=pictures(original_author)
                )
                reposts.repost_create(user=author, post=original)
                continue
            post = services.post_create(
                author=author,
                body=f"#pics picture {number}",
                image_ids=pictures(author, 1 + number % 4),
                quoted_post=self._quoted() if number % 2 else None,
            )
            bookmarks.bookmark_create(user=self.viewer, post=post)
        home_feed_ready(self.viewer)


def replies_to(root):
    def add(count: int) -> None:
        for number in range(count):
            author = UserFactory()
            services.post_create(author=author, body=f"reply {number}", in_reply_to=root, image_ids=pictures(author))

    return add


def queries_of(fetch) -> tuple[int, object]:
    fetch()  # Once first: renderings warm, as a page read again or by a second reader is.
    with CaptureQueriesContext(connection) as context:
        response = fetch()
    assert response.status_code == 200, response.content[:500]
    return len(context), response


def cold_queries_of(fetch) -> tuple[int, object]:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = fetch()
    assert response.status_code == 200
    return len(context), response


PAGES = {
    "home": ("/", True),
    "explore": ("/explore/", True),
    "profile-media": (None, False),
    "bookmarks": ("/bookmarks/", False),
    "tag": ("/tags/pics/", False),
    "search": ("/search/?q=picture&type=posts", False),
}
APIS = {
    "api-home": ("api:post-list", True),
    "api-public": ("api:post-public", True),
    "api-bookmarks": ("api:bookmark-list", False),
    "api-tag": ("api:tag-posts", False),
}


def page_count(response) -> int:
    return len(post_ids_on(response))


def api_count(response) -> int:
    return len(response.json()["results"])


def assert_constant(fetch, add, count_items, *, cold: bool) -> None:
    """The page costs the same with one post of each kind (KINDS: its images, a quote card's, a
    repost's) as with a full page of them."""
    measure = cold_queries_of if cold else queries_of
    add(KINDS)
    few, response = measure(fetch)
    shown = count_items(response)
    assert shown >= 1
    add(MANY - KINDS)
    many, response = measure(fetch)
    assert count_items(response) > shown
    assert few == many, f"{few} queries with {shown} posts, {many} with {count_items(response)}"


@pytest.fixture
def viewer(client, api_as, settings, db):
    settings.PAGE_SIZE = MANY
    user = UserFactory(username="viewer")
    client.force_login(user)
    return user


@pytest.mark.parametrize("cold", [False, True], ids=["warm", "cold"])
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_of_posts_with_images_cost_the_same_whatever_their_length(client, viewer, name, cold):
    url, reposts_too = PAGES[name]
    items = Items(viewer, reposts_too=reposts_too)
    if name == "profile-media":
        author = UserFactory(username="author")

        def add(count: int) -> None:
            for number in range(count):
                services.post_create(author=author, body=f"mine {number}", image_ids=pictures(author))

        assert_constant(lambda: client.get("/@author", {"media": "1"}), add, page_count, cold=cold)
        return
    assert_constant(lambda: client.get(url), items.add, page_count, cold=cold)


@pytest.mark.parametrize("cold", [False, True], ids=["warm", "cold"])
@pytest.mark.parametrize("name", list(APIS))
def test_api_lists_of_posts_with_images_cost_the_same_whatever_their_length(api_as, viewer, name, cold):
    route, reposts_too = APIS[name]
    api = api_as(viewer)
    url = reverse(route, args=["pics"]) if name == "api-tag" else reverse(route)
    items = Items(viewer, reposts_too=reposts_too)
    assert_constant(lambda: api.get(url, {"page_size": MANY}), items.add, api_count, cold=cold)


@pytest.mark.parametrize("cold", [False, True], ids=["warm", "cold"])
@pytest.mark.parametrize("door", ["thread", "api-thread", "api-replies"])
def test_replies_with_images_cost_the_same_whatever_their_number(client, api_as, viewer, door, cold):
    author = UserFactory()
    root = services.post_create(author=author, body="root", image_ids=pictures(author))
    if door == "thread":
        fetch, count_items = (lambda: client.get(root.get_absolute_url())), (lambda r: page_count(r) - 1)
    else:
        api, route = api_as(viewer), "api:post-thread" if door == "api-thread" else "api:post-replies"
        fetch = lambda: api.get(reverse(route, args=[root.pk]))  # noqa: E731
        count_items = (lambda r: len(r.json()["replies"])) if door == "api-thread" else api_count
    assert_constant(fetch, replies_to(root), count_items, cold=cold)


def test_a_post_with_images_shows_them_on_the_pages_and_in_the_api(client, api_as, viewer):
    Items(viewer, reposts_too=False).add(2)
    html = client.get("/explore/").content.decode()
    data = api_as(viewer).get(reverse("api:post-public")).json()["results"]

    # The quote (2 images) with its card, the quoted post (3 images), the first post (1 image).
    assert [len(item["images"]) for item in data] == [2, 3, 1]
    assert html.count('class="image-link"') == 2 + 3 + 1
    assert html.count('class="quote-thumbnail') == 1
    assert "3 images" in html
    assert data[0]["quoted_post"]["images"][0]["alt_text"] == "picture 0"
    assert Post.objects.filter(attachments__isnull=False).distinct().count() == 3
