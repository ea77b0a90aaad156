"""Mastodon's doors onto posts agree with Threadly's: a status, its context, history and actions
open for the same viewers as the post does in Threadly's API, and the favourites list (policy's
liked_posts) shows what the bookmarks page and API show for the same kept posts."""

import secrets
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application
from rest_framework.test import APIClient

from posts.models import Bookmark, Like
from posts.tests.helpers import post_ids_on
from posts.tests.policy_world import POSTS, REPLIES, SEES_POST, SEES_REPLY, VIEWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def mastodon_doors(world):
    """For each viewer, a client of Mastodon's API with their OAuth token (none for the visitor)."""
    app = Application.objects.create(
        name="Parity",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="urn:ietf:wg:oauth:2.0:oob",
    )
    clients = {}
    for role, who in world.viewers.items():
        client = APIClient()
        if who.is_authenticated:
            token = AccessToken.objects.create(
                user=who,
                application=app,
                token=secrets.token_hex(24),
                expires=timezone.now() + timedelta(days=1),
                scope="read write",
            )
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.token}")
        clients[role] = client
    return clients


def opened(client, url: str) -> int:
    return client.get(url).status_code


def test_a_status_opens_where_threadlys_post_does(world, doors, mastodon_doors):
    items = {
        **{f"post {name}": world.posts[name] for name in POSTS},
        **{f"reply {n}": world.replies[n] for n in REPLIES},
    }
    for role, mastodon in mastodon_doors.items():
        seen = {f"post {name}" for name in SEES_POST[role].split()} | {f"reply {n}" for n in SEES_REPLY[role].split()}
        for label, post in items.items():
            threadly = opened(doors[role][1], reverse("api:post-detail", args=[post.pk]))
            expected = 200 if label in seen else 404
            for suffix in ("", "/context", "/history", "/source", "/favourited_by", "/reblogged_by"):
                assert opened(mastodon, f"/api/v1/statuses/{post.pk}{suffix}") == threadly == expected, (
                    role,
                    label,
                    suffix,
                )


def test_acting_on_a_hidden_status_is_a_404_at_both_doors(world, doors, mastodon_doors):
    hidden = world.posts["followers"]
    for role in ("stranger", "blocked", "blocker"):
        threadly = doors[role][1].post(reverse("api:post-like", args=[hidden.pk]))
        mastodon = mastodon_doors[role].post(f"/api/v1/statuses/{hidden.pk}/favourite")
        assert threadly.status_code == mastodon.status_code == 404, role
    assert not Like.objects.exists()


def test_favourites_show_what_bookmarks_show(world, doors, mastodon_doors):
    keepers = [who for who in world.viewers.values() if who.is_authenticated]
    posts = list(world.posts.values())
    Bookmark.objects.bulk_create([Bookmark(user=who, post=post) for who in keepers for post in posts])
    Like.objects.bulk_create([Like(user=who, post=post) for who in keepers for post in posts])

    for role in VIEWERS[1:]:
        page, api = doors[role]
        on_page = post_ids_on(page.get(reverse("posts:bookmarks")))
        in_api = [item["id"] for item in api.get(reverse("api:bookmark-list")).json()["results"]]
        favourites = [int(status["id"]) for status in mastodon_doors[role].get("/api/v1/favourites").json()]
        bookmarks = [int(status["id"]) for status in mastodon_doors[role].get("/api/v1/bookmarks").json()]
        assert favourites == bookmarks == on_page == in_api == world.post_ids(SEES_POST[role]), role
