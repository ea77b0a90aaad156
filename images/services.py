"""Writes on images: the upload (checked at once, processed later on the `media` queue) and its alt text.
Removing images with their files is images.cleanup."""

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from images import inspection, tasks
from images.models import Image
from images.signals import image_described
from threadly.tasks import enqueue_on_commit
from threadly.text import multiline_text


def clean_alt_text(alt_text: str) -> str:
    """Alt text as stored: control characters dropped, ends trimmed, at most the configured length."""
    alt_text = multiline_text(alt_text or "").strip()
    limit = settings.IMAGE_ALT_TEXT_MAX_LENGTH
    if len(alt_text) > limit:
        raise ValidationError(
            f"Alt text is at most {limit} characters (this one has {len(alt_text)}).", code="alt_text_too_long"
        )
    return alt_text


def image_upload(*, uploader: User, upload, purpose: str = Image.Purpose.POST, alt_text: str = "") -> Image:
    """Keep an uploaded picture and have it processed once this transaction commits.

    What can be known at once is checked here, from the bytes (never from the file's name or declared
    type): size, format, pixels (from the header, before any decoding: a decompression bomb is refused
    unopened), and that the file is whole. ValidationError carries a code the API turns into a status
    (`too_large` is a 413). The file is stored under a random name with its true extension.
    """
    if purpose not in Image.Purpose.values:
        raise ValidationError("Unknown purpose for an image.", code="invalid_purpose")
    alt_text = clean_alt_text(alt_text)
    inspected = inspection.inspect(upload)
    image = Image(
        uploader=uploader,
        purpose=purpose,
        alt_text=alt_text,
        width=inspected.width,
        height=inspected.height,
        content_type=inspected.content_type,
    )
    image.upload.save(f"{uuid.uuid4().hex}.{inspected.extension}", upload, save=False)
    try:
        with transaction.atomic():
            image.save()
            enqueue_on_commit(tasks.image_process, image.pk)
    except BaseException:
        image.upload.storage.delete(image.upload.name)
        raise
    return image


@transaction.atomic
def image_alt_text_set(*, image: Image, editor: User, alt_text: str) -> Image:
    """Describe an image: only its uploader may."""
    if image.uploader_id != editor.pk:
        raise PermissionDenied("Only the person who uploaded an image may describe it.")
    image.alt_text = clean_alt_text(alt_text)
    image.save(update_fields=["alt_text"])
    image_described.send(sender=Image, image_id=image.pk)
    return image
