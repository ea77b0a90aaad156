"""Timelines through Mastodon's URLs: home, public and a tag's, paged by Link headers, at a fixed
number of queries, agreeing with Threadly's own API about who is left out."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mastodon_api.tests.paging import ids, links
from mastodon_api.tests.reading_world import posts_of_every_shape, queries_of
from mastodon_api.tests.test_entities import STATUS_FIELDS
from posts.services import post_create
from social.services import block_create, follow_create, mute_create
from social.tests.test_query_budgets import home_feed_ready

pytestmark = pytest.mark.django_db


def test_home_pages_back_with_max_id_and_forward_with_min_id(alice, bob, mastodon_as):
    follow_create(follower=alice, followee=bob)
    posts = [post_create(author=bob, body=f"post {number}") for number in range(5)]
    client = mastodon_as(alice, "read:statuses")
    first = client.get("/api/v1/timelines/home?limit=2")
    assert first.status_code == 200
    assert ids(first) == [str(posts[4].pk), str(posts[3].pk)]
    assert all(status.keys() >= STATUS_FIELDS for status in first.json())
    assert first["Link"].index('rel="next"') < first["Link"].index('rel="prev"')

    older = client.get(links(first)["next"])
    assert ids(older) == [str(posts[2].pk), str(posts[1].pk)]
    newer = client.get(links(older)["prev"])
    assert ids(newer) == [str(posts[4].pk), str(posts[3].pk)]
    since = client.get(f"/api/v1/timelines/home?since_id={posts[1].pk}&limit=2")
    assert ids(since) == [str(posts[4].pk), str(posts[3].pk)]
    assert client.get(f"/api/v1/timelines/home?max_id={posts[0].pk}").json() == []


def test_home_needs_a_person_and_the_read_statuses_scope(alice, mastodon_as, token_for):
    assert APIClient().get("/api/v1/timelines/home").status_code == 401
    refused = mastodon_as(alice, "read:notifications").get("/api/v1/timelines/home")
    assert refused.status_code == 403 and "error" in refused.json()
    app_only = APIClient()
    app_only.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(None, 'read').token}")
    assert app_only.get("/api/v1/timelines/home").status_code == 403


@pytest.mark.parametrize("hide", [block_create, mute_create])
def test_a_blocked_or_muted_author_is_out_of_home_on_both_doors(alice, bob, carol, mastodon_as, api_as, hide):
    for person in (bob, carol):
        follow_create(follower=alice, followee=person)
    kept = post_create(author=bob, body="kept")
    post_create(author=carol, body="hidden")
    if hide is block_create:
        hide(blocker=alice, blocked=carol)
    else:
        hide(muter=alice, muted=carol)
    mastodon = ids(mastodon_as(alice).get("/api/v1/timelines/home"))
    threadly = [str(post["id"]) for post in api_as(alice).get(reverse("api:post-list")).json()["results"]]
    assert mastodon == threadly == [str(kept.pk)]


def test_public_and_tag_timelines_answer_without_a_token(alice, bob):
    public = post_create(author=alice, body="hello #Django")
    followers_only = post_create(author=alice, body="friends #django", visibility="followers")
    reply = post_create(author=bob, body="a reply #django", in_reply_to=public)
    client = APIClient()
    assert ids(client.get("/api/v1/timelines/public")) == [str(public.pk)]
    assert ids(client.get("/api/v1/timelines/public?local=true")) == [str(public.pk)]
    assert client.get("/api/v1/timelines/public?remote=true").json() == []
    assert ids(client.get("/api/v1/timelines/tag/Django")) == [str(reply.pk), str(public.pk)]
    assert str(followers_only.pk) not in ids(client.get("/api/v1/timelines/tag/django"))


def test_only_media_keeps_posts_with_pictures(alice, bob):
    posts_of_every_shape(alice, bob, 1)
    found = APIClient().get("/api/v1/timelines/public?only_media=true").json()
    assert [status["content"].startswith("<p>picture") for status in found] == [True]
    assert found[0]["media_attachments"][0]["type"] == "image"


def test_public_pages_back_and_forth(alice):
    posts = [post_create(author=alice, body=f"post {number}") for number in range(4)]
    client = APIClient()
    first = client.get("/api/v1/timelines/public?limit=3")
    older = client.get(links(first)["next"])
    assert ids(older) == [str(posts[0].pk)]
    assert ids(client.get(links(older)["prev"])) == [str(post.pk) for post in posts[:0:-1]]


def test_lists_and_links_timelines_are_empty(alice, mastodon_as):
    client = mastodon_as(alice)
    missing = client.get("/api/v1/timelines/list/1")
    assert missing.status_code == 404 and missing.json() == {"error": "Record not found"}
    assert client.get("/api/v1/timelines/link?url=https://example.com").json() == []


@pytest.mark.parametrize(
    "url",
    [
        # Home reads its ids from a ready feed in Redis (rebuilt as a returning reader's is).
        pytest.param("/api/v1/timelines/home", marks=pytest.mark.redis),
        # Newer than a cursor: read from the pull query (policy.home_posts), Redis or not.
        "/api/v1/timelines/home?since_id=1",
        "/api/v1/timelines/public",
        "/api/v1/timelines/tag/shapes",
    ],
)
def test_a_page_costs_the_same_with_one_or_many_of_each_shape(alice, bob, carol, mastodon_as, url):
    for person in (bob, carol):
        follow_create(follower=alice, followee=person)
    client = mastodon_as(alice)
    feed_ready = home_feed_ready if url == "/api/v1/timelines/home" else lambda reader: None
    posts_of_every_shape(bob, carol, 1)
    feed_ready(alice)
    few = queries_of(client, url)
    posts_of_every_shape(bob, carol, 5)
    feed_ready(alice)
    assert len(client.get(url).json()) == 20
    assert queries_of(client, url) == few


def test_public_and_tag_agree_with_threadlys_doors_about_a_blocked_author(alice, bob, carol, mastodon_as, api_as):
    kept = post_create(author=bob, body="kept #both")
    post_create(author=carol, body="hidden #both")
    block_create(blocker=carol, blocked=alice)
    mastodon, threadly = mastodon_as(alice), api_as(alice)

    def threadly_ids(url: str) -> list[str]:
        return [str(post["id"]) for post in threadly.get(url).json()["results"]]

    assert ids(mastodon.get("/api/v1/timelines/public")) == threadly_ids(reverse("api:post-public")) == [str(kept.pk)]
    tagged = threadly_ids(reverse("api:tag-posts", kwargs={"tag": "both"}))
    assert ids(mastodon.get("/api/v1/timelines/tag/both")) == tagged == [str(kept.pk)]
