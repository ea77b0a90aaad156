"""Images on posts through the services: which a post may carry, in order, and what an edit does."""

import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from images.factories import ImageFactory
from images.models import Image
from posts import services
from posts.attachments import post_image_ids
from posts.factories import PostFactory
from posts.models import Post, PostImage


def messages_of(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


def test_a_post_carries_its_authors_images_in_the_order_given(alice):
    first, second = ImageFactory(uploader=alice), ImageFactory(uploader=alice)

    post = services.post_create(author=alice, body="Two pictures", image_ids=[second.pk, first.pk])

    assert post_image_ids(post) == [second.pk, first.pk]
    assert Post.objects.get(pk=post.pk).images == [second, first]


def test_a_post_with_images_may_have_no_words_but_one_without_them_may_not(alice):
    post = services.post_create(author=alice, body="  \n", image_ids=[ImageFactory(uploader=alice).pk])

    assert post.body == ""
    with pytest.raises(ValidationError) as error:
        services.post_create(author=alice, body="  ")
    assert error.value.code == "empty"


def test_a_processing_image_may_be_attached(alice):
    processing = ImageFactory(uploader=alice, state=Image.State.PROCESSING)

    post = services.post_create(author=alice, body="Just taken", image_ids=[processing.pk])

    assert post_image_ids(post) == [processing.pk]


def test_more_images_than_the_setting_allows_are_refused_and_nothing_is_saved(alice, settings):
    settings.POST_MAX_IMAGES = 4
    images = ImageFactory.create_batch(5, uploader=alice)

    with pytest.raises(ValidationError) as error:
        services.post_create(author=alice, body="Too many", image_ids=[image.pk for image in images])

    assert error.value.code == "too_many_images"
    assert "at most 4 images" in messages_of(error)
    assert not Post.objects.exists() and not PostImage.objects.exists()


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda alice, bob: ImageFactory(uploader=bob), "not one of your uploads"),
        (lambda alice, bob: ImageFactory(uploader=alice, purpose=Image.Purpose.AVATAR), "profile picture"),
        (
            lambda alice, bob: ImageFactory(uploader=alice, state=Image.State.FAILED, failure="It is truncated."),
            "could not be processed: It is truncated.",
        ),
    ],
    ids=["someone-elses", "avatar", "failed"],
)
def test_images_a_post_may_not_carry_are_refused_by_name(alice, bob, make, says):
    image = make(alice, bob)

    with pytest.raises(ValidationError) as error:
        services.post_create(author=alice, body="Look", image_ids=[image.pk])

    assert says in messages_of(error) and f"Image {image.pk}" in messages_of(error)
    assert not Post.objects.exists()


def test_an_image_that_does_not_exist_is_refused_like_someone_elses(alice):
    with pytest.raises(ValidationError) as error:
        services.post_create(author=alice, body="Look", image_ids=[10**12])

    assert "Image 1000000000000 is not one of your uploads." in messages_of(error)


def test_an_image_already_on_a_post_is_refused_on_another(alice):
    image = ImageFactory(uploader=alice)
    services.post_create(author=alice, body="First", image_ids=[image.pk])

    with pytest.raises(ValidationError) as error:
        services.post_create(author=alice, body="Second", image_ids=[image.pk])

    assert "already on another post" in messages_of(error)
    assert Post.objects.count() == 1


def test_the_same_image_twice_is_refused(alice):
    image = ImageFactory(uploader=alice)

    with pytest.raises(ValidationError, match="attached twice"):
        services.post_create(author=alice, body="Twice", image_ids=[image.pk, image.pk])


