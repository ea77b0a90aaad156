"""The posts' admin shows what each row is (post, reply, repost, quote) with links, filters by it,
keeps the counters read-only, and has no page for bookmarks, which are private."""

import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posts import services
from posts.models import Bookmark, Post

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:posts_post_changelist")


def change_url(post: Post) -> str:
    return reverse("admin:posts_post_change", args=[post.pk])


@pytest.fixture
def kinds(alice, bob):
    """One row of each kind: a post, a reply to it, a repost of it and a quote of it."""
    post = services.post_create(author=alice, body="First words")
    reply = services.post_create(author=bob, body="A reply", in_reply_to=post)
    repost = Post.objects.create(author=bob, body="", repost_of=post)
    quote = Post.objects.create(author=bob, body="Quoting", quoted_post=post)
    return {"post": post, "reply": reply, "repost": repost, "quote": quote}


def listed_ids(response) -> set[int]:
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', response.content.decode())}


def test_the_list_says_what_each_row_is_and_links_the_posts_it_points_at(admin_client, kinds):
    content = admin_client.get(CHANGELIST).content.decode()
    post = kinds["post"]
    link = f'<a href="{change_url(post)}">#{post.pk}</a>'

    assert f"Reply to {link} in thread {link}" in content
    assert f"Repost of {link}" in content
    assert f"Quote of {link}" in content


@pytest.mark.parametrize("kind", ["post", "reply", "repost", "quote"])
def test_the_list_filters_by_kind(admin_client, kinds, kind):
    assert listed_ids(admin_client.get(CHANGELIST, {"kind": kind})) == {kinds[kind].pk}


def test_the_links_to_other_posts_are_id_boxes_not_selects(admin_client, kinds):
    content = admin_client.get(change_url(kinds["reply"])).content.decode()

    for name in ("in_reply_to", "repost_of", "quoted_post"):
        assert re.search(rf'<input type="text" name="{name}"[^>]*class="vForeignKeyRawIdAdminField"', content), name
        assert f'<select name="{name}"' not in content


def test_the_counters_are_read_only(admin_client, kinds):
    post = kinds["post"]
    content = admin_client.get(change_url(post)).content.decode()

    for counter in ("like_count", "reply_count", "repost_count", "quote_count"):
        assert f'name="{counter}"' not in content
    assert (post.reply_count, post.__class__.objects.get(pk=post.pk).reply_count) == (0, 1)


def test_bookmarks_have_no_admin():
    assert not admin.site.is_registered(Bookmark)


def test_the_kind_column_costs_no_query_per_row(admin_client, kinds, bob):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(CHANGELIST).status_code == 200
        return len(captured)

    with_four = queries()
    for number in range(10):
        services.post_create(author=bob, body=f"Reply {number}", in_reply_to=kinds["reply"])
        Post.objects.create(author=bob, body="Quoting", quoted_post=kinds["reply"])
    assert queries() == with_four


def test_the_change_page_shows_the_earlier_versions_read_only(admin_client, alice):
    from posts import services

    post = services.post_create(author=alice, body="Before the edit")
    services.post_update(post=post, editor=alice, body="After the edit", visibility="public", content_warning="Careful")

    content = admin_client.get(change_url(post)).content.decode()

    assert "Earlier versions" in content
    assert "Before the edit" in content
    assert 'name="edits-0-body"' not in content
