"""The composer's door: a post and the image files sent with it, published together or not at all."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from images.files import files_delete, image_files
from images.models import Image
from images.services import image_upload
from posts import services
from posts.models import Post

Upload = tuple[UploadedFile, str]


def _forget(images: list[Image]) -> None:
    """The files of uploads whose rows were rolled back: nothing names them any more."""
    files_delete([name for image in images for name in image_files(image)])


def _uploaded(*, author: User, uploads: Sequence[Upload]) -> list[Image]:
    """Each file through the images pipeline, with its alt text; a refused file is named by its place."""
    images = []
    try:
        for place, (upload, alt_text) in enumerate(uploads, start=1):
            try:
                images.append(
                    image_upload(uploader=author, upload=upload, purpose=Image.Purpose.POST, alt_text=alt_text)
                )
            except ValidationError as error:
                refusal = f"Image {place} ({upload.name}): {' '.join(error.messages)}"
                raise ValidationError(refusal, code="images") from error
    except BaseException:
        _forget(images)
        raise
    return images


def post_compose(*, author: User, uploads: Sequence[Upload] = (), **fields) -> Post:
    """post_create with images sent as files (the page's composer), in one transaction: a refused
    post leaves neither rows nor stored files, and processing is queued only once it is committed."""
    images: list[Image] = []
    try:
        with transaction.atomic():
            images = _uploaded(author=author, uploads=uploads)
            return services.post_create(author=author, image_ids=[image.pk for image in images], **fields)
    except BaseException:
        _forget(images)
        raise


def post_recompose(
    *, post: Post, editor: User, keep_ids: Sequence[int], uploads: Sequence[Upload] = (), **fields
) -> Post:
    """post_update from the edit page: the images kept (in their order), then the new files."""
    images: list[Image] = []
    try:
        with transaction.atomic():
            images = _uploaded(author=editor, uploads=uploads)
            image_ids = [*keep_ids, *(image.pk for image in images)]
            return services.post_update(post=post, editor=editor, image_ids=image_ids, **fields)
    except BaseException:
        _forget(images)
        raise
