"""Images on posts: which uploads a post may carry, in their order, and at most POST_MAX_IMAGES of them.

A post takes its author's own post images that are READY or still PROCESSING: the composer sends the
files and the words in one request, and the `media` queue may not have processed them by the time
the post is published; a processing image shows a placeholder until it is ready (posts.hydration
does not cache a rendering that shows one). FAILED images, other people's, avatars and headers, and
images already on another post are refused with a ValidationError naming the image.
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from accounts.models import User
from images.cleanup import images_delete
from images.models import Image
from posts.models import Post, PostImage

ATTACHABLE = (Image.State.READY, Image.State.PROCESSING)
IMAGE_ERROR_CODES = {"images", "too_many_images"}


def is_about_images(error: ValidationError) -> bool:
    """The service refused the images (not the words): the doors show it on their images field."""
    return any(getattr(each, "code", None) in IMAGE_ERROR_CODES for each in error.error_list)


def post_image_ids(post: Post) -> list[int]:
    """The ids of a post's images in order: what an edit keeps a record of (edit history)."""
    return list(PostImage.objects.filter(post=post).values_list("image_id", flat=True))


def _refusal(image: Image | None, image_id: int, *, author: User, post: Post | None, on: int | None) -> str | None:
    """Why `post` may not carry the image (`on`: the post it is on), or None."""
    if image is None or image.uploader_id != author.pk:
        return f"Image {image_id} is not one of your uploads."
    if image.purpose != Image.Purpose.POST:
        return f"Image {image_id} is a profile picture, not a post's image."
    if image.state not in ATTACHABLE:
        return f"Image {image_id} could not be processed: {image.failure or 'it is not an image we can show'}."
    if on is not None and (post is None or on != post.pk):
        return f"Image {image_id} is already on another post."
    return None


def images_checked(*, author: User, image_ids: Sequence[int], post: Post | None = None) -> list[Image]:
    """The images, in the order given, locked until the transaction ends, if `post` (None: a new one) may
    carry them all; else a ValidationError (code `images`) that says which and why."""
    image_ids = list(image_ids)
    if len(image_ids) > settings.POST_MAX_IMAGES:
        raise ValidationError(
            f"A post carries at most {settings.POST_MAX_IMAGES} images (this one has {len(image_ids)}).",
            code="too_many_images",
        )
    if len(set(image_ids)) != len(image_ids):
        raise ValidationError("The same image is attached twice.", code="images")
    # Locked in id order, so that two posts taking the same images wait for each other, never deadlock.
    found = {image.pk: image for image in Image.objects.select_for_update().filter(pk__in=image_ids).order_by("pk")}
    attached = dict(PostImage.objects.filter(image_id__in=image_ids).values_list("image_id", "post_id"))
    refusals = []
    for image_id in image_ids:
        if refusal := _refusal(found.get(image_id), image_id, author=author, post=post, on=attached.get(image_id)):
            refusals.append(refusal)
    if refusals:
        raise ValidationError([ValidationError(refusal, code="images") for refusal in refusals])
    return [found[image_id] for image_id in image_ids]


def post_images_set(*, post: Post, images: Sequence[Image]) -> bool:
    """Make `images` (checked by images_checked) the post's, in order; True when that changed them.

    Called inside post_create's or post_update's transaction, with the post's row locked on an edit.
    Images taken off stay stored: an edit's history may still show them. Another transaction attaching
    one of them at the same moment loses to the unique image, with the same error as when it is seen.
    """
    wanted = [image.pk for image in images]
    if wanted == post_image_ids(post):
        return False
    PostImage.objects.filter(post=post).delete()
    try:
        with transaction.atomic():
            PostImage.objects.bulk_create(
                [PostImage(post=post, image=image, position=place) for place, image in enumerate(images)]
            )
    except IntegrityError as error:
        raise ValidationError("An image is already on another post.", code="images") from error
    return True


def post_images_delete(*, post: Post) -> None:
    """A deleted post's images go with it, rows now and stored files once the deletion is committed:
    whoever deletes a post expects its pictures gone, not left at their address."""
    images_delete(images=Image.objects.filter(post_attachment__post=post))


def post_version_bump_for_image(*, image_id: int) -> int:
    """What an image shows changed after it was attached (its alt text): the post carrying it is
    rendered anew, as its cached renderings are keyed by its version. For the images app's writes."""
    return Post.objects.filter(attachments__image_id=image_id).update(version=F("version") + 1)


def post_rerender_for_described_image(sender, *, image_id: int, **kwargs) -> None:
    """Receiver of images.signals.image_described (connected in posts.apps)."""
    post_version_bump_for_image(image_id=image_id)
