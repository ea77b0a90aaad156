"""`/api/v2/search` through search.selectors: people, statuses and tags in Mastodon's shapes, what
Threadly's own search finds for the same viewer, `offset` paging, and a fixed query budget."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.factories import UserFactory
from mastodon_api.tests.reading_world import queries_of
from mastodon_api.tests.test_entities import ACCOUNT_FIELDS, STATUS_FIELDS
from posts.services import post_create
from social.services import follow_create

pytestmark = pytest.mark.django_db

# https://docs.joinmastodon.org/entities/Search/ and /Tag/
SEARCH_FIELDS = {"accounts", "statuses", "hashtags"}
TAG_FIELDS = {"name", "url", "history"}


def test_search_finds_people_statuses_and_tags(alice, bob, mastodon_as):
    post = post_create(author=bob, body="Walking in the park #parkrun")
    client = mastodon_as(alice, "read:search")
    statuses = client.get("/api/v2/search?q=park&type=statuses").json()
    assert statuses.keys() >= SEARCH_FIELDS and statuses["accounts"] == statuses["hashtags"] == []
    assert [status["id"] for status in statuses["statuses"]] == [str(post.pk)]
    assert statuses["statuses"][0].keys() >= STATUS_FIELDS

    people = client.get("/api/v2/search?q=bob&type=accounts").json()["accounts"]
    assert [person["username"] for person in people] == ["bob"] and people[0].keys() >= ACCOUNT_FIELDS

    tags = client.get("/api/v2/search?q=%23park&type=hashtags").json()["hashtags"]
    assert [tag["name"] for tag in tags] == ["parkrun"]
    assert tags[0].keys() >= TAG_FIELDS and tags[0]["url"].endswith("/tags/parkrun/")

    everything = client.get("/api/v2/search?q=parkrun").json()
    assert len(everything["statuses"]) == len(everything["hashtags"]) == 1


def test_search_finds_what_threadlys_search_finds(alice, bob, carol, mastodon_as, api_as):
    post_create(author=bob, body="secret plans", visibility="followers")
    seen = post_create(author=carol, body="public plans")
    mastodon = mastodon_as(alice).get("/api/v2/search?q=plans&type=statuses").json()["statuses"]
    threadly = api_as(alice).get(reverse("api:search"), {"q": "plans"}).json()["results"]
    assert [status["id"] for status in mastodon] == [str(post["id"]) for post in threadly] == [str(seen.pk)]


def test_offset_pages_results(alice, mastodon_as):
    for number in range(3):
        UserFactory(username=f"walker{number}")
    client = mastodon_as(alice)
    everyone = [person["id"] for person in client.get("/api/v2/search?q=walker&type=accounts").json()["accounts"]]
    assert len(everyone) == 3
    second = client.get("/api/v2/search?q=walker&type=accounts&limit=1&offset=1").json()["accounts"]
    assert [person["id"] for person in second] == everyone[1:2]
    assert client.get("/api/v2/search?q=walker&type=accounts&offset=9999").json()["accounts"] == []


def test_following_and_account_id_narrow_results(alice, bob, carol, mastodon_as):
    follow_create(follower=alice, followee=bob)
    UserFactory(username="bobby")
    post_create(author=bob, body="walk one")
    carols = post_create(author=carol, body="walk two")
    client = mastodon_as(alice)
    followed = client.get("/api/v2/search?q=bob&type=accounts&following=true").json()["accounts"]
    assert [person["username"] for person in followed] == ["bob"]
    by_carol = client.get(f"/api/v2/search?q=walk&type=statuses&account_id={carol.pk}").json()["statuses"]
    assert [status["id"] for status in by_carol] == [str(carols.pk)]


def test_bad_searches(alice, mastodon_as):
    client = mastodon_as(alice)
    assert client.get("/api/v2/search").status_code == 422
    assert client.get("/api/v2/search?q=x&type=lists").status_code == 422
    assert client.get("/api/v1/search?q=x").status_code == 404
    assert APIClient().get("/api/v2/search?q=x").status_code == 200
    assert mastodon_as(alice, "read:statuses").get("/api/v2/search?q=x").status_code == 403


def test_a_search_costs_the_same_with_one_or_many_results(alice, bob, mastodon_as):
    client = mastodon_as(alice)
    url = "/api/v2/search?q=garden"
    post_create(author=bob, body="garden #garden")
    UserFactory(username="garden0")
    few = queries_of(client, url)
    for number in range(1, 6):
        post_create(author=bob, body=f"garden {number} #garden{number}")
        UserFactory(username=f"garden{number}")
    found = client.get(url).json()
    assert len(found["statuses"]) == len(found["accounts"]) == 6 and len(found["hashtags"]) == 6
    assert queries_of(client, url) == few