def test_an_edit_replaces_the_images_marks_the_post_edited_and_bumps_its_version(alice):
    kept, dropped, added = ImageFactory.create_batch(3, uploader=alice)
    post = services.post_create(author=alice, body="Pictures", image_ids=[kept.pk, dropped.pk])
    version = post.version

    services.post_update(
        post=post, editor=alice, body="Pictures", visibility=post.visibility, image_ids=[added.pk, kept.pk]
    )

    post.refresh_from_db()
    assert post_image_ids(post) == [added.pk, kept.pk]
    assert post.version == version + 1 and post.edited_at is not None
    assert Image.objects.filter(pk=dropped.pk).exists(), "an edit's history may still show it"


def test_an_edit_that_keeps_the_same_images_leaves_the_post_unedited(alice):
    image = ImageFactory(uploader=alice)
    post = services.post_create(author=alice, body="Same", image_ids=[image.pk])

    services.post_update(post=post, editor=alice, body="Same", visibility=post.visibility, image_ids=[image.pk])
    services.post_update(post=post, editor=alice, body="Same", visibility=post.visibility)

    post.refresh_from_db()
    assert (post.version, post.edited_at) == (1, None)
    assert post_image_ids(post) == [image.pk]


def test_an_edit_may_empty_the_words_of_a_post_with_images_but_not_take_both(alice):
    image = ImageFactory(uploader=alice)
    post = services.post_create(author=alice, body="Words", image_ids=[image.pk])

    services.post_update(post=post, editor=alice, body="", visibility=post.visibility)
    assert Post.objects.get(pk=post.pk).body == ""
    with pytest.raises(ValidationError) as error:
        services.post_update(post=post, editor=alice, body="", visibility=post.visibility, image_ids=[])
    assert error.value.code == "empty"
    assert post_image_ids(post) == [image.pk]


def test_an_edit_may_not_take_an_image_on_another_post_nor_exceed_the_limit(alice, settings):
    settings.POST_MAX_IMAGES = 2
    elsewhere = ImageFactory(uploader=alice)
    services.post_create(author=alice, body="Elsewhere", image_ids=[elsewhere.pk])
    post = services.post_create(author=alice, body="Mine")

    with pytest.raises(ValidationError, match="already on another post"):
        services.post_update(post=post, editor=alice, body="Mine", visibility=post.visibility, image_ids=[elsewhere.pk])
    with pytest.raises(ValidationError, match="at most 2 images"):
        three = [image.pk for image in ImageFactory.create_batch(3, uploader=alice)]
        services.post_update(post=post, editor=alice, body="Mine", visibility=post.visibility, image_ids=three)
    assert post_image_ids(post) == []


def test_only_the_author_edits_a_posts_images(alice, bob):
    post = PostFactory(author=alice)

    with pytest.raises(PermissionDenied):
        services.post_update(post=post, editor=bob, body="Mine now", visibility=post.visibility, image_ids=[])


def test_a_deleted_post_takes_its_images_and_their_files_with_it(alice, django_capture_on_commit_callbacks):
    image, other = ImageFactory(uploader=alice), ImageFactory(uploader=alice)
    post = services.post_create(author=alice, body="Gone soon", image_ids=[image.pk])
    stored = [image.file.path, image.thumbnail.path]

    with django_capture_on_commit_callbacks(execute=True):
        services.post_delete(post=post, actor=alice)

    assert not PostImage.objects.exists()
    assert list(Image.objects.all()) == [other]
    assert not any(os.path.exists(path) for path in stored)
    assert os.path.exists(other.file.path)


def test_a_changed_alt_text_shows_on_the_post_at_once(client, api_as, alice, bob):
    image = ImageFactory(uploader=alice, alt_text="Before")
    post = services.post_create(author=alice, body="Described", image_ids=[image.pk])
    services.post_create(author=bob, body="Unrelated")
    assert 'alt="Before"' in client.get("/explore/").content.decode()

    response = api_as(alice).patch(f"/api/threadly/v1/images/{image.pk}", {"alt_text": "After"}, format="json")

    assert response.status_code == 200
    assert 'alt="After"' in client.get("/explore/").content.decode()
    assert Post.objects.get(pk=post.pk).version == 2
