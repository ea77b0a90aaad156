"""The index stays current on every write, and `reindex_search` rebuilds it; PostgreSQL's column and GIN index."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection, transaction

from accounts import services as accounts_services
from posts import services as posts_services
from posts.models import Post
from posts.policy import searchable_posts
from search import backends
from search.tests.helpers import api_post_ids, found_post_ids, write


def test_a_new_post_is_found_at_once(client, alice):
    assert found_post_ids(client, "zeppelin") == []

    post = write(alice, "A zeppelin over the harbour")

    assert found_post_ids(client, "zeppelin") == [post.pk]


def test_an_edited_post_is_found_by_its_new_words_not_its_old_ones(client, alice):
    post = write(alice, "Thinking about bicycles")

    posts_services.post_update(post=post, editor=alice, body="Thinking about tractors", visibility=post.visibility)

    assert found_post_ids(client, "bicycles") == []
    assert found_post_ids(client, "tractors") == [post.pk]
    assert found_post_ids(client, "thinking") == [post.pk]
    assert "<mark>tractors</mark>" in client.get("/search/", {"q": "tractor"}).content.decode()


def test_a_visibility_only_edit_keeps_the_post_findable_by_those_who_may_see_it(client, alice, bob):
    post = write(alice, "Thinking about bicycles")

    posts_services.post_update(post=post, editor=alice, body=post.body, visibility=Post.Visibility.FOLLOWERS)

    assert found_post_ids(client, "bicycles") == []
    client.force_login(alice)
    assert found_post_ids(client, "bicycles") == [post.pk]


def test_a_deleted_post_is_gone(client, alice, moderator):
    kept = write(alice, "Harbour at dawn")
    deleted = write(alice, "Harbour at dusk")
    by_moderator = write(alice, "Harbour at noon")

    posts_services.post_delete(post=deleted, actor=alice)
    posts_services.post_delete(post=by_moderator, actor=moderator)

    assert found_post_ids(client, "harbour") == [kept.pk]


def test_a_deleted_accounts_posts_are_gone(client, api_client, alice, bob):
    write(alice, "Lighthouse keeping notes")
    write(alice, "More lighthouse notes", Post.Visibility.FOLLOWERS)
    kept = write(bob, "My lighthouse photo")

    accounts_services.user_delete(user=alice)

    assert found_post_ids(client, "lighthouse") == [kept.pk]
    assert api_post_ids(api_client, "lighthouse") == [kept.pk]
    people = client.get("/search/", {"q": "alice", "type": "people"}).content.decode()
    assert "Nobody matches “alice”." in people


def test_reindex_search_prints_progress_and_leaves_search_working(client, alice, monkeypatch):
    from search.management.commands import reindex_search

    posts = [write(alice, f"Reindexed walrus {number}") for number in range(3)]
    if connection.vendor == "sqlite":
        # Empty the FTS5 table so that only the rebuild can make the posts findable again.
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_post_fts(search_post_fts) VALUES ('delete-all')")
        assert found_post_ids(client, "walrus") == []
    monkeypatch.setattr(reindex_search, "BATCH", max(post.pk for post in posts) // 2 + 1)
    out = StringIO()

    call_command("reindex_search", stdout=out)

    lines = out.getvalue().splitlines()
    progress = [line for line in lines if re.fullmatch(r"\[\s*\d+\.\ds\] [\d,]+/3 posts indexed", line)]
    assert len(progress) == 2
    assert progress[-1].endswith("3/3 posts indexed")
    assert re.fullmatch(r"Search index rebuilt: 3 posts in \d+\.\ds\.", lines[-1])
    assert found_post_ids(client, "walrus") == [post.pk for post in reversed(posts)]


def test_reindex_search_twice_does_not_duplicate_results(client, alice):
    post = write(alice, "Walrus")

    call_command("reindex_search", stdout=StringIO())
    call_command("reindex_search", stdout=StringIO())

    assert found_post_ids(client, "walrus") == [post.pk]


def test_reindex_search_on_an_empty_database(db):
    out = StringIO()

    call_command("reindex_search", stdout=out)

    assert "Search index rebuilt: 0 posts" in out.getvalue()


@pytest.mark.postgres
def test_posts_have_a_stored_generated_search_vector_column(alice):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data_type, is_generated FROM information_schema.columns"
            " WHERE table_name = 'posts_post' AND column_name = 'search_vector'"
        )
        assert cursor.fetchone() == ("tsvector", "ALWAYS")
        post = write(alice, "Running shoes")
        cursor.execute("SELECT search_vector::text FROM posts_post WHERE id = %s", [post.pk])
        assert cursor.fetchone() == ("'run':1 'shoe':2",)


@pytest.mark.postgres
def test_the_posts_query_uses_the_gin_index(alice):
    """With enough posts that the word is rare, the planner finds the matches through the GIN index."""
    write(alice, "Coffee")
    Post.objects.bulk_create(Post(author=alice, body=f"Filler post number {number}") for number in range(2_000))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE posts_post")
    matching = backends.current().posts_matching(searchable_posts(AnonymousUser()), "coffee")

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matching.order_by("-score", "-id")[:31].explain()

    assert "post_search_vector_gin" in plan
