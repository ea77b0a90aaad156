"""Tag search and trending count only posts that count: public, not removed, by an active author (issue 10, 2.6)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from posts.models import Post
from search.tests.helpers import SEARCH_URL, write

pytestmark = pytest.mark.django_db

TRENDING_URL = reverse("search:trending")
API_SEARCH_URL = reverse("api:search")


@pytest.fixture
def posts_that_do_not_count(alice, bob):
    """#leak is only on posts that do not count; #coffee on one that does and on each that does not."""
    write(alice, "#coffee is public")
    write(alice, "#coffee #leak for followers", Post.Visibility.FOLLOWERS)
    removed = write(alice, "#coffee #leak removed")
    Post.objects.filter(pk=removed.pk).update(removed_at=timezone.now())
    write(bob, "#coffee #leak by a suspended author")
    User.objects.filter(pk=bob.pk).update(is_active=False)


def tags_on_page(client, text: str) -> dict[str, int]:
    html = client.get(SEARCH_URL, {"q": text, "type": "tags"}).content.decode()
    return {
        name: int(count) for name, count in re.findall(r'>#([^<]+)</a> <span class="meta">(\d+) posts?</span>', html)
    }


def tags_in_api(api_client, text: str) -> dict[str, int]:
    results = api_client.get(API_SEARCH_URL, {"q": text, "type": "tags"}).json()["results"]
    return {item["name"]: item["post_count"] for item in results}


@pytest.mark.usefixtures("posts_that_do_not_count")
def test_tag_search_counts_only_posts_that_count_on_the_page(client):
    assert tags_on_page(client, "coffee") == {"coffee": 1}
    assert tags_on_page(client, "leak") == {}


@pytest.mark.usefixtures("posts_that_do_not_count")
def test_tag_search_counts_only_posts_that_count_in_the_api(api_client):
    assert tags_in_api(api_client, "coffee") == {"coffee": 1}
    assert tags_in_api(api_client, "leak") == {}


@pytest.mark.usefixtures("posts_that_do_not_count")
def test_trending_counts_only_posts_that_count(client):
    html = client.get(TRENDING_URL).content.decode()

    assert re.findall(r">#([^<]+)</a> <span class=\"meta\">(\d+) posts? today", html) == [("coffee", "1")]
