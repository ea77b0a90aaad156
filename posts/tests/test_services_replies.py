"""Replies to replies: every post counts its own shown direct replies, and every reply carries the id of
the post that started its conversation, however deep it is and whatever happens to the posts above it."""

import io
from typing import NamedTuple

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from posts import policy, reposts, services
from posts.models import Post
from social.factories import FollowFactory

pytestmark = pytest.mark.django_db


class Thread(NamedTuple):
    root: Post
    first: Post
    second: Post
    beside: Post
    third: Post


def reply_counts(*posts: Post) -> list[int]:
    return [Post.objects.get(pk=post.pk).reply_count for post in posts]


@pytest.fixture
def thread(alice, bob, carol):
    """alice's post; bob replies; carol and alice reply to bob; bob replies to carol."""
    root = services.post_create(author=alice, body="Root")
    first = services.post_create(author=bob, body="First", in_reply_to=root)
    second = services.post_create(author=carol, body="Second", in_reply_to=first)
    beside = services.post_create(author=alice, body="Beside", in_reply_to=first)
    third = services.post_create(author=bob, body="Third", in_reply_to=second)
    return Thread(root, first, second, beside, third)


def test_each_post_counts_its_own_direct_replies(thread):
    assert reply_counts(*thread) == [1, 2, 1, 0, 0]


def test_every_reply_carries_the_id_of_the_conversation_s_first_post(thread):
    assert thread.root.conversation_id is None
    assert thread.root.thread_root_id == thread.root.pk
    assert {post.conversation_id for post in thread[1:]} == {thread.root.pk}
    assert {post.thread_root_id for post in thread} == {thread.root.pk}
    parents = [None, thread.root.pk, thread.first.pk, thread.first.pk, thread.second.pk]
    assert [post.in_reply_to_id for post in thread] == parents


def test_replies_count_as_their_authors_posts(alice, bob, carol, thread):
    for person in (alice, bob, carol):
        person.refresh_from_db()

    assert (alice.post_count, bob.post_count, carol.post_count) == (2, 2, 1)


def test_removing_a_reply_takes_it_out_of_its_own_parent_s_count_only(thread):
    assert services.post_remove(post=thread.second) is True

    assert reply_counts(*thread) == [1, 1, 1, 0, 0]  # The removed reply's own reply still counts for it.
    assert services.post_restore(post=thread.second) is True
    assert reply_counts(*thread) == [1, 2, 1, 0, 0]


def test_deleting_a_reply_counts_it_down_on_its_parent_and_keeps_its_replies_in_the_conversation(bob, thread):
    services.post_delete(post=thread.first, actor=bob)

    assert reply_counts(thread.root, thread.second, thread.beside, thread.third) == [0, 1, 0, 0]
    for orphan in (thread.second, thread.beside):
        orphan.refresh_from_db()
        assert (orphan.in_reply_to_id, orphan.conversation_id) == (None, thread.root.pk)


def test_a_reply_to_an_orphaned_reply_joins_the_same_conversation(alice, bob, thread):
    services.post_delete(post=thread.first, actor=bob)
    thread.second.refresh_from_db()

    late = services.post_create(author=alice, body="Late", in_reply_to=thread.second)

    assert (late.in_reply_to_id, late.conversation_id) == (thread.second.pk, thread.root.pk)
    assert reply_counts(thread.second) == [2]


def test_removing_restoring_and_deleting_an_orphaned_reply_touch_no_other_count(bob, carol, thread):
    services.post_delete(post=thread.first, actor=bob)
    thread.second.refresh_from_db()

    assert services.post_remove(post=thread.second) is True
    assert services.post_restore(post=thread.second) is True
    services.post_delete(post=thread.second, actor=carol)

    assert reply_counts(thread.root, thread.beside, thread.third) == [0, 0, 0]


def test_a_removed_post_s_replies_keep_their_counts_and_a_recount_agrees(thread):
    services.post_remove(post=thread.third)
    services.post_remove(post=thread.first)
    before = reply_counts(*thread)

    call_command("recount", stdout=io.StringIO())

    assert reply_counts(*thread) == before == [0, 2, 0, 0, 0]


