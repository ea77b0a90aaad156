"""SQLite only (collected only when the tests run on SQLite, see conftest.py): the FTS5 table, and the
simple LIKE match used when this SQLite has no FTS5."""

import pytest
from django.db import connection

from posts import services as posts_services
from search.backends import sqlite as sqlite_backend
from search.tests.helpers import SEARCH_URL, api_results, found_post_ids, write


def fts_rowids(match: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_post_fts WHERE search_post_fts MATCH %s ORDER BY rowid", [match])
        return [row[0] for row in cursor.fetchall()]


def test_the_fts5_table_exists_and_follows_creates_edits_and_deletes(alice):
    assert sqlite_backend.has_fts5_index()
    post = write(alice, "Walking the dog")
    assert fts_rowids("walk") == [post.pk]

    posts_services.post_update(post=post, editor=alice, body="Feeding the cat", visibility=post.visibility)
    assert fts_rowids("walk") == []
    assert fts_rowids("feed") == [post.pk]

    posts_services.post_delete(post=post, actor=alice)
    assert fts_rowids("feed") == []


@pytest.fixture
def without_fts5(monkeypatch):
    """Search as on a SQLite built without FTS5: a simple case-insensitive match."""
    monkeypatch.setattr(sqlite_backend, "has_fts5_index", lambda: False)


def test_without_fts5_search_still_follows_the_syntax(client, alice, without_fts5):
    coffee = write(alice, "Coffee in the garden")
    tea = write(alice, "Tea in the garden")
    write(alice, "Water in the garden")
    write(alice, "Coffee in the kitchen")

    assert found_post_ids(client, "garden coffee or tea") == [tea.pk, coffee.pk]
    assert found_post_ids(client, "garden -water -tea") == [coffee.pk]
    assert found_post_ids(client, '"in the garden" COFFEE') == [coffee.pk]
    assert found_post_ids(client, "-garden") == []


def test_without_fts5_matches_are_marked_and_html_is_escaped(client, api_client, alice, without_fts5):
    write(alice, "<b>Coffee</b> & coffee")

    html = client.get(SEARCH_URL, {"q": "coffee"}).content.decode()
    [result] = api_results(api_client, "coffee")

    expected = "&lt;b&gt;<mark>Coffee</mark>&lt;/b&gt; &amp; <mark>coffee</mark>"
    assert expected in html
    assert result["highlight"] == expected


def test_without_fts5_results_are_newest_first_and_page_through(api_client, alice, without_fts5):
    posts = [write(alice, f"Coffee {number}") for number in range(5)]

    first = api_client.get("/api/threadly/v1/search", {"q": "coffee", "page_size": 3}).json()
    second = api_client.get(first["next"]).json()

    ids = [result["id"] for result in first["results"] + second["results"]]
    assert ids == [post.pk for post in reversed(posts)]
    assert second["next"] is None


def test_reindex_without_fts5_says_search_uses_a_simple_match(db, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from search.management.commands import reindex_search

    monkeypatch.setattr(reindex_search, "has_fts5_index", lambda: False)
    out = StringIO()

    call_command("reindex_search", stdout=out)

    assert "search uses a simple match" in out.getvalue()
