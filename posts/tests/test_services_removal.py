"""Removing and restoring posts and replies: posts keep their own counters, whoever asks."""

import io
import threading
from functools import partial

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from posts import services
from posts.models import Post

pytestmark = pytest.mark.django_db


def counts(post: Post) -> tuple[int, int, int]:
    """The post's reply and like counts and its author's post count."""
    post.refresh_from_db()
    return post.reply_count, post.like_count, User.objects.get(pk=post.author_id).post_count


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


def test_deleting_a_reply_a_moderator_removed_since_it_was_loaded_counts_it_down_once(alice, bob, carol):
    post = services.post_create(author=alice, body="Hello")
    services.comment_create(post=post, author=carol, body="Kept")
    reply = services.comment_create(post=post, author=bob, body="Spam")
    loaded_by_the_delete_request = post.comments.get(pk=reply.pk)
    services.comment_remove(comment=reply)

    services.comment_delete(comment=loaded_by_the_delete_request, actor=bob)

    assert not post.comments.filter(pk=reply.pk).exists()
    assert counts(post)[0] == 1
    assert_recount_changes_nothing(post)


def _in_thread(barrier: threading.Barrier, errors: list, act) -> None:
    try:
        barrier.wait(timeout=30)
        act()
    except Exception as error:  # reported by the assertions of the test
        errors.append(repr(error))
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_removal_racing_the_authors_delete_counts_the_reply_down_once():
    alice = User.objects.create_user(username="alice", email="alice@example.com", password="x")
    bob = User.objects.create_user(username="bob", email="bob@example.com", password="x")
    post = services.post_create(author=alice, body="Hello")
    replies = [services.comment_create(post=post, author=bob, body=f"Reply {n}") for n in range(8)]
    errors: list = []

    for reply in replies:
        barrier = threading.Barrier(2)
        acts = [
            partial(services.comment_remove, comment=reply),
            partial(services.comment_delete, comment=reply, actor=bob),
        ]
        threads = [threading.Thread(target=_in_thread, args=(barrier, errors, act)) for act in acts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert not post.comments.exists()
    assert counts(post)[0] == 0
