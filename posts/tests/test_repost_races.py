"""Reposts racing each other, with real threads on PostgreSQL: one row and the right count, always."""

import pytest

from accounts.factories import UserFactory
from posts import reposts, services
from posts.models import Post
from tests.races import race

ROUNDS = 5

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_reposts_at_once_leave_one_row_counted_once(round_number):
    author, reposter = UserFactory(username=f"ana{round_number}"), UserFactory(username=f"bo{round_number}")
    post = services.post_create(author=author, body="Share me")

    results = race(*[lambda: reposts.repost_create(user=reposter, post=Post.objects.get(pk=post.pk))] * 3)

    assert sorted(results) == [False, False, True], results
    post.refresh_from_db()
    assert Post.objects.filter(repost_of=post).count() == post.repost_count == 1


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_undoing_at_once_counts_down_once(round_number):
    author, reposter = UserFactory(username=f"ana{round_number}"), UserFactory(username=f"bo{round_number}")
    post = services.post_create(author=author, body="Share me")
    reposts.repost_create(user=reposter, post=post)

    results = race(*[lambda: reposts.repost_delete(user=reposter, post=Post.objects.get(pk=post.pk))] * 3)

    assert sorted(results) == [False, False, True], results
    post.refresh_from_db()
    assert (Post.objects.filter(repost_of=post).count(), post.repost_count) == (0, 0)
