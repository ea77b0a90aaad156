"""Two workers given the same image at once (a redelivered task, a relay): one set of files."""

import pytest
from django.core.files.base import ContentFile

from images import pipeline
from images.factories import ImageFactory
from images.models import Image
from images.tests.pictures import picture
from images.tests.test_processing import stored_files
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_processings_of_one_image_at_once_leave_one_file_set(alice, settings):
    # As image_upload leaves one, before its task has run (here it would run at once, eagerly).
    image = ImageFactory(
        uploader=alice,
        state=Image.State.PROCESSING,
        upload=ContentFile(picture(1600, 1200), name="big.png"),
        file="",
        thumbnail="",
    )

    results = race(*[lambda: pipeline.image_process(image_id=image.pk)] * 3)

    assert sorted(type(result).__name__ for result in results) == ["Image", "NoneType", "NoneType"]
    image.refresh_from_db()
    assert image.state == Image.State.READY
    assert stored_files(settings) == {image.file.name, image.thumbnail.name}