def test_a_reply_to_a_followers_only_post_is_answered_only_by_those_who_see_the_post(
    alice, carol, follower, followers_post
):
    """carol cannot see alice's followers-only post, so she cannot see the follower's reply to it, nor answer it."""
    reply = services.post_create(author=follower, body="Seen by followers", in_reply_to=followers_post)

    with pytest.raises(services.PermissionDenied):
        services.post_create(author=carol, body="Let me in", in_reply_to=reply)
    deeper = services.post_create(author=alice, body="Deeper", in_reply_to=reply)

    assert deeper.conversation_id == followers_post.pk
    assert reply_counts(followers_post, reply) == [1, 1]


def test_a_reply_deep_in_a_followers_only_thread_is_hidden_from_those_who_cannot_see_its_first_post(alice, bob, carol):
    """alice's followers-only post; bob (a follower) replies in public, alice answers him in public."""
    FollowFactory(follower=bob, followee=alice)
    first = services.post_create(author=alice, body="For my followers", visibility=Post.Visibility.FOLLOWERS)
    middle = services.post_create(author=bob, body="Public answer", in_reply_to=first)
    deep = services.post_create(author=alice, body="Public answer to the answer", in_reply_to=middle)

    seen_by = {person.username for person in (alice, bob, carol) if policy.may_see_post(viewer=person, post=deep)}

    assert seen_by == {"alice", "bob"}
    people = User.objects.filter(pk__in=[bob.pk, carol.pk])
    assert {person.username for person in policy.people_who_may_see(post=deep, people=people)} == {"bob"}
    first.delete()
    assert policy.may_see_post(viewer=carol, post=Post.objects.get(pk=deep.pk))


def test_deleting_a_reply_on_its_page_goes_back_to_the_post_it_answered(client, alice, bob):
    post = services.post_create(author=alice, body="Question")
    reply = services.post_create(author=bob, body="Answer", in_reply_to=post)
    client.force_login(bob)

    response = client.post(reverse("posts:delete", args=[reply.pk]))

    assert response["Location"] == post.get_absolute_url()
    assert not Post.objects.filter(pk=reply.pk).exists()


def test_a_reply_to_a_repost_row_answers_the_reposted_post(alice, bob, carol):
    """A repost row has no words and no conversation; its own reply policy (everyone) must not open a post
    whose author limited replies."""
    post = services.post_create(author=alice, body="Mine", reply_policy=Post.ReplyPolicy.MENTIONED)
    open_post = services.post_create(author=alice, body="Open")
    reposts.repost_create(user=bob, post=post)
    reposts.repost_create(user=bob, post=open_post)
    row, open_row = (Post.objects.get(author=bob, repost_of=original) for original in (post, open_post))

    with pytest.raises(PermissionDenied):
        services.post_create(author=carol, body="Sneaking in", in_reply_to=row)
    reply = services.post_create(author=carol, body="Hello", in_reply_to=open_row)

    assert (reply.in_reply_to_id, reply.conversation_id) == (open_post.pk, open_post.pk)
    assert reply_counts(open_post, open_row) == [1, 0]
    assert not Post.objects.filter(in_reply_to=row).exists()


def test_the_reply_page_of_a_repost_row_is_its_original_s(client, alice, bob, carol):
    """Its heading names the reposted post's author, and it refuses as that post does."""
    limited = services.post_create(author=alice, body="Mine", reply_policy=Post.ReplyPolicy.MENTIONED)
    open_post = services.post_create(author=alice, body="Open")
    reposts.repost_create(user=bob, post=limited)
    reposts.repost_create(user=bob, post=open_post)
    limited_row, open_row = (Post.objects.get(author=bob, repost_of=original) for original in (limited, open_post))
    client.force_login(carol)

    page = client.get(reverse("posts:reply", args=[open_row.pk])).content.decode()
    refused = client.get(reverse("posts:reply", args=[limited_row.pk]))

    assert "<h1>Reply to @alice</h1>" in page
    assert f'action="{reverse("posts:reply", args=[open_post.pk])}"' in page
    assert refused.status_code == 403
    assert "Only people @alice mentions can reply." in refused.content.decode()
