"""Deleting an account whose replies a moderator removed: reply counts stay right, and agree with `recount`."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.helpers import PASSWORD
from moderation import services as moderation_services
from posts import services as post_services
from posts.models import Post

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

DELETE_URL = reverse("accounts:delete")
ME_URL = "/api/threadly/v1/users/me"


def stored_counters() -> dict:
    """Every denormalised counter, by post and by person."""
    return {
        "posts": {pk: counts for pk, *counts in Post.objects.values_list("pk", "like_count", "reply_count")},
        "people": {
            name: counts
            for name, *counts in User.objects.values_list("username", "follower_count", "following_count", "post_count")
        },
    }


def assert_counters_agree_with_recount() -> None:
    """What the services left equals what `manage.py recount` computes from the rows."""
    stored = stored_counters()
    call_command("recount", stdout=io.StringIO())
    assert stored == stored_counters()


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reply(post: Post, author: User, body: str = "A reply"):
    return post_services.post_create(author=author, in_reply_to=post, body=body)


def reply_count(post: Post) -> int:
    post.refresh_from_db(fields=["reply_count"])
    return post.reply_count


@pytest.fixture
def alices_post(alice):
    return post_services.post_create(author=alice, body="Alice asks")


def test_deleting_an_account_whose_only_reply_was_removed(alice, bob, alices_post):
    removed = reply(alices_post, bob, "Spam")
    moderation_services.content_remove(content=removed, moderator=None, reason="spam")
    assert reply_count(alices_post) == 0

    response = logged_in(bob).post(DELETE_URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert not User.objects.filter(pk=bob.pk).exists()
    assert reply_count(alices_post) == 0
    assert_counters_agree_with_recount()


def test_deleting_an_account_subtracts_its_shown_replies_once_per_post(alice, bob, carol, alices_post):
    reply(alices_post, carol, "Carol's reply")
    reply(alices_post, bob, "First")
    reply(alices_post, bob, "Second")
    moderation_services.content_remove(content=reply(alices_post, bob, "Spam"), moderator=None, reason="spam")
    carols_post = post_services.post_create(author=carol, body="Carol asks")
    reply(carols_post, bob, "Only one here")
    reply(carols_post, alice, "Alice too")
    assert (reply_count(alices_post), reply_count(carols_post)) == (3, 2)

    response = logged_in(bob).post(DELETE_URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert (reply_count(alices_post), reply_count(carols_post)) == (1, 1)
    assert_counters_agree_with_recount()


def test_deleting_an_account_through_the_api_after_a_removal(api_as, alice, bob, carol, alices_post):
    reply(alices_post, carol)
    own_post = post_services.post_create(author=bob, body="Bob's own")
    reply(own_post, alice)
    moderation_services.content_remove(content=reply(alices_post, bob), moderator=None, reason="spam")
    reply(alices_post, bob)
    post_services.like_create(user=bob, post=alices_post)

    response = api_as(bob).delete(ME_URL, {"password": PASSWORD}, format="json")

    assert response.status_code == 204
    assert reply_count(alices_post) == 1
    assert_counters_agree_with_recount()


def test_deleting_an_account_after_a_removed_reply_was_restored(alice, bob, alices_post):
    restored = reply(alices_post, bob)
    moderation_services.content_remove(content=restored, moderator=None, reason="spam")
    moderation_services.content_restore(content=restored, moderator=None, reason="appeal")

    logged_in(bob).post(DELETE_URL, {"password": PASSWORD})

    assert reply_count(alices_post) == 0
    assert_counters_agree_with_recount()
