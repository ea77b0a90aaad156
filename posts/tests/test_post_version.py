"""Post.version moves with every change to what a post shows, so that a cached rendering is never read stale."""

import pytest

from accounts import services as accounts_services
from accounts.factories import UserFactory
from posts import reposts, services
from posts.factories import LikeFactory, PostFactory
from posts.models import Post

pytestmark = pytest.mark.django_db


def version_of(post: Post) -> int:
    return Post.objects.values_list("version", flat=True).get(pk=post.pk)


def test_a_new_post_is_version_one():
    assert version_of(PostFactory()) == 1


@pytest.mark.parametrize(
    "change",
    [{"body": "New words"}, {"visibility": Post.Visibility.FOLLOWERS}, {"reply_policy": "following"}],
)
def test_an_edit_bumps_the_version(change):
    post = PostFactory(body="Old words")
    fields = {"body": post.body, "visibility": post.visibility, **change}
    services.post_update(post=post, editor=post.author, **fields)
    assert version_of(post) == post.version == 2


def test_saving_unchanged_leaves_the_version():
    post = PostFactory()
    services.post_update(post=post, editor=post.author, body=post.body, visibility=post.visibility)
    assert version_of(post) == 1


def test_a_like_leaves_the_version():
    post = PostFactory()
    LikeFactory(post=post)
    services.like_create(user=UserFactory(), post=post)
    assert version_of(post) == 1


def test_detaching_a_quote_bumps_the_quote():
    quoted = PostFactory()
    quote = services.post_create(author=UserFactory(), body="Look", quoted_post=quoted)
    reposts.quote_detach(user=quoted.author, quote=quote)
    assert version_of(quote) == quote.version == 2
    assert version_of(quoted) == 1


def test_deleting_the_quoted_post_bumps_its_quotes():
    quoted = services.post_create(author=UserFactory(), body="Original")
    quote = services.post_create(author=UserFactory(), body="Look", quoted_post=quoted)
    services.post_delete(post=quoted, actor=quoted.author)
    assert version_of(quote) == 2


def test_a_new_name_bumps_every_post_of_the_author_and_only_theirs():
    author = UserFactory()
    own, other = PostFactory(author=author), PostFactory()
    reposts.repost_create(user=author, post=other)
    accounts_services.user_update_profile(user=author, display_name="Someone New")
    assert version_of(own) == 2
    assert set(Post.objects.filter(author=author).values_list("version", flat=True)) == {2}
    assert version_of(other) == 1


def test_a_new_bio_leaves_the_posts():
    post = PostFactory()
    accounts_services.user_update_profile(user=post.author, bio="About me")
    assert version_of(post) == 1
