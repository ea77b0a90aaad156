"""Removing, restoring and deleting posts and replies: a reply leaves and rejoins its parent's reply_count
exactly once, whoever asks and however the requests interleave; posts keep their own counters."""

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
    reply = services.post_create(author=bob, body="Spam", in_reply_to=post)
    services.post_create(author=carol, body="Fine", in_reply_to=post)

    assert services.post_remove(post=reply) is True
    assert services.post_remove(post=reply) is False

    assert counts(post)[0] == 1
    assert_recount_changes_nothing(post)


def test_restoring_a_reply_counts_it_back_once(alice, bob):
    post = services.post_create(author=alice, body="Hello")
    reply = services.post_create(author=bob, body="Spam", in_reply_to=post)
    services.post_remove(post=reply)

    assert services.post_restore(post=reply) is True
    assert services.post_restore(post=reply) is False

    assert counts(post)[0] == 1
    assert_recount_changes_nothing(post)


def test_restoring_a_shown_reply_changes_nothing(alice, bob):
    post = services.post_create(author=alice, body="Hello")
    services.post_create(author=bob, body="Fine", in_reply_to=post)

    assert services.post_restore(post=post.replies.get()) is False

    assert counts(post)[0] == 1


def test_removing_and_restoring_a_post_keeps_its_counters(alice, bob):
    post = services.post_create(author=alice, body="Hello")
    services.post_create(author=bob, body="Reply", in_reply_to=post)
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
    services.post_create(author=carol, body="Kept", in_reply_to=post)
    reply = services.post_create(author=bob, body="Spam", in_reply_to=post)
    loaded_by_the_delete_request = post.replies.get(pk=reply.pk)
    services.post_remove(post=reply)

    services.post_delete(post=loaded_by_the_delete_request, actor=bob)

    assert not post.replies.filter(pk=reply.pk).exists()
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


def _at_once(*acts) -> list:
    """Run the acts in threads released together by a barrier; the errors they raised."""
    barrier, errors = threading.Barrier(len(acts)), []
    threads = [threading.Thread(target=_in_thread, args=(barrier, errors, act)) for act in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def _two_people() -> tuple[User, User]:
    """Users made without factories' sequences: transactional tests commit them for the threads."""
    alice = User.objects.create_user(username="alice", email="alice@example.com", password="x")
    bob = User.objects.create_user(username="bob", email="bob@example.com", password="x")
    return alice, bob


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_removal_racing_the_authors_delete_counts_the_reply_down_once():
    alice, bob = _two_people()
    post = services.post_create(author=alice, body="Hello")
    replies = [services.post_create(author=bob, body=f"Reply {n}", in_reply_to=post) for n in range(8)]
    errors: list = []

    for reply in replies:
        errors += _at_once(
            partial(services.post_remove, post=reply), partial(services.post_delete, post=reply, actor=bob)
        )

    assert errors == []
    assert not post.replies.exists()
    assert counts(post)[0] == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_deletes_of_a_reply_at_once_count_it_down_once():
    """A double submit: both requests loaded the reply and delete it; it leaves the counts once."""
    alice, bob = _two_people()
    post = services.post_create(author=alice, body="Hello")
    services.post_create(author=bob, body="Kept", in_reply_to=post)
    replies = [services.post_create(author=bob, body=f"Reply {n}", in_reply_to=post) for n in range(8)]
    errors: list = []

    for reply in replies:
        twice = Post.objects.get(pk=reply.pk)
        errors += _at_once(
            partial(services.post_delete, post=reply, actor=bob), partial(services.post_delete, post=twice, actor=bob)
        )

    assert errors == []
    assert list(post.replies.values_list("body", flat=True)) == ["Kept"]
    assert counts(post)[0] == 1
    bob.refresh_from_db()
    assert bob.post_count == Post.objects.filter(author=bob).count() == 1
