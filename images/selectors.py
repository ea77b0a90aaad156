"""Reads of images: which one a viewer may look at."""

from django.http import Http404

from images.models import Image


def image_for_viewer(*, image_id: int, viewer) -> Image:
    """The image, for its uploader always; for anyone else only once it is in public use (someone's
    avatar or profile header). An unattached upload is its uploader's alone: Http404 otherwise, so
    that nobody learns it exists. Post attachments answer through their post (posts.policy)."""
    image = Image.objects.filter(pk=image_id, uploader_id=viewer.pk).first()
    if image is None:
        raise Http404("No such image.")
    return image
