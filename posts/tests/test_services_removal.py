"""Removing and restoring posts and replies: posts keep their own counters, whoever asks."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from posts import services
from posts.models import Post

pytestmark = pytest.mark.django_db


def counts(post: Post) -> tuple[int, int, int]:
    """The post's reply and like counts and its author's post count."""
    post.refresh_from_db()
    return post.comment_count, post.like_count, User.objects.get(pk=post.author_id).post_count


def assert_recount_changes_nothing(post: Post) -> None:
    before = counts(post)
    call_command("recount", stdout=io.StringIO())
    assert counts(post) == before


def test_removing_a_reply_takes_it_out_of_the_count_once(alice, bob, carol):
    post = services.post_create(author=alice, body="Hello")
    reply = services.comment_create(post=post, author=bob, body="Spam")
    services.comment_create(post=post, author=carol, body="Fine")

    assert services.comment_remove(comment=reply) is True
    assert services.comment_remove(comment=reply) is False

    assert counts(post)[0] == 1
    assert_recount_changes_nothing(post)


def test_restoring_a_reply_counts_it_back_once(alice, bob):
    post = services.post_create(author=alice, body="Hello")
    reply = services.comment_create(post=post, author=bob, body="Spam")
    services.comment_remove(comment=reply)

    assert services.comment_restore(comment=reply) is True
    assert services.comment_restore(comment=reply) is False

    assert counts(post)[0] == 1
    assert_recount_changes_nothing(post)


def test_restoring_a_shown_reply_changes_nothing(alice, bob):
    post = services.post_create(author=alice, body="Hello")
    services.comment_create(post=post, author=bob, body="Fine")

    assert services.comment_restore(comment=post.comments.get()) is False

    assert counts(post)[0] == 1


def test_removing_and_restoring_a_post_keeps_its_counters(alice, bob):
    post = services.post_create(author=alice, body="Hello")
    services.comment_create(post=post, author=bob, body="Reply")
    services.like_create(user=bob, post=post)

    assert services.post_remove(post=post) is True
    assert services.post_remove(post=post) is False
    assert Post.objects.get(pk=post.pk).removed_at is not None
    assert counts(post) == (1, 1, 1)
    assert_recount_changes_nothing(post)

    assert services.post_restore(post=post) is True
    assert services.post_restore(post=post) is False
    assert Post.objects.get(pk=post.pk).removed_at is None
    assert counts(post) == (1, 1, 1)
