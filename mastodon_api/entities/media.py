"""Mastodon's MediaAttachment for an uploaded `Image`: the same JSON Threadly's API shows
(images.api.serializers.ImageSerializer), turned by the same function that shows a status's media
(entities.statuses.media_attachment), so an upload and the status carrying it describe it alike."""

from images.api.serializers import ImageSerializer
from images.models import Image
from mastodon_api.entities.statuses import media_attachment


def media_attachment_of(request, image: Image) -> dict:
    return media_attachment(ImageSerializer(image, context={"request": request}).data)


def media_attachments_by_id(request, image_ids) -> dict[int, dict]:
    """{image id: MediaAttachment} for these ids, in one query (an edit history's pictures)."""
    images = Image.objects.filter(pk__in=set(image_ids))
    return {image.pk: media_attachment_of(request, image) for image in images}
