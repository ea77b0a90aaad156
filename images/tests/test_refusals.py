"""Bad input: what the upload refuses at once (and stores nothing of), and what fails in the worker
(FAILED, with words, and no file left behind)."""

import pytest
from django.core.exceptions import ValidationError

from images import pipeline, services, tasks
from images.models import Image
from images.tests.pictures import SVG, jpeg_with_gps_rotated, picture, png_declaring, uploaded
from images.tests.test_processing import stored_files, upload_and_process

pytestmark = pytest.mark.django_db


def refusal(user, data: bytes, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        services.image_upload(uploader=user, upload=uploaded(data, **kwargs), purpose=Image.Purpose.POST)
    return caught.value


@pytest.mark.parametrize(
    ("data", "name", "content_type", "code"),
    [
        (b"just some words, not a picture\n", "holiday.jpg", "image/jpeg", "not_an_image"),
        (SVG, "drawing.svg", "image/svg+xml", "not_an_image"),
        (SVG, "drawing.png", "image/png", "not_an_image"),
        (picture(20, 20, "BMP"), "old.png", "image/png", "not_an_image"),
        (png_declaring(50_000, 50_000), "bomb.png", "image/png", "too_many_pixels"),
        (jpeg_with_gps_rotated()[:-400], "cut.jpg", "image/jpeg", "truncated"),
        (picture(200, 200, "PNG")[:-60], "cut.png", "image/png", "truncated"),
    ],
    ids=["text-named-jpg", "svg", "svg-named-png", "bmp", "bomb", "truncated-jpeg", "truncated-png"],
)
def test_what_is_not_a_whole_accepted_image_is_refused_and_nothing_is_kept(
    alice, settings, data, name, content_type, code
):
    error = refusal(alice, data, name=name, content_type=content_type)

    assert error.code == code and error.messages[0].endswith(".")
    assert not Image.objects.exists() and stored_files(settings) == set()


def test_a_file_over_the_byte_limit_is_refused_before_it_is_opened(alice, settings):
    settings.IMAGE_MAX_BYTES = 1000
    error = refusal(alice, picture(300, 300, "PNG", compress_level=0))

    assert error.code == "too_large" and "1000" in error.messages[0]
    assert stored_files(settings) == set()


def test_a_bomb_under_pillows_own_limit_is_refused_by_ours(alice, settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100

    assert refusal(alice, picture(101, 100)).code == "too_many_pixels"


def test_alt_text_longer_than_the_limit_is_refused(alice):
    with pytest.raises(ValidationError) as caught:
        services.image_upload(
            uploader=alice, upload=uploaded(picture()), purpose=Image.Purpose.POST, alt_text="a" * 1501
        )

    assert caught.value.code == "alt_text_too_long"


def test_a_lying_file_type_is_stored_under_its_true_type(alice, django_capture_on_commit_callbacks):
    image = upload_and_process(
        django_capture_on_commit_callbacks, alice, picture(30, 20, "PNG"), name="photo.jpg", content_type="image/jpeg"
    )

    assert image.content_type == "image/png"
    assert image.file.name.endswith(".png") and image.thumbnail.name.endswith(".png")


def test_a_file_that_turns_bad_in_the_worker_fails_with_words_and_leaves_no_file(
    alice, django_capture_on_commit_callbacks, settings
):
    image = services.image_upload(uploader=alice, upload=uploaded(picture()), purpose=Image.Purpose.POST)
    # The stored upload is rechecked: a limit lowered since (or a file changed in storage) fails it.
    settings.IMAGE_MAX_PIXELS = 10
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.image_process(image_id=image.pk)

    image.refresh_from_db()
    assert image.state == Image.State.FAILED
    assert image.failure.startswith("The image is too large")
    assert not image.upload and not image.file and not image.thumbnail
    assert stored_files(settings) == set()


def test_a_storage_that_fails_midway_leaves_no_orphan_file_then_the_last_retry_fails_the_image(
    alice, django_capture_on_commit_callbacks, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "images.tests.storages.ThumbnailRefusingStorage"},
    }
    image = services.image_upload(uploader=alice, upload=uploaded(picture()), purpose=Image.Purpose.POST)
    upload = image.upload.name

    with pytest.raises(OSError):
        pipeline.image_process(image_id=image.pk)
    image.refresh_from_db()
    assert image.state == Image.State.PROCESSING and image.upload.name == upload
    # The picture was written before the thumbnail failed, and removed again.
    assert stored_files(settings) == {upload}

    with django_capture_on_commit_callbacks(execute=True):
        last = tasks.image_process.apply(args=(image.pk,), retries=tasks.MAX_RETRIES)
    image.refresh_from_db()
    assert last.get() == "failed" and image.state == Image.State.FAILED
    assert image.failure == "The image could not be stored. Upload it again."
    assert not image.upload and not image.file and not image.thumbnail
    assert stored_files(settings) == set()


def test_processing_again_a_ready_image_does_nothing(alice, django_capture_on_commit_callbacks, settings):
    image = upload_and_process(django_capture_on_commit_callbacks, alice, picture())
    files = stored_files(settings)

    assert pipeline.image_process(image_id=image.pk) is None
    assert pipeline.image_process(image_id=10**9) is None
    assert stored_files(settings) == files
