"""The rendering cache never shows a stale post: a change to what a post shows moves its version, and
what moves by the minute (counters, the viewer's marks, relative times) is never cached."""

import pytest
from django.urls import reverse

from accounts import services as accounts
from accounts.factories import UserFactory
from posts import policy, reposts, services
from posts.hydration import hydrator, renderings
from social.services import follow_create
from threadly import redis_guard

pytestmark = pytest.mark.django_db
EXPLORE = reverse("social:explore")
PUBLIC = reverse("api:post-public")


@pytest.fixture
def reader(client):
    person = UserFactory(username="reader")
    client.force_login(person)
    return person


def explore_page(client) -> str:
    return client.get(EXPLORE).content.decode()


def test_an_edit_shows_at_once(client, reader, api_as):
    post = services.post_create(author=UserFactory(), body="First words")
    assert "First words" in explore_page(client)
    assert api_as(reader).get(PUBLIC).json()["results"][0]["body"] == "First words"
    services.post_update(post=post, editor=post.author, body="Second words", visibility="public")
    assert "Second words" in explore_page(client)
    assert api_as(reader).get(PUBLIC).json()["results"][0]["body"] == "Second words"


def test_a_new_name_shows_on_the_authors_posts_and_reposts(client, reader):
    author = UserFactory(username="ana", display_name="Ana")
    services.post_create(author=author, body="Mine")
    reposts.repost_create(user=author, post=services.post_create(author=UserFactory(), body="Theirs"))
    follow_create(follower=reader, followee=author)
    assert '<strong dir="auto">Ana</strong>' in client.get("/").content.decode()
    accounts.user_update_profile(user=author, display_name="Ana Renamed")
    page = client.get("/").content.decode()
    assert '<strong dir="auto">Ana</strong>' not in page
    assert '<strong dir="auto">Ana Renamed</strong>' in page
    assert "Ana Renamed</a> reposted" in page


def test_counters_and_marks_are_live_on_a_warm_page(client, reader, api_as):
    post = services.post_create(author=UserFactory(), body="Like me")
    explore_page(client)
    api_as(reader).get(PUBLIC)
    services.like_create(user=reader, post=post)
    services.like_create(user=UserFactory(), post=post)
    assert 'class="like liked" aria-pressed="true"' in explore_page(client)
    assert '2<span class="visually-hidden"> likes, unlike' in explore_page(client)
    item = api_as(reader).get(PUBLIC).json()["results"][0]
    assert (item["like_count"], item["liked_by_me"]) == (2, True)


def test_a_quoted_post_deleted_leaves_its_quotes_cards_unavailable(client, reader, api_as):
    quoted = services.post_create(author=UserFactory(), body="Soon gone")
    services.post_create(author=UserFactory(), body="Quoting", quoted_post=quoted)
    assert "Soon gone" in explore_page(client)
    services.post_delete(post=quoted, actor=quoted.author)
    page = explore_page(client)
    assert "Soon gone" not in page
    assert "This post is unavailable" in page
    item = api_as(reader).get(PUBLIC).json()["results"][0]
    assert (item["quote_state"], item["quoted_post"]) == ("unavailable", None)


def test_each_address_of_the_site_gets_its_own_links(reader, api_as):
    services.post_create(author=UserFactory(), body="Links")
    api = api_as(reader)
    plain = api.get(PUBLIC).json()["results"][0]
    secure = api.get(PUBLIC, secure=True).json()["results"][0]
    assert plain["url"].startswith("http://testserver/")
    assert secure["url"].startswith("https://testserver/")


@pytest.mark.redis
def test_with_redis_down_pages_still_show_and_redis_is_skipped_for_a_while(client, reader, settings):
    services.post_create(author=UserFactory(), body="Still here")
    dead = {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}
    settings.CACHES = {"default": dead}
    assert "Still here" in explore_page(client)
    assert redis_guard.skipping()
    assert renderings._cache() is None


def test_hydrator_is_hydrate_for_a_feed_that_reads_its_own_ids(rf, reader):
    """timelines.home_page calls `hydrate(posts, limit)`: hydrator(request) is that function."""
    mine = [services.post_create(author=reader, body=f"post {number}") for number in range(3)]
    request = rf.get("/")
    request.user = reader
    items = hydrator(request, api=False)(policy.home_posts(reader).order_by("-id"), 2)
    assert [item.pk for item in items] == [mine[2].pk, mine[1].pk]
    assert "post 2" in items[0].content_html
