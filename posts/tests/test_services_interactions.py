import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from posts import services
from posts.models import Comment, Like


def test_liking_twice_leaves_one_like(post, bob):
    assert services.like_create(user=bob, post=post) is True
    assert services.like_create(user=bob, post=post) is False

    assert Like.objects.filter(user=bob, post=post).count() == 1
    post.refresh_from_db()
    assert post.like_count == 1


def test_likes_of_several_users_are_counted(post, alice, bob):
    services.like_create(user=alice, post=post)
    services.like_create(user=bob, post=post)

    post.refresh_from_db()
    assert post.like_count == 2


def test_like_delete_removes_the_like_once(post, bob):
    services.like_create(user=bob, post=post)

    assert services.like_delete(user=bob, post=post) is True
    assert services.like_delete(user=bob, post=post) is False

    assert not Like.objects.exists()
    post.refresh_from_db()
    assert post.like_count == 0


def test_like_delete_without_a_like_changes_nothing(post, alice, bob):
    services.like_create(user=alice, post=post)

    assert services.like_delete(user=bob, post=post) is False

    post.refresh_from_db()
    assert post.like_count == 1


def test_liking_a_post_the_user_cannot_see_is_refused(followers_post, bob):
    with pytest.raises(PermissionDenied):
        services.like_create(user=bob, post=followers_post)

    assert not Like.objects.exists()


def test_comment_create_trims_the_body_and_counts_the_comment(post, bob):
    comment = services.comment_create(post=post, author=bob, body="  Nice one  ")

    assert comment.body == "Nice one"
    assert comment.author == bob
    post.refresh_from_db()
    assert post.reply_count == 1


def test_comment_create_rejects_empty_and_too_long_bodies(post, bob, settings):
    settings.COMMENT_MAX_LENGTH = 5

    with pytest.raises(ValidationError):
        services.comment_create(post=post, author=bob, body="  ")
    with pytest.raises(ValidationError):
        services.comment_create(post=post, author=bob, body="too long")

    assert not Comment.objects.exists()
    post.refresh_from_db()
    assert post.reply_count == 0


def test_commenting_on_a_post_the_user_cannot_see_is_refused(followers_post, bob):
    with pytest.raises(PermissionDenied):
        services.comment_create(post=followers_post, author=bob, body="Let me in")

    assert not Comment.objects.exists()


def test_comment_delete_removes_the_comment_and_counts_it_down(post, alice, bob):
    kept = services.comment_create(post=post, author=alice, body="first")
    comment = services.comment_create(post=post, author=bob, body="second")

    services.comment_delete(comment=comment, actor=bob)

    assert list(Comment.objects.all()) == [kept]
    post.refresh_from_db()
    assert post.reply_count == 1


def test_a_moderator_may_delete_someone_elses_comment(post, bob, moderator):
    comment = services.comment_create(post=post, author=bob, body="spam")

    services.comment_delete(comment=comment, actor=moderator)

    assert not Comment.objects.exists()
    post.refresh_from_db()
    assert post.reply_count == 0


def test_comment_delete_by_someone_else_is_refused(post, alice, bob):
    comment = services.comment_create(post=post, author=bob, body="mine")

    with pytest.raises(PermissionDenied):
        services.comment_delete(comment=comment, actor=alice)

    assert Comment.objects.filter(pk=comment.pk).exists()
    post.refresh_from_db()
    assert post.reply_count == 1


def test_deleting_a_comment_twice_counts_it_down_once(post, bob):
    """Two delete requests that both loaded the comment (a double submit) must not count it down twice."""
    services.comment_create(post=post, author=bob, body="kept")
    comment = services.comment_create(post=post, author=bob, body="deleted")
    loaded_by_second_request = Comment.objects.get(pk=comment.pk)

    services.comment_delete(comment=comment, actor=bob)
    services.comment_delete(comment=loaded_by_second_request, actor=bob)

    post.refresh_from_db()
    assert post.reply_count == Comment.objects.filter(post=post).count() == 1
