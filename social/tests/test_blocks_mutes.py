"""Blocks and mutes through the services and selectors: follows ending, idempotence, and the rules they enforce."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from posts import services as posts
from posts.models import Like, Post
from social import selectors, services
from social.models import Block, Follow, Mute

pytestmark = pytest.mark.django_db


def counts(user) -> tuple[int, int]:
    """(follower_count, following_count) as stored now."""
    user.refresh_from_db(fields=["follower_count", "following_count"])
    return user.follower_count, user.following_count


@pytest.fixture
def alice_blocks_bob(alice, bob):
    services.block_create(blocker=alice, blocked=bob)


# Blocking and unblocking


def test_a_block_ends_the_follows_both_ways_and_fixes_the_counters(alice, bob):
    services.follow_create(follower=alice, followee=bob)
    services.follow_create(follower=bob, followee=alice)

    assert services.block_create(blocker=alice, blocked=bob) is True

    assert not Follow.objects.filter(follower__in=[alice, bob], followee__in=[alice, bob]).exists()
    assert counts(alice) == (0, 0)
    assert counts(bob) == (0, 0)


def test_a_block_leaves_follows_with_other_people_alone(alice, bob, carol):
    services.follow_create(follower=carol, followee=alice)
    services.follow_create(follower=bob, followee=carol)

    services.block_create(blocker=alice, blocked=bob)

    assert Follow.objects.filter(follower=carol, followee=alice).exists()
    assert Follow.objects.filter(follower=bob, followee=carol).exists()
    assert counts(carol) == (1, 1)


def test_blocking_twice_keeps_one_block_and_says_nothing_was_added(alice, bob):
    assert services.block_create(blocker=alice, blocked=bob) is True
    assert services.block_create(blocker=alice, blocked=bob) is False

    assert Block.objects.filter(blocker=alice, blocked=bob).count() == 1


def test_nobody_can_block_themselves(alice):
    with pytest.raises(ValidationError) as error:
        services.block_create(blocker=alice, blocked=alice)

    assert error.value.messages == ["You cannot block yourself."]
    assert not Block.objects.exists()


def test_unblocking_removes_the_block_once(alice, bob, alice_blocks_bob):
    assert services.block_delete(blocker=alice, blocked=bob) is True
    assert services.block_delete(blocker=alice, blocked=bob) is False

    assert not Block.objects.exists()


def test_unblocking_does_not_bring_the_old_follows_back(alice, bob):
    services.follow_create(follower=bob, followee=alice)
    services.block_create(blocker=alice, blocked=bob)

    services.block_delete(blocker=alice, blocked=bob)

    assert not Follow.objects.exists()
    assert counts(alice) == (0, 0)


def test_blocks_in_both_directions_are_two_rows(alice, bob):
    services.block_create(blocker=alice, blocked=bob)
    services.block_create(blocker=bob, blocked=alice)

    services.block_delete(blocker=alice, blocked=bob)

    assert list(Block.objects.values_list("blocker__username", "blocked__username")) == [("bob", "alice")]
    assert selectors.is_blocked_either_way(alice, bob)


# Muting and unmuting


def test_muting_is_idempotent_and_leaves_follows_alone(alice, bob):
    services.follow_create(follower=alice, followee=bob)

    assert services.mute_create(muter=alice, muted=bob) is True
    assert services.mute_create(muter=alice, muted=bob) is False

    assert Mute.objects.filter(muter=alice, muted=bob).count() == 1
    assert Follow.objects.filter(follower=alice, followee=bob).exists()
    assert counts(bob) == (1, 0)


def test_unmuting_is_idempotent(alice, bob):
    services.mute_create(muter=alice, muted=bob)

    assert services.mute_delete(muter=alice, muted=bob) is True
    assert services.mute_delete(muter=alice, muted=bob) is False
    assert not Mute.objects.exists()


def test_nobody_can_mute_themselves(alice):
    with pytest.raises(ValidationError) as error:
        services.mute_create(muter=alice, muted=alice)

    assert error.value.messages == ["You cannot mute yourself."]
    assert not Mute.objects.exists()


def test_a_mute_does_not_stop_the_muted_person_following(alice, bob):
    services.mute_create(muter=alice, muted=bob)

    assert services.follow_create(follower=bob, followee=alice) is True
    assert counts(alice) == (1, 0)


# Following while blocked


def test_the_blocked_person_cannot_follow_the_blocker(alice, bob, alice_blocks_bob):
    with pytest.raises(ValidationError) as error:
        services.follow_create(follower=bob, followee=alice)

    assert error.value.messages == ["You cannot follow this person."]
    assert not Follow.objects.exists()
    assert counts(alice) == (0, 0)
    assert counts(bob) == (0, 0)


def test_the_blocker_cannot_follow_the_person_she_blocks(alice, bob, alice_blocks_bob):
    with pytest.raises(ValidationError):
        services.follow_create(follower=alice, followee=bob)

    assert not Follow.objects.exists()


def test_after_unblocking_either_may_follow_again(alice, bob, alice_blocks_bob):
    services.block_delete(blocker=alice, blocked=bob)

    assert services.follow_create(follower=bob, followee=alice) is True
    assert services.follow_create(follower=alice, followee=bob) is True
    assert counts(alice) == (1, 1)


# Relationship selectors


def test_relationship_with_tells_each_side_what_it_needs(alice, bob, carol, alice_blocks_bob):
    services.mute_create(muter=carol, muted=bob)

    assert selectors.relationship_with(viewer=alice, person=bob) == selectors.Relationship(blocking=True)
    assert selectors.relationship_with(viewer=bob, person=alice) == selectors.Relationship(blocked_by_them=True)
    assert selectors.relationship_with(viewer=carol, person=bob) == selectors.Relationship(muting=True)
    # bob is not told of carol's mute.
    assert selectors.relationship_with(viewer=bob, person=carol) == selectors.Relationship()


def test_ids_refusing_are_those_who_blocked_or_muted_the_actor_and_those_the_actor_blocked(alice, bob, carol):
    services.block_create(blocker=alice, blocked=bob)
    services.mute_create(muter=carol, muted=bob)

    assert selectors.ids_refusing(bob) == {alice.pk, carol.pk}
    assert selectors.ids_refusing(alice) == {bob.pk}
    assert selectors.ids_refusing(carol) == set()


# Interactions refused by the services


def test_the_blocked_person_cannot_like_or_reply_to_the_blockers_post(alice, bob):
    post = posts.post_create(author=alice, body="Morning")
    services.block_create(blocker=alice, blocked=bob)

    with pytest.raises(PermissionDenied):
        posts.like_create(user=bob, post=post)
    with pytest.raises(PermissionDenied):
        posts.post_create(author=bob, in_reply_to=post, body="Hi")

    assert not Like.objects.exists()
    assert list(Post.objects.all()) == [post]
    post.refresh_from_db()
    assert (post.like_count, post.reply_count) == (0, 0)


def test_the_blocker_cannot_like_the_blocked_persons_post_either(alice, bob):
    post = posts.post_create(author=bob, body="Morning")
    services.block_create(blocker=alice, blocked=bob)

    with pytest.raises(PermissionDenied):
        posts.like_create(user=alice, post=post)

    assert not Like.objects.exists()


def test_a_mention_of_someone_who_blocked_the_author_is_not_linked(alice, bob, carol, alice_blocks_bob):
    post = posts.post_create(author=bob, body="Hello @alice and @carol")

    assert list(post.mentions.values_list("username", flat=True)) == ["carol"]


def test_an_edit_does_not_link_a_blocker_either(alice, bob, alice_blocks_bob):
    post = posts.post_create(author=bob, body="Hello")

    posts.post_update(post=post, editor=bob, body="Hello @alice", visibility=Post.Visibility.PUBLIC)

    assert not post.mentions.exists()


def test_a_mute_does_not_unlink_mentions(alice, bob):
    services.mute_create(muter=alice, muted=bob)

    post = posts.post_create(author=bob, body="Hello @alice")

    assert list(post.mentions.values_list("username", flat=True)) == ["alice"]
