"""Reading accounts through Mastodon's door: one account, lookup, their statuses, followers and
following, search; Link paging, query budgets, and the same answers as Threadly's own API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.factories import UserFactory
from accounts.services import user_suspend
from mastodon_api.tests.paging import ids, links
from mastodon_api.tests.test_entities import ACCOUNT_FIELDS
from posts import pins
from posts.models import Post
from posts.reposts import repost_create
from posts.services import post_create
from social.services import block_create, follow_create

pytestmark = pytest.mark.django_db

CREDENTIAL_FIELDS = ACCOUNT_FIELDS | {"source", "role"}
SOURCE_FIELDS = {"note", "fields", "privacy", "sensitive", "language", "follow_requests_count"}


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_verify_credentials_is_the_person_with_their_source(mastodon_as, alice):
    body = mastodon_as(alice).get("/api/v1/accounts/verify_credentials").json()

    assert body.keys() >= CREDENTIAL_FIELDS
    assert body["source"].keys() >= SOURCE_FIELDS
    assert body["id"] == str(alice.pk) and body["source"]["note"] == alice.bio


def test_verify_credentials_needs_a_person_and_the_scope(mastodon_as, alice, api_client, token_for):
    assert api_client.get("/api/v1/accounts/verify_credentials").status_code == 401
    assert mastodon_as(alice, "write").get("/api/v1/accounts/verify_credentials").status_code == 403
    assert mastodon_as(alice, "read:accounts").get("/api/v1/accounts/verify_credentials").status_code == 200
    app_only = mastodon_as(None, "read")
    assert app_only.get("/api/v1/accounts/verify_credentials").status_code == 403


def test_an_account_by_id_and_by_lookup(mastodon_as, alice, bob, api_client):
    reader = mastodon_as(alice)
    body = reader.get(f"/api/v1/accounts/{bob.pk}").json()
    assert body.keys() >= ACCOUNT_FIELDS and body["username"] == "bob"
    assert api_client.get(f"/api/v1/accounts/{bob.pk}").status_code == 200

    assert reader.get("/api/v1/accounts/lookup?acct=bob").json()["id"] == str(bob.pk)
    assert reader.get("/api/v1/accounts/lookup?acct=@BOB@testserver").json()["id"] == str(bob.pk)
    assert reader.get("/api/v1/accounts/lookup?acct=bob@elsewhere.example").status_code == 404
    assert reader.get("/api/v1/accounts/lookup?acct=nobody").status_code == 404
    assert reader.get("/api/v1/accounts/999999").json() == {"error": "Record not found"}
    assert reader.get("/api/v1/accounts/abc").status_code == 404


def test_a_suspended_or_blocking_person_is_not_found_through_either_door(mastodon_as, api_as, alice, bob, carol):
    block_create(blocker=bob, blocked=alice)
    user_suspend(user=carol)

    for person in (bob, carol):
        assert mastodon_as(alice).get(f"/api/v1/accounts/{person.pk}").status_code == 404
        assert api_as(alice).get(f"/api/threadly/v1/users/{person.username}").status_code == 404
        assert mastodon_as(alice).get(f"/api/v1/accounts/{person.pk}/statuses").status_code == 404
        assert api_as(alice).get(f"/api/threadly/v1/users/{person.username}/posts").status_code == 404
        assert mastodon_as(alice).get(f"/api/v1/accounts/{person.pk}/followers").status_code == 404
    assert mastodon_as(alice).get("/api/v1/accounts/lookup?acct=bob").status_code == 404


def test_a_block_hides_the_blockers_statuses_through_both_doors(mastodon_as, api_as, alice, bob):
    post_create(author=bob, body="Hello")
    block_create(blocker=alice, blocked=bob)

    threadly = api_as(alice).get(f"/api/threadly/v1/users/{bob.username}/posts").json()["results"]
    mastodon = mastodon_as(alice).get(f"/api/v1/accounts/{bob.pk}/statuses").json()

    assert threadly == [] and mastodon == []


def test_statuses_match_threadlys_profile_posts(mastodon_as, api_as, alice, bob):
    post_create(author=bob, body="Public")
    post_create(author=bob, body="Followers", visibility="followers")

    threadly = api_as(alice).get(f"/api/threadly/v1/users/{bob.username}/posts").json()["results"]
    mastodon = mastodon_as(alice).get(f"/api/v1/accounts/{bob.pk}/statuses").json()

    assert [str(post["id"]) for post in threadly] == ids_of(mastodon)
    follow_create(follower=alice, followee=bob)
    assert len(mastodon_as(alice).get(f"/api/v1/accounts/{bob.pk}/statuses").json()) == 2


def ids_of(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def test_statuses_page_back_and_forth_through_the_link_header(mastodon_as, alice, bob):
    posts = [post_create(author=bob, body=f"Post {n}") for n in range(5)]
    reader = mastodon_as(alice)

    first = reader.get(f"/api/v1/accounts/{bob.pk}/statuses?limit=2")
    assert ids(first) == [str(posts[4].pk), str(posts[3].pk)]
    second = reader.get(links(first)["next"])
    assert ids(second) == [str(posts[2].pk), str(posts[1].pk)]
    back = reader.get(links(second)["prev"])
    assert ids(back) == [str(posts[4].pk), str(posts[3].pk)]
    since = reader.get(f"/api/v1/accounts/{bob.pk}/statuses?since_id={posts[2].pk}")
    assert ids(since) == [str(posts[4].pk), str(posts[3].pk)]


def test_statuses_filters(mastodon_as, alice, bob, carol):
    original = post_create(author=bob, body="Mine #cats")
    reply = post_create(author=bob, body="A reply", in_reply_to=post_create(author=carol, body="Question"))
    reposted = post_create(author=carol, body="Theirs")
    repost_create(user=bob, post=reposted)
    repost = Post.objects.get(author=bob, repost_of=reposted)
    pins.post_pin(user=bob, post=original)
    reader = mastodon_as(alice)
    url = f"/api/v1/accounts/{bob.pk}/statuses"

    assert ids(reader.get(url)) == [str(repost.pk), str(reply.pk), str(original.pk)]
    assert ids(reader.get(f"{url}?exclude_replies=true")) == [str(repost.pk), str(original.pk)]
    assert ids(reader.get(f"{url}?exclude_reblogs=true")) == [str(reply.pk), str(original.pk)]
    assert ids(reader.get(f"{url}?tagged=cats")) == [str(original.pk)]
    assert ids(reader.get(f"{url}?pinned=true")) == [str(original.pk)]
    assert ids(reader.get(f"{url}?only_media=true")) == []


def test_statuses_cost_the_same_for_one_post_or_many(mastodon_as, alice, bob):
    reader = mastodon_as(alice)
    url = f"/api/v1/accounts/{bob.pk}/statuses"
    post_create(author=bob, body="One")
    reader.get(url)
    one = queries_for(reader, url)
    for n in range(6):
        post_create(author=UserFactory(), body=f"Other {n}")
        repost_create(user=bob, post=post_create(author=UserFactory(), body=f"Shared {n}"))
    reader.get(url)  # The new posts' renderings are made once, then cached for every reader.

    assert queries_for(reader, url) == one


@pytest.mark.parametrize(("kind", "field"), [("followers", "follower"), ("following", "followee")])
def test_followers_and_following_page_by_the_follows(mastodon_as, api_as, alice, kind, field):
    people = [UserFactory() for _ in range(5)]
    for person in people:
        if kind == "followers":
            follow_create(follower=person, followee=alice)
        else:
            follow_create(follower=alice, followee=person)
    reader = mastodon_as(people[0] if kind == "following" else alice)
    newest_first = [str(person.pk) for person in reversed(people)]

    first = reader.get(f"/api/v1/accounts/{alice.pk}/{kind}?limit=2")
    assert ids(first) == newest_first[:2]
    assert all(item.keys() >= ACCOUNT_FIELDS for item in first.json())
    second = reader.get(links(first)["next"])
    assert ids(second) == newest_first[2:4]
    assert ids(reader.get(links(second)["prev"])) == newest_first[:2]
    threadly = api_as(alice).get(f"/api/threadly/v1/users/alice/{kind}").json()["results"]
    assert [str(person["id"]) for person in threadly] == newest_first


@pytest.mark.parametrize("kind", ["followers", "following"])
def test_people_lists_cost_the_same_for_one_or_many(mastodon_as, alice, kind):
    reader = mastodon_as(alice)
    url = f"/api/v1/accounts/{alice.pk}/{kind}"

    def add() -> None:
        person = UserFactory()
        if kind == "followers":
            follow_create(follower=person, followee=alice)
        else:
            follow_create(follower=alice, followee=person)

    add()
    reader.get(url)
    one = queries_for(reader, url)
    for _ in range(6):
        add()
    assert queries_for(reader, url) == one


def test_account_search_finds_people_and_keeps_those_followed_when_asked(mastodon_as, alice, bob):
    UserFactory(username="bobby", display_name="Bobby")
    follow_create(follower=alice, followee=bob)
    reader = mastodon_as(alice)

    found = reader.get("/api/v1/accounts/search?q=bob&resolve=true")
    assert found.status_code == 200
    assert [item["username"] for item in found.json()] == ["bob", "bobby"]
    assert all(item.keys() >= ACCOUNT_FIELDS for item in found.json())
    assert [item["username"] for item in reader.get("/api/v1/accounts/search?q=bob&following=true").json()] == ["bob"]
    assert reader.get("/api/v1/accounts/search?q=").status_code == 422
    assert reader.get("/api/v1/accounts/search?q=bob@testserver").json()[0]["username"] == "bob"


def test_account_search_hides_whoever_blocked_the_viewer(mastodon_as, alice, bob):
    block_create(blocker=bob, blocked=alice)
    assert mastodon_as(alice).get("/api/v1/accounts/search?q=bob").json() == []


def test_account_search_costs_the_same_for_one_match_or_many(mastodon_as, alice):
    reader = mastodon_as(alice)
    url = "/api/v1/accounts/search?q=sam"
    UserFactory(username="sam0", bio="Hi @alice")
    one = queries_for(reader, url)
    for n in range(1, 7):
        UserFactory(username=f"sam{n}", bio="Hi @alice")
    assert queries_for(reader, url) == one
    assert len(reader.get(url).json()) == 7
