"""Reposts through the services: once per person and post, undone, counted, refused where the policy says."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from accounts.models import User
from notifications.models import Event, Notification
from posts import reposts, services
from posts.models import Post
from social import services as social

pytestmark = pytest.mark.django_db


def _counts(post: Post, *people: User) -> tuple:
    post.refresh_from_db()
    for person in people:
        person.refresh_from_db()
    return (post.repost_count, *(person.post_count for person in people))


def test_a_repost_is_a_row_of_the_reposter_pointing_at_the_original(post, alice, bob):
    assert reposts.repost_create(user=bob, post=post) is True

    row = Post.objects.get(repost_of=post)
    assert (row.author, row.body, row.visibility) == (bob, "", Post.Visibility.PUBLIC)
    assert row.get_absolute_url() == post.get_absolute_url()
    assert _counts(post, alice, bob) == (1, 1, 0)  # A repost is not one of bob's posts.


def test_reposting_twice_leaves_one_repost(post, bob):
    assert reposts.repost_create(user=bob, post=post) is True
    assert reposts.repost_create(user=bob, post=post) is False

    assert Post.objects.filter(repost_of=post).count() == 1
    assert _counts(post) == (1,)


def test_reposting_a_repost_reposts_its_original(post, bob, carol):
    reposts.repost_create(user=bob, post=post)
    bobs_repost = Post.objects.get(author=bob, repost_of=post)

    assert reposts.repost_create(user=carol, post=bobs_repost) is True

    assert Post.objects.get(author=carol).repost_of == post
    assert _counts(post) == (2,)


def test_undoing_deletes_the_row_and_counts_down_once(post, bob):
    reposts.repost_create(user=bob, post=post)

    assert reposts.repost_delete(user=bob, post=post) is True
    assert reposts.repost_delete(user=bob, post=post) is False

    assert not Post.objects.filter(repost_of=post).exists()
    assert _counts(post) == (0,)


def test_deleting_the_repost_row_undoes_it_without_touching_post_counts(post, alice, bob):
    reposts.repost_create(user=bob, post=post)

    services.post_delete(post=Post.objects.get(author=bob, repost_of=post), actor=bob)

    assert _counts(post, alice, bob) == (0, 1, 0)


def test_deleting_the_original_deletes_its_reposts_and_leaves_reposters_counts(post, alice, bob, carol):
    reposts.repost_create(user=bob, post=post)
    reposts.repost_create(user=carol, post=post)

    services.post_delete(post=post, actor=alice)

    assert not Post.objects.exists()
    assert [person.post_count for person in User.objects.order_by("username")] == [0, 0, 0]


@pytest.mark.parametrize(
    ("setup", "refusal"),
    [
        ("followers_only", "Posts for followers only cannot be reposted."),
        ("blocked_by_author", "You cannot repost this person's posts."),
        ("blocking_author", "You cannot repost this person's posts."),
        ("removed", "This post was removed."),
    ],
)
def test_reposting_is_refused(setup, refusal, alice, bob):
    post = services.post_create(author=alice, body="Hello")
    if setup == "followers_only":
        social.follow_create(follower=bob, followee=alice)
        post = services.post_create(author=alice, body="Hi", visibility=Post.Visibility.FOLLOWERS)
    elif setup == "blocked_by_author":
        social.block_create(blocker=alice, blocked=bob)
    elif setup == "blocking_author":
        social.block_create(blocker=bob, blocked=alice)
    else:
        services.post_remove(post=post)
        post.refresh_from_db()

    with pytest.raises(PermissionDenied, match=refusal):
        reposts.repost_create(user=bob, post=post)
    assert not Post.objects.filter(repost_of__isnull=False).exists()


def test_the_author_is_notified_of_a_repost_once_and_never_of_their_own(
    post, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reposts.repost_create(user=bob, post=post)
        reposts.repost_delete(user=bob, post=post)
        reposts.repost_create(user=bob, post=post)  # Redone at once: nobody is told twice.
        reposts.repost_create(user=alice, post=post)

    told = Notification.objects.filter(recipient=alice).values_list("kind", "actor__username", "post_id")
    assert list(told) == [(Event.Kind.REPOST, "bob", post.pk)]
    assert not Notification.objects.exclude(recipient=alice).exists()


def test_an_author_who_muted_the_reposter_is_not_notified(post, alice, bob, django_capture_on_commit_callbacks):
    reposts.repost_create(user=bob, post=post)
    Event.objects.all().delete()
    social.mute_create(muter=alice, muted=bob)
    reposts.repost_delete(user=bob, post=post)

    with django_capture_on_commit_callbacks(execute=True):
        Event.objects.all().delete()
        reposts.repost_create(user=bob, post=post)

    assert not Notification.objects.filter(recipient=alice).exists()


def test_liking_a_repost_likes_the_original(post, bob, carol):
    reposts.repost_create(user=bob, post=post)

    services.like_create(user=carol, post=Post.objects.get(author=bob, repost_of=post))

    post.refresh_from_db()
    assert post.like_count == 1
    assert post.likes.get().user == carol


def test_an_account_that_goes_takes_its_reposts_out_of_the_counts(post, alice, bob):
    reposts.repost_create(user=bob, post=post)

    services.posts_remove_all_of(bob)

    assert _counts(post, alice) == (0, 1)


def test_recount_counts_reposts_on_the_original_and_not_as_posts(post, alice, bob):
    reposts.repost_create(user=bob, post=post)
    Post.objects.update(repost_count=9)
    User.objects.update(post_count=9)

    call_command("recount", stdout=io.StringIO())

    assert _counts(post, alice, bob) == (1, 1, 0)
