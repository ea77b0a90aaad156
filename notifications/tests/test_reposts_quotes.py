"""Reposts and quotes in the notifications page and API: who is told, and how it reads."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.tests.test_views import LIST_URL, groups_on
from posts import reposts
from posts import services as posts
from posts.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def told_of_repost_and_quote(alice, bob, carol, delivered):
    """bob and carol repost alice's post; carol quotes it."""
    post = posts.post_create(author=alice, body="Morning all")
    with delivered():
        reposts.repost_create(user=bob, post=post)
        reposts.repost_create(user=carol, post=post)
        quote = posts.post_create(author=carol, body="So true", quoted_post=post)
    return post, quote


def test_the_page_says_who_reposted_and_quoted(client, alice, carol, told_of_repost_and_quote):
    client.force_login(alice)

    assert groups_on(client.get(LIST_URL)) == [
        f"unread: {carol.name} quoted your post “Morning all”",
        f"unread: {carol.name} and 1 other reposted your post “Morning all”",
    ]


def test_a_quote_notification_names_your_post_and_shows_the_quote_below(client, alice, told_of_repost_and_quote):
    """As a reply's does: "your post" is the post quoted, never the quote's own words."""
    post, quote = told_of_repost_and_quote
    client.force_login(alice)

    page = client.get(LIST_URL).content.decode()

    assert f'<a href="{post.get_absolute_url()}" class="excerpt" dir="auto">“Morning all”</a>' in page
    quoted = f'<a href="{quote.get_absolute_url()}">So true</a>'
    assert f'<blockquote class="excerpt" dir="auto">{quoted}</blockquote>' in page


def test_a_quote_notification_leaves_out_your_post_once_it_is_removed(client, alice, told_of_repost_and_quote):
    post, quote = told_of_repost_and_quote
    Post.objects.filter(pk=post.pk).update(removed_at=timezone.now())
    client.force_login(alice)

    assert groups_on(client.get(LIST_URL)) == [
        f"unread: {quote.author.name} quoted your post",
        f"unread: {quote.author.name} and 1 other reposted your post",
    ]


def test_the_api_says_who_reposted_and_quoted(api_as, alice, told_of_repost_and_quote):
    post, quote = told_of_repost_and_quote

    results = api_as(alice).get(reverse("api:notifications")).json()["results"]

    assert [(item["kind"], item["post"]) for item in results] == [
        ("quote", quote.pk),
        ("repost", post.pk),
        ("repost", post.pk),
    ]
    assert results[0]["text"].endswith("quoted your post")
    assert results[1]["text"].endswith("reposted your post")


def test_a_detached_quote_tells_nobody_when_its_fan_out_runs_late(
    alice, bob, delivered, django_capture_on_commit_callbacks
):
    post = posts.post_create(author=alice, body="Morning all")
    with django_capture_on_commit_callbacks() as callbacks:
        quote = posts.post_create(author=bob, body="Quoting", quoted_post=post)
    reposts.quote_detach(user=alice, quote=quote)
    with delivered():
        for callback in callbacks:
            callback()

    assert not alice.notifications.exists()
