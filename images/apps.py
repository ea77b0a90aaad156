from django.apps import AppConfig


class ImagesConfig(AppConfig):
    """Pictures people upload (a post's images, avatars, profile headers): checked on upload, then
    cleaned, bounded and thumbnailed by a task on the `media` queue; stored through Django's storage
    API (the filesystem, or S3-compatible object storage)."""

    name = "images"
