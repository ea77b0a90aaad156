import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from posts import services
from posts.models import Like, Post


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


def replies_to(post: Post) -> list[Post]:
    return list(Post.objects.filter(in_reply_to=post).order_by("pk"))


def test_a_reply_is_trimmed_joins_the_conversation_and_is_counted(post, bob):
    reply = services.post_create(author=bob, body="  Nice one  ", in_reply_to=post)

    assert (reply.body, reply.author, reply.in_reply_to, reply.conversation_id) == ("Nice one", bob, post, post.pk)
    post.refresh_from_db()
    bob.refresh_from_db()
    assert (post.reply_count, bob.post_count) == (1, 1)


def test_a_reply_with_an_empty_or_too_long_body_is_refused(post, bob, settings):
    settings.POST_MAX_LENGTH = 5

    with pytest.raises(ValidationError):
        services.post_create(author=bob, body="  ", in_reply_to=post)
    with pytest.raises(ValidationError):
        services.post_create(author=bob, body="too long", in_reply_to=post)

    assert replies_to(post) == []
    post.refresh_from_db()
    assert post.reply_count == 0


def test_replying_to_a_post_the_user_cannot_see_is_refused(followers_post, bob):
    with pytest.raises(PermissionDenied):
        services.post_create(author=bob, body="Let me in", in_reply_to=followers_post)

    assert replies_to(followers_post) == []
    followers_post.refresh_from_db()
    bob.refresh_from_db()
    assert (followers_post.reply_count, bob.post_count) == (0, 0)


def test_deleting_a_reply_counts_it_down(post, alice, bob):
    kept = services.post_create(author=alice, body="first", in_reply_to=post)
    reply = services.post_create(author=bob, body="second", in_reply_to=post)

    services.post_delete(post=reply, actor=bob)

    assert replies_to(post) == [kept]
    post.refresh_from_db()
    bob.refresh_from_db()
    assert (post.reply_count, bob.post_count) == (1, 0)


def test_a_moderator_may_delete_someone_elses_reply(post, bob, moderator):
    reply = services.post_create(author=bob, body="spam", in_reply_to=post)

    services.post_delete(post=reply, actor=moderator)

    assert replies_to(post) == []
    post.refresh_from_db()
    assert post.reply_count == 0


def test_the_posts_author_may_not_delete_someone_elses_reply(post, alice, bob):
    reply = services.post_create(author=bob, body="mine", in_reply_to=post)

    with pytest.raises(PermissionDenied):
        services.post_delete(post=reply, actor=alice)

    assert replies_to(post) == [reply]
    post.refresh_from_db()
    assert post.reply_count == 1


def test_deleting_a_reply_twice_counts_it_down_once(post, bob):
    """Two delete requests that both loaded the reply (a double submit) must not count it down twice."""
    services.post_create(author=bob, body="kept", in_reply_to=post)
    reply = services.post_create(author=bob, body="deleted", in_reply_to=post)
    loaded_by_second_request = Post.objects.get(pk=reply.pk)

    services.post_delete(post=reply, actor=bob)
    services.post_delete(post=loaded_by_second_request, actor=bob)

    post.refresh_from_db()
    bob.refresh_from_db()
    assert post.reply_count == len(replies_to(post)) == 1
    assert bob.post_count == 1
