"""Follow, unfollow, block, unblock, mute, unmute and relationships through Mastodon's door: each
answers the Relationship after it, through social.services, within the token's scopes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.factories import UserFactory
from social.models import Block, Follow, Mute
from social.services import block_create, follow_create, mute_create

pytestmark = pytest.mark.django_db

# https://docs.joinmastodon.org/entities/Relationship/
RELATIONSHIP_FIELDS = {
    "id",
    "following",
    "showing_reblogs",
    "notifying",
    "languages",
    "followed_by",
    "blocking",
    "blocked_by",
    "muting",
    "muting_notifications",
    "requested",
    "requested_by",
    "domain_blocking",
    "endorsed",
    "note",
}


def test_follow_answers_the_relationship_and_notify_rings_the_bell(mastodon_as, alice, bob):
    client = mastodon_as(alice)

    answer = client.post(f"/api/v1/accounts/{bob.pk}/follow", {"notify": True}, format="json")

    assert answer.status_code == 200
    body = answer.json()
    assert body.keys() >= RELATIONSHIP_FIELDS
    assert body["id"] == str(bob.pk) and body["following"] is True and body["notifying"] is True
    assert Follow.objects.get(follower=alice, followee=bob).notify_posts is True
    again = client.post(f"/api/v1/accounts/{bob.pk}/follow", {"notify": "false"})
    assert again.json()["following"] is True and again.json()["notifying"] is False
    bob.refresh_from_db()
    assert bob.follower_count == 1

    unfollowed = client.post(f"/api/v1/accounts/{bob.pk}/unfollow").json()
    assert unfollowed["following"] is False
    bob.refresh_from_db()
    assert bob.follower_count == 0


def test_follow_is_refused_for_oneself_and_across_a_block(mastodon_as, alice, bob, carol):
    client = mastodon_as(alice)
    block_create(blocker=alice, blocked=carol)
    block_create(blocker=bob, blocked=alice)

    assert client.post(f"/api/v1/accounts/{alice.pk}/follow").status_code == 403
    assert client.post(f"/api/v1/accounts/{carol.pk}/follow").status_code == 403
    assert client.post(f"/api/v1/accounts/{bob.pk}/follow").status_code == 403
    assert client.post("/api/v1/accounts/999999/follow").status_code == 404
    assert not Follow.objects.exists()


def test_block_and_mute_and_their_undoing(mastodon_as, alice, bob):
    client = mastodon_as(alice)
    follow_create(follower=alice, followee=bob)
    follow_create(follower=bob, followee=alice)

    blocked = client.post(f"/api/v1/accounts/{bob.pk}/block").json()
    assert blocked["blocking"] is True and blocked["following"] is False and blocked["followed_by"] is False
    assert client.post(f"/api/v1/accounts/{bob.pk}/unblock").json()["blocking"] is False
    muted = client.post(f"/api/v1/accounts/{bob.pk}/mute", {"notifications": "true", "duration": "0"}).json()
    assert muted["muting"] is True and muted["muting_notifications"] is True
    assert client.post(f"/api/v1/accounts/{bob.pk}/unmute").json()["muting"] is False
    assert not Block.objects.exists() and not Mute.objects.exists()
    assert client.post(f"/api/v1/accounts/{alice.pk}/block").status_code == 403


@pytest.mark.parametrize(
    ("action", "scope", "allowed"),
    [
        ("follow", "write:follows", True),
        ("follow", "follow", True),
        ("follow", "read", False),
        ("block", "write:blocks", True),
        ("block", "write:follows", False),
        ("mute", "write:mutes", True),
        ("mute", "follow", True),
    ],
)
def test_each_action_needs_its_scope(mastodon_as, alice, bob, action, scope, allowed):
    answer = mastodon_as(alice, scope).post(f"/api/v1/accounts/{bob.pk}/{action}")
    assert answer.status_code == (200 if allowed else 403)


def test_relationships_of_several_people(mastodon_as, alice, bob, carol):
    follow_create(follower=alice, followee=bob)
    follow_create(follower=carol, followee=alice)
    block_create(blocker=carol, blocked=bob)
    mute_create(muter=alice, muted=carol)
    block_create(blocker=UserFactory(username="dora"), blocked=alice)

    answer = mastodon_as(alice, "read:follows").get(
        f"/api/v1/accounts/relationships?id[]={bob.pk}&id[]={carol.pk}&id[]=999999&id[]=x"
    )

    assert answer.status_code == 200
    with_bob, with_carol = answer.json()
    assert with_bob.keys() >= RELATIONSHIP_FIELDS
    assert with_bob["following"] and with_bob["showing_reblogs"] and not with_bob["followed_by"]
    assert with_carol["followed_by"] and with_carol["muting"] and not with_carol["following"]
    dora = UserFactory._meta.model.objects.get(username="dora")
    assert mastodon_as(alice).get(f"/api/v1/accounts/relationships?id={dora.pk}").json()[0]["blocked_by"] is True
    assert mastodon_as(alice).get("/api/v1/accounts/relationships").json() == []


def test_relationships_cost_one_query_for_one_person_or_many(mastodon_as, alice):
    client = mastodon_as(alice)
    people = [UserFactory() for _ in range(8)]
    for person in people[:4]:
        follow_create(follower=alice, followee=person)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    one = count(f"/api/v1/accounts/relationships?id[]={people[0].pk}")
    many = count("/api/v1/accounts/relationships?" + "&".join(f"id[]={person.pk}" for person in people))
    assert one == many
