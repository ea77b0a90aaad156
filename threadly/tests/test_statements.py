"""threadly.statements: a compiled query run again with other inputs answers as the ORM would."""

import pytest
from django.db.models import Q, QuerySet

from accounts.factories import UserFactory
from posts.factories import PostFactory
from posts.models import Post
from threadly import statements

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def posts_of(shape: tuple, *, author_ids: list[int], below: int | None, visibility_of: int) -> QuerySet:
    """Posts by some people, below an id when given, newest first, with a constant and an annotation."""
    (limit,) = shape
    rows = Post.objects.filter(author_id__in=author_ids, visibility="public").exclude(pk=visibility_of)
    if below is not None:
        rows = rows.filter(Q(pk__lt=below))
    return rows.order_by("-id").values("id", "author__username", "body")[:limit]


def both_ways(**inputs) -> tuple[list[dict], list[dict]]:
    return statements.values_of(posts_of, shape=(5,), **inputs), list(posts_of((5,), **inputs))


def test_each_call_answers_as_the_queryset_would(db):
    ana, bo, cy = UserFactory.create_batch(3)
    posts = [PostFactory(author=author) for author in (ana, bo, cy, ana, bo, cy, ana)]
    PostFactory(author=ana, visibility=Post.Visibility.FOLLOWERS)
    statements._statements.clear()

    for inputs in (
        {"author_ids": [ana.pk, bo.pk], "below": None, "visibility_of": posts[0].pk},
        {"author_ids": [bo.pk, cy.pk], "below": None, "visibility_of": posts[1].pk},
        {"author_ids": [cy.pk, ana.pk], "below": posts[5].pk, "visibility_of": 0},
        {"author_ids": [ana.pk], "below": posts[6].pk, "visibility_of": 0},
        {"author_ids": [ana.pk, bo.pk, cy.pk], "below": posts[6].pk, "visibility_of": posts[2].pk},
    ):
        cached, fresh = both_ways(**inputs)
        assert cached == fresh
        assert cached  # each case finds something, so that equal is not empty equals empty

    # One statement per shape: two lengths of author_ids, each with and without `below`, plus one.
    assert len(statements._statements) == 4


def test_an_empty_list_matches_nothing_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert statements.values_of(posts_of, shape=(5,), author_ids=[], below=None, visibility_of=0) == []


def test_elsewhere_than_postgresql_the_orm_runs_it(db, monkeypatch):
    post = PostFactory()
    monkeypatch.setattr(statements.connection, "vendor", "sqlite")
    statements._statements.clear()

    rows = statements.values_of(posts_of, shape=(5,), author_ids=[post.author_id], below=None, visibility_of=0)

    assert [row["id"] for row in rows] == [post.pk]
    assert statements._statements == {}
