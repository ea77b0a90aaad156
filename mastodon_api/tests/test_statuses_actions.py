"""A status's toggles (each answering the status as the viewer now sees it) and who favourited or
reblogged it, paged by the like's or the repost's id."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.factories import UserFactory
from mastodon_api.tests.paging import link_ids
from posts.models import Bookmark, Like, Pin, Post
from posts.reposts import repost_create
from posts.services import like_create, post_create
from social.services import block_create, follow_create, mute_create
from tests.races import race

pytestmark = pytest.mark.django_db


def act(client, post, action: str):
    return client.post(f"/api/v1/statuses/{post.pk}/{action}")


def test_favourite_and_unfavourite(mastodon_as, alice, bob):
    post = post_create(author=alice, body="Like me")
    client = mastodon_as(bob)

    liked = act(client, post, "favourite")
    again = act(client, post, "favourite")

    assert liked.status_code == again.status_code == 200
    assert liked.json()["favourited"] is True and again.json()["favourites_count"] == 1
    undone = act(client, post, "unfavourite").json()
    assert undone["favourited"] is False and undone["favourites_count"] == 0
    assert not Like.objects.exists()


def test_reblog_answers_the_reblog_and_unreblog_the_original(mastodon_as, alice, bob):
    post = post_create(author=alice, body="Share me")
    client = mastodon_as(bob)

    reblog = act(client, post, "reblog").json()

    repost = Post.objects.get(author=bob, repost_of=post)
    assert reblog["id"] == str(repost.pk) and reblog["account"]["id"] == str(bob.pk)
    assert reblog["reblog"]["id"] == str(post.pk) and reblog["reblog"]["reblogs_count"] == 1
    assert reblog["reblogged"] is True
    assert act(client, post, "reblog").json()["id"] == str(repost.pk)
    original = act(client, post, "unreblog").json()
    assert original["id"] == str(post.pk) and original["reblogged"] is False and original["reblogs_count"] == 0


def test_a_followers_only_status_cannot_be_reblogged(mastodon_as, alice, bob):
    follow_create(follower=bob, followee=alice)
    post = post_create(author=alice, body="Ours", visibility=Post.Visibility.FOLLOWERS)

    response = act(mastodon_as(bob), post, "reblog")

    assert response.status_code == 403 and "error" in response.json()


def test_acting_on_a_reblog_acts_on_its_original(mastodon_as, alice, bob, carol):
    post = post_create(author=alice, body="Original")
    repost_create(user=carol, post=post)
    repost = Post.objects.get(repost_of=post)

    status = act(mastodon_as(bob), repost, "favourite").json()

    assert status["id"] == str(post.pk) and status["favourited"] is True
    assert Like.objects.get().post == post


def test_bookmark_and_unbookmark(mastodon_as, alice, bob):
    post = post_create(author=alice, body="Keep me")
    client = mastodon_as(bob)

    assert act(client, post, "bookmark").json()["bookmarked"] is True
    assert Bookmark.objects.filter(user=bob, post=post).exists()
    assert act(client, post, "unbookmark").json()["bookmarked"] is False
    assert not Bookmark.objects.exists()


def test_pin_is_for_ones_own_status_and_needs_write_accounts(mastodon_as, alice, bob):
    post = post_create(author=alice, body="Pin me")

    assert act(mastodon_as(alice, scope="write:statuses"), post, "pin").status_code == 403
    assert act(mastodon_as(bob), post, "pin").status_code == 403
    pinned = act(mastodon_as(alice, scope="write:accounts"), post, "pin")
    assert pinned.status_code == 200 and pinned.json()["pinned"] is True
    assert mastodon_as(alice).get(f"/api/v1/statuses/{post.pk}").json()["pinned"] is True
    assert act(mastodon_as(alice), post, "unpin").json()["pinned"] is False
    assert not Pin.objects.exists()


def test_a_fourth_pin_is_a_422(mastodon_as, alice):
    client = mastodon_as(alice)
    posts = [post_create(author=alice, body=f"Post {n}") for n in range(4)]
    for post in posts[:3]:
        assert act(client, post, "pin").status_code == 200

    refused = act(client, posts[3], "pin")

    assert refused.status_code == 422 and "pin at most" in refused.json()["error"]


def test_muting_a_conversation_is_not_supported_and_unmuting_answers_the_status(mastodon_as, alice):
    post = post_create(author=alice, body="Noisy")
    client = mastodon_as(alice)

    muted = act(client, post, "mute")
    assert muted.status_code == 422 and muted.json() == {"error": "Muting conversations is not supported"}
    unmuted = act(client, post, "unmute")
    assert unmuted.status_code == 200 and unmuted.json()["muted"] is False


def test_toggles_on_a_hidden_status_are_not_found_and_need_their_scopes(mastodon_as, alice, bob):
    hidden = post_create(author=alice, body="Mine", visibility=Post.Visibility.FOLLOWERS)
    seen = post_create(author=alice, body="Public")

    for action in ("favourite", "reblog", "bookmark", "unfavourite", "unreblog", "unbookmark"):
        assert act(mastodon_as(bob), hidden, action).status_code == 404, action
    assert act(mastodon_as(bob, scope="write:statuses"), seen, "favourite").status_code == 403
    assert act(mastodon_as(bob, scope="write:favourites"), seen, "favourite").status_code == 200
    assert act(mastodon_as(bob, scope="write:favourites"), seen, "bookmark").status_code == 403
    assert act(APIClient(), seen, "favourite").status_code == 401


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_favouriting_twice_at_once_likes_once(token_for, alice, bob):
    post = post_create(author=alice, body="Race me")
    token = token_for(bob).token

    def favourite():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client.post(f"/api/v1/statuses/{post.pk}/favourite")

    results = race(favourite, favourite)

    assert [result.status_code for result in results] == [200, 200], results
    assert Like.objects.filter(post=post).count() == 1
    post.refresh_from_db()
    assert post.like_count == 1


def test_favourited_by_lists_the_people_newest_like_first_less_hidden_ones(mastodon_as, alice, bob, carol):
    post = post_create(author=alice, body="Liked")
    dan, eve = UserFactory(username="dan"), UserFactory(username="eve")
    for person in (bob, carol, dan, eve):
        like_create(user=person, post=post)
    block_create(blocker=alice, blocked=carol)
    mute_create(muter=alice, muted=dan)

    response = mastodon_as(alice).get(f"/api/v1/statuses/{post.pk}/favourited_by")

    assert [account["id"] for account in response.json()] == [str(eve.pk), str(bob.pk)]
    assert mastodon_as(carol).get(f"/api/v1/statuses/{post.pk}/favourited_by").status_code == 404


def test_favourited_by_and_reblogged_by_page_by_their_rows(mastodon_as, alice):
    post = post_create(author=alice, body="Popular")
    people = [UserFactory() for _ in range(5)]
    for person in people:
        like_create(user=person, post=post)
        repost_create(user=person, post=post)
    client = mastodon_as(alice)
    rows = {"favourited_by": Like.objects.filter(post=post), "reblogged_by": Post.objects.filter(repost_of=post)}

    for name, found in rows.items():
        ids = list(found.order_by("-id").values_list("id", flat=True))
        first = client.get(f"/api/v1/statuses/{post.pk}/{name}?limit=2")
        assert [account["id"] for account in first.json()] == [str(people[4].pk), str(people[3].pk)]
        links = link_ids(first["Link"])
        assert links == {"next": str(ids[1]), "prev": str(ids[0])}
        second = client.get(f"/api/v1/statuses/{post.pk}/{name}?limit=2&max_id={links['next']}")
        assert [account["id"] for account in second.json()] == [str(people[2].pk), str(people[1].pk)]
        back = client.get(f"/api/v1/statuses/{post.pk}/{name}?limit=2&min_id={link_ids(second['Link'])['prev']}")
        assert [account["id"] for account in back.json()] == [str(people[4].pk), str(people[3].pk)]


@pytest.mark.parametrize("name", ["favourited_by", "reblogged_by"])
def test_the_people_lists_cost_the_same_for_one_and_many(mastodon_as, alice, name):
    few, many = post_create(author=alice, body="Few"), post_create(author=alice, body="Many")
    people = [UserFactory() for _ in range(6)]
    for post, likers in ((few, people[:1]), (many, people)):
        for person in likers:
            like_create(user=person, post=post)
            repost_create(user=person, post=post)
    client = mastodon_as(alice)

    def queries(post) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert len(client.get(f"/api/v1/statuses/{post.pk}/{name}").json()) >= 1
        return len(captured)

    assert queries(few) == queries(many)
