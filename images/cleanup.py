"""Deleting images with their files: the hourly sweep of abandoned uploads, and any caller's own."""

from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from images.files import files_delete_on_commit, image_files
from images.models import Image

# How long an image may stay unprocessed, failed or unused before the sweep deletes it.
ABANDONED_AFTER = timedelta(days=1)


@transaction.atomic
def images_delete(*, images: QuerySet[Image]) -> int:
    """Delete images and, after commit, their files."""
    doomed = list(images.select_for_update())
    names = [name for image in doomed for name in image_files(image)]
    Image.objects.filter(pk__in=[image.pk for image in doomed]).delete()
    files_delete_on_commit(names)
    return len(doomed)


def images_unreferenced(images: QuerySet[Image]) -> QuerySet[Image]:
    """Those of `images` that no row of any model points at (a user's avatar or header, a post's
    attachment): every relation to Image counts, including ones other apps add later."""
    for relation in Image._meta.related_objects:
        images = images.filter(**{f"{relation.name}__isnull": True})
    return images


def images_abandoned(*, candidates: QuerySet[Image] | None = None) -> QuerySet[Image]:
    """Images older than a day that never became READY (processing never ran, or failed), and READY
    ones as old that nothing uses. `candidates` narrows the READY ones (all of them by default)."""
    cutoff = timezone.now() - ABANDONED_AFTER
    old = Image.objects.filter(created_at__lt=cutoff)
    unused = images_unreferenced(
        (candidates if candidates is not None else Image.objects.all()).filter(
            state=Image.State.READY, created_at__lt=cutoff
        )
    )
    return old.exclude(state=Image.State.READY) | old.filter(pk__in=unused.values("pk"))
