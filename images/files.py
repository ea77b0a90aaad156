"""An image's stored files, removed only once the transaction that dropped them has committed."""

from django.db import transaction

from images.models import Image


def image_files(image: Image) -> list[str]:
    return [field.name for field in (image.upload, image.file, image.thumbnail) if field]


def files_delete(names: list[str]) -> None:
    storage = Image._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def files_delete_on_commit(names: list[str]) -> None:
    """Remove stored files once the rows that named them are gone for good (never before: a rollback
    would leave rows pointing at nothing)."""
    if names:
        transaction.on_commit(lambda: files_delete(names), robust=True)
