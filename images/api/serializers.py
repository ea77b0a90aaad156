"""The image as the API shows it (alone, or inside a post or a profile), and the fields of an upload."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from images.models import Image
from threadly.api.fields import StrictCharField


def file_url(request, field) -> str | None:
    """The file's address, absolute: the storage's own (S3) or this site's /media/ one."""
    if not field:
        return None
    url = field.url
    return request.build_absolute_uri(url) if request is not None else url


class ImageSerializer(serializers.ModelSerializer):
    """An image: its addresses and sizes once READY (null before), its placeholder and its alt text.

    Embeddable: other serializers nest it (a post's images, a profile's avatar and header). With a
    `request` in the context its URLs are absolute.
    """

    url = serializers.SerializerMethodField(help_text="The cleaned picture, at most IMAGE_MAX_SIDE a side.")
    thumbnail_url = serializers.SerializerMethodField()
    failure = serializers.CharField(read_only=True, help_text="Why processing failed, when state is `failed`.")

    class Meta:
        model = Image
        fields = (
            "id",
            "purpose",
            "state",
            "failure",
            "url",
            "thumbnail_url",
            "width",
            "height",
            "thumbnail_width",
            "thumbnail_height",
            "blurhash",
            "alt_text",
        )
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, image: Image) -> str | None:
        return file_url(self.context.get("request"), image.file) if image.is_ready else None

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_thumbnail_url(self, image: Image) -> str | None:
        return file_url(self.context.get("request"), image.thumbnail) if image.is_ready else None


class ImageUploadSerializer(serializers.Serializer):
    """multipart/form-data: the file, what it is for, and its alt text. The file is judged by its
    bytes in images.services.image_upload, not here."""

    file = serializers.FileField(help_text="A JPEG, PNG, WebP or GIF image.")
    alt_text = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=settings.IMAGE_ALT_TEXT_MAX_LENGTH,
        default="",
        help_text="What the picture shows, for people who cannot see it.",
    )
    purpose = serializers.ChoiceField(choices=Image.Purpose.choices, default=Image.Purpose.POST)


class ImageAltTextSerializer(serializers.Serializer):
    alt_text = StrictCharField(allow_blank=True, max_length=settings.IMAGE_ALT_TEXT_MAX_LENGTH)
