"""The hourly sweep: images never processed, failed, or unused, older than a day, go with their files."""

from datetime import timedelta

import pytest
from django.utils import timezone

from images import services, tasks
from images.factories import ImageFactory
from images.models import Image
from images.tests.pictures import picture, uploaded
from images.tests.test_processing import stored_files

pytestmark = pytest.mark.django_db


def aged(image: Image, days: float = 2) -> Image:
    Image.objects.filter(pk=image.pk).update(created_at=timezone.now() - timedelta(days=days))
    return image


def test_the_sweep_deletes_old_unprocessed_failed_and_unused_images_with_their_files(
    alice, django_capture_on_commit_callbacks, settings
):
    stuck = aged(services.image_upload(uploader=alice, upload=uploaded(picture()), purpose=Image.Purpose.POST))
    failed = aged(ImageFactory(uploader=alice, state=Image.State.FAILED))
    unused = aged(ImageFactory(uploader=alice))
    recent_upload = services.image_upload(uploader=alice, upload=uploaded(picture()), purpose=Image.Purpose.POST)
    recent_ready = ImageFactory(uploader=alice)
    kept_files = {recent_upload.upload.name, recent_ready.file.name, recent_ready.thumbnail.name}
    assert stuck.upload.name in stored_files(settings) and unused.file.name in stored_files(settings)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.delete_abandoned_images() == 3

    assert set(Image.objects.values_list("pk", flat=True)) == {recent_upload.pk, recent_ready.pk}
    assert not Image.objects.filter(pk__in=[stuck.pk, failed.pk, unused.pk]).exists()
    assert stored_files(settings) == kept_files
