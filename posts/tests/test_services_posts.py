import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.factories import UserFactory
from posts import services
from posts.models import Hashtag, Like, Post


def tag_names(post: Post) -> set[str]:
    return set(post.hashtags.values_list("name", flat=True))


def test_post_create_trims_the_body_and_counts_the_post(alice):
    post = services.post_create(author=alice, body="  Hello, world!  \n")

    assert Post.objects.get().body == "Hello, world!"
    assert post.author == alice
    assert post.visibility == Post.Visibility.PUBLIC
    alice.refresh_from_db()
    assert alice.post_count == 1


@pytest.mark.parametrize("body", ["", "   ", "\n\t \n"])
def test_post_create_rejects_an_empty_body(alice, body):
    with pytest.raises(ValidationError) as error:
        services.post_create(author=alice, body=body)

    assert error.value.code == "empty"
    assert not Post.objects.exists()
    alice.refresh_from_db()
    assert alice.post_count == 0


def test_post_create_takes_its_length_limit_from_the_settings(alice, settings):
    settings.POST_MAX_LENGTH = 10

    services.post_create(author=alice, body="  " + "x" * 10 + "  ")
    with pytest.raises(ValidationError) as error:
        services.post_create(author=alice, body="x" * 11)

    assert error.value.code == "too_long"
    assert list(Post.objects.values_list("body", flat=True)) == ["x" * 10]


def test_post_create_links_mentions_of_existing_users_whatever_their_capitalisation(alice):
    bob = UserFactory(username="Bob")
    carol = UserFactory(username="carol")

    post = services.post_create(author=alice, body="Hi @bob, @CAROL and @nobody_here; again @Bob")

    assert set(post.mentions.all()) == {bob, carol}


def test_post_create_stores_hashtags_lower_cased_deduplicated_and_never_digits_only(alice):
    post = services.post_create(author=alice, body="#Django and #django, #DJANGO #2024 #Python3 #tag_1")

    assert tag_names(post) == {"django", "python3", "tag_1"}
    assert set(Hashtag.objects.values_list("name", flat=True)) == {"django", "python3", "tag_1"}


def test_post_create_reuses_existing_hashtags(alice):
    first = services.post_create(author=alice, body="#django")
    second = services.post_create(author=alice, body="#Django again")

    assert Hashtag.objects.count() == 1
    assert first.hashtags.get() == second.hashtags.get()


def test_post_create_ignores_mentions_and_hashtags_inside_urls_and_emails(alice):
    UserFactory(username="bob")

    post = services.post_create(author=alice, body="https://example.com/@bob#frag and mail bob@example.com")

    assert not post.mentions.exists()
    assert not post.hashtags.exists()


def test_post_update_relinks_mentions_and_hashtags_and_marks_the_post_edited(alice, bob):
    carol = UserFactory(username="carol")
    post = services.post_create(author=alice, body="#old news for @bob")
    assert post.edited_at is None

    services.post_update(post=post, editor=alice, body="  #new news for @carol  ", visibility=Post.Visibility.FOLLOWERS)

    post.refresh_from_db()
    assert post.body == "#new news for @carol"
    assert post.visibility == Post.Visibility.FOLLOWERS
    assert post.edited_at is not None
    assert tag_names(post) == {"new"}
    assert list(post.mentions.all()) == [carol]


def test_post_update_by_someone_else_is_refused(post, bob):
    with pytest.raises(PermissionDenied):
        services.post_update(post=post, editor=bob, body="hijacked", visibility=Post.Visibility.PUBLIC)

    post.refresh_from_db()
    assert post.body == "Hello #threadly"
    assert post.edited_at is None


def test_post_update_rejects_an_empty_body_and_keeps_the_old_one(post, alice):
    with pytest.raises(ValidationError):
        services.post_update(post=post, editor=alice, body="   ", visibility=Post.Visibility.PUBLIC)

    post.refresh_from_db()
    assert post.body == "Hello #threadly"
    assert post.edited_at is None


def test_post_delete_removes_the_post_with_its_likes_and_counts_it_down_but_keeps_its_replies(post, alice, bob):
    services.post_create(author=alice, body="another one")
    services.like_create(user=bob, post=post)
    reply = services.post_create(author=bob, body="Nice", in_reply_to=post)

    services.post_delete(post=post, actor=alice)

    assert not Post.objects.filter(pk=post.pk).exists()
    assert not Like.objects.exists()
    reply.refresh_from_db()
    assert (reply.in_reply_to_id, reply.conversation_id) == (None, post.pk)  # Still in its conversation.
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.post_count, bob.post_count) == (1, 1)


def test_a_moderator_may_delete_someone_elses_post(post, alice, moderator):
    services.post_delete(post=post, actor=moderator)

    assert not Post.objects.filter(pk=post.pk).exists()
    alice.refresh_from_db()
    assert alice.post_count == 0


def test_post_delete_by_someone_else_is_refused(post, alice, bob):
    with pytest.raises(PermissionDenied):
        services.post_delete(post=post, actor=bob)

    assert Post.objects.filter(pk=post.pk).exists()
    alice.refresh_from_db()
    assert alice.post_count == 1


def test_deleting_a_post_twice_counts_it_down_once(post, alice):
    """Two delete requests that both loaded the post (a double submit) must not count it down twice."""
    services.post_create(author=alice, body="kept")
    loaded_by_second_request = Post.objects.get(pk=post.pk)

    services.post_delete(post=post, actor=alice)
    services.post_delete(post=loaded_by_second_request, actor=alice)

    alice.refresh_from_db()
    assert alice.post_count == Post.objects.filter(author=alice).count() == 1
