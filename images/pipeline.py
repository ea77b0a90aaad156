"""The worker's side of an image: from PROCESSING to READY (or FAILED), all or nothing.

Idempotent and safe to run twice at once: the row is locked (a second run skips it) and only a
PROCESSING image with an upload is worked on. Files are written before the row says READY, and
removed again if anything after them fails, so no run leaves a file no row names.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from images import processing
from images.files import files_delete, files_delete_on_commit
from images.models import Image

FAILURE_MAX_LENGTH = Image._meta.get_field("failure").max_length


def _read(image: Image) -> bytes:
    with image.upload.open("rb") as upload:
        return upload.read()


def _fail(image: Image, failure: str) -> Image:
    """FAILED, with words for the uploader; the upload's file goes, as no rendition will come of it."""
    names = [image.upload.name] if image.upload else []
    image.state = Image.State.FAILED
    image.failure = failure[:FAILURE_MAX_LENGTH]
    image.upload = ""
    image.processed_at = timezone.now()
    image.save(update_fields=["state", "failure", "upload", "processed_at"])
    files_delete_on_commit(names)
    return image


def _thumbnail_side(image: Image) -> int:
    if image.purpose == Image.Purpose.AVATAR:
        return min(processing.AVATAR_THUMBNAIL_SIDE, settings.IMAGE_THUMBNAIL_SIDE)
    return settings.IMAGE_THUMBNAIL_SIDE


def _store(image: Image, processed: processing.Processed, written: list[str]) -> None:
    token = uuid.uuid4().hex
    image.file.save(f"{token}.{processed.file.extension}", ContentFile(processed.file.content), save=False)
    written.append(image.file.name)
    image.thumbnail.save(
        f"{token}.{processed.thumbnail.extension}", ContentFile(processed.thumbnail.content), save=False
    )
    written.append(image.thumbnail.name)


def _avatar_ready(image: Image) -> None:
    # Imported here: accounts' services import this app's, which hand uploads to this module's task.
    from accounts.services import avatar_image_changed

    avatar_image_changed(image=image)


def image_process(*, image_id: int) -> Image | None:
    """Make an image READY from its upload; None when there is nothing to do (gone, done, or being
    done by another run). Storage errors are raised for the task to retry; a bad file is FAILED."""
    written: list[str] = []
    try:
        with transaction.atomic():
            image = (
                Image.objects.select_for_update(skip_locked=True)
                .filter(pk=image_id, state=Image.State.PROCESSING)
                .exclude(upload="")
                .first()
            )
            if image is None:
                return None
            try:
                data = _read(image)
            except FileNotFoundError:
                return _fail(image, "The uploaded file was lost. Upload it again.")
            try:
                processed = processing.process_bytes(data, thumbnail_side=_thumbnail_side(image))
            except ValidationError as error:
                return _fail(image, " ".join(error.messages))
            _store(image, processed, written)
            upload = image.upload.name
            image.upload = ""
            image.state = Image.State.READY
            image.failure = ""
            image.width, image.height = processed.file.width, processed.file.height
            image.thumbnail_width, image.thumbnail_height = processed.thumbnail.width, processed.thumbnail.height
            image.blurhash = processed.blurhash
            image.content_type = processed.content_type
            image.processed_at = timezone.now()
            image.save()
            files_delete_on_commit([upload])
            if image.purpose == Image.Purpose.AVATAR:
                _avatar_ready(image)
            return image
    except BaseException:
        files_delete(written)
        raise


@transaction.atomic
def image_fail(*, image_id: int, failure: str) -> Image | None:
    """Give up on an image still PROCESSING (its task ran out of retries or time)."""
    image = Image.objects.select_for_update().filter(pk=image_id, state=Image.State.PROCESSING).first()
    return None if image is None else _fail(image, failure)
