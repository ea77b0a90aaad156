"""The rendering cache never shows a stale post: a change to what a post shows moves its version, and
what moves by the minute (counters, the viewer's marks, relative times) is never cached."""

import pytest
from django.urls import reverse

from accounts import services as accounts
from accounts.factories import UserFactory
from posts import reposts, services
from social.services import follow_create

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
    assert "<strong>Ana</strong>" in client.get("/").content.decode()
    accounts.user_update_profile(user=author, display_name="Ana Renamed")
    page = client.get("/").content.decode()
    assert "<strong>Ana</strong>" not in page
    assert "<strong>Ana Renamed</strong>" in page
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
