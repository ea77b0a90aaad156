"""The signed-in person's own lists and settings through Mastodon's door: blocks, mutes (Link paging,
query budgets, the same people as Threadly's API), suggestions, familiar followers, preferences,
update_credentials, and the empty lists of what Threadly lacks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.factories import UserFactory
from images.factories import png_bytes
from mastodon_api.tests.paging import ids, links
from mastodon_api.tests.test_entities import ACCOUNT_FIELDS
from social.services import block_create, follow_create, mute_create

pytestmark = pytest.mark.django_db

LISTS = {"blocks": (block_create, "blocker", "blocked"), "mutes": (mute_create, "muter", "muted")}


def _add(kind: str, me, person) -> None:
    create, mine, theirs = LISTS[kind]
    create(**{mine: me, theirs: person})


@pytest.mark.parametrize("kind", LISTS)
def test_blocks_and_mutes_page_by_their_rows_and_match_threadlys_api(mastodon_as, api_as, alice, kind):
    people = [UserFactory() for _ in range(5)]
    for person in people:
        _add(kind, alice, person)
    client = mastodon_as(alice)
    newest_first = [str(person.pk) for person in reversed(people)]

    first = client.get(f"/api/v1/{kind}?limit=2")
    assert ids(first) == newest_first[:2]
    assert all(item.keys() >= ACCOUNT_FIELDS for item in first.json())
    second = client.get(links(first)["next"])
    assert ids(second) == newest_first[2:4]
    assert ids(client.get(links(second)["prev"])) == newest_first[:2]
    threadly = api_as(alice).get(f"/api/threadly/v1/{kind}").json()["results"]
    assert [str(person["id"]) for person in threadly] == ids(client.get(f"/api/v1/{kind}"))


@pytest.mark.parametrize("kind", LISTS)
def test_blocks_and_mutes_cost_the_same_for_one_or_many(mastodon_as, alice, kind):
    client = mastodon_as(alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/api/v1/{kind}").status_code == 200
        return len(context.captured_queries)

    _add(kind, alice, UserFactory())
    one = count()
    for _ in range(6):
        _add(kind, alice, UserFactory())
    assert count() == one


@pytest.mark.parametrize(("kind", "scope"), [("blocks", "read:blocks"), ("mutes", "read:mutes")])
def test_blocks_and_mutes_need_their_scope(mastodon_as, alice, kind, scope):
    assert mastodon_as(alice, scope).get(f"/api/v1/{kind}").status_code == 200
    assert mastodon_as(alice, "read:accounts").get(f"/api/v1/{kind}").status_code == 403
    assert mastodon_as(alice, "follow").get(f"/api/v1/{kind}").status_code == 200


def test_suggestions_name_the_same_people_as_threadlys_api(mastodon_as, api_as, alice, bob, carol):
    dora = UserFactory(username="dora")
    follow_create(follower=alice, followee=bob)
    follow_create(follower=bob, followee=carol)
    follow_create(follower=carol, followee=dora)
    client = mastodon_as(alice)

    threadly = [
        str(person["id"]) for person in api_as(alice).get("/api/threadly/v1/people/suggestions").json()["results"]
    ]
    v2 = client.get("/api/v2/suggestions").json()
    v1 = client.get("/api/v1/suggestions").json()

    assert [item["account"]["id"] for item in v2] == threadly == ids_of(v1)
    assert v2[0]["account"]["username"] == "carol"
    assert v2[0]["sources"] == ["friends_of_friends"] and v2[0]["source"] == "past_interactions"
    assert v2[1]["sources"] == ["most_followed"] and v2[1]["source"] == "global"
    assert client.delete(f"/api/v1/suggestions/{carol.pk}").status_code == 200
    assert client.delete("/api/v1/suggestions/999999").status_code == 404


def ids_of(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def test_suggestions_cost_the_same_for_one_or_many(mastodon_as, alice):
    client = mastodon_as(alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/api/v2/suggestions").status_code == 200
        return len(context.captured_queries)

    UserFactory()
    one = count()
    for _ in range(6):
        UserFactory()
    assert count() == one


def test_familiar_followers_are_people_i_follow_who_follow_them(mastodon_as, alice, bob, carol):
    dora = UserFactory(username="dora")
    follow_create(follower=alice, followee=bob)
    follow_create(follower=bob, followee=carol)
    follow_create(follower=dora, followee=carol)

    answer = mastodon_as(alice).get(f"/api/v1/accounts/familiar_followers?id[]={carol.pk}&id[]={bob.pk}").json()

    assert [item["id"] for item in answer] == [str(carol.pk), str(bob.pk)]
    assert [person["username"] for person in answer[0]["accounts"]] == ["bob"]
    assert answer[1]["accounts"] == []


def test_preferences(mastodon_as, alice):
    alice.expand_content_warnings = True
    alice.save()

    body = mastodon_as(alice, "read:accounts").get("/api/v1/preferences").json()

    assert body["posting:default:visibility"] == "public"
    assert body["posting:default:sensitive"] is False and body["posting:default:language"] is None
    assert body["reading:expand:media"] == "default" and body["reading:expand:spoilers"] is True


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/follow_requests",
        "/api/v1/endorsements",
        "/api/v1/domain_blocks",
        "/api/v1/featured_tags",
        "/api/v1/accounts/{bob}/featured_tags",
        "/api/v1/accounts/{bob}/lists",
    ],
)
def test_what_threadly_lacks_is_an_empty_list(mastodon_as, alice, bob, url):
    answer = mastodon_as(alice).get(url.format(bob=bob.pk))
    assert answer.status_code == 200 and answer.json() == []


def test_update_credentials_changes_the_profile_through_the_profiles_services(
    mastodon_as, alice, django_capture_on_commit_callbacks
):
    client = mastodon_as(alice, "write:accounts")
    upload = {
        "display_name": "Alice A.",
        "note": "Hello @bob",
        "avatar": SimpleUploadedFile("me.png", png_bytes(80, 80), content_type="image/png"),
        "locked": "true",
        "source[privacy]": "public",
        "source[sensitive]": "false",
    }

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.patch("/api/v1/accounts/update_credentials", upload, format="multipart")

    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert body["display_name"] == "Alice A." and body["source"]["note"] == "Hello @bob"
    assert body["locked"] is False
    alice.refresh_from_db()
    assert alice.bio == "Hello @bob" and alice.avatar_image.uploader_id == alice.pk
    processed = mastodon_as(alice).get("/api/v1/accounts/verify_credentials").json()
    assert "/media/" in processed["avatar"] and "missing" not in processed["avatar"]


def test_update_credentials_refuses_what_the_profile_refuses(mastodon_as, alice):
    client = mastodon_as(alice)
    url = "/api/v1/accounts/update_credentials"

    assert client.patch(url, {"display_name": "x" * 51}, format="json").status_code == 422
    not_a_picture = SimpleUploadedFile("me.png", b"not a picture", content_type="image/png")
    assert client.patch(url, {"header": not_a_picture}, format="multipart").status_code == 422
    assert client.patch(url, {"source": {"privacy": "secret"}}, format="json").status_code == 422
    assert client.patch(url, {"bot": "maybe"}, format="json").status_code == 422
    assert mastodon_as(alice, "read").patch(url, {"display_name": "A"}, format="json").status_code == 403
    alice.refresh_from_db()
    assert alice.display_name == "Alice" and alice.header_image is None
