"""An upload processed by a real `celery worker` on the `media` queue, sent once the upload commits."""

from pathlib import Path

import pytest
from PIL import Image as PILImage

from accounts.factories import UserFactory
from images import services
from images.models import Image
from images.tests.pictures import jpeg_with_gps_rotated, uploaded

from .processes import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_an_upload_becomes_ready_through_the_worker_with_its_metadata_gone(start_worker, settings):
    start_worker()
    uploader = UserFactory(username="uploader")

    image = services.image_upload(
        uploader=uploader, upload=uploaded(jpeg_with_gps_rotated(), name="me.jpg"), purpose=Image.Purpose.POST
    )
    upload = Path(settings.MEDIA_ROOT) / image.upload.name
    assert upload.exists()

    def processed() -> bool:
        image.refresh_from_db()
        return image.state != Image.State.PROCESSING

    wait_until(processed, timeout=30, what=f"image {image.pk} processed")
    assert image.state == Image.State.READY, image.failure
    with PILImage.open(image.file.path) as stored:
        assert stored.size == (80, 120) and not stored.getexif()
    assert Path(image.thumbnail.path).exists() and not upload.exists()
