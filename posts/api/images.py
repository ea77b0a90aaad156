"""A post's images as the API shows them: the shared rendering of images.api's ImageSerializer."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from images.models import Image


class PostImageSerializer(serializers.ModelSerializer):
    """An image on a post: its full and thumbnail addresses and sizes (null while it is processing),
    its blurhash placeholder and its alt text."""

    url = serializers.SerializerMethodField(help_text="The full image (at most IMAGE_MAX_SIDE a side).")
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Image
        fields = (
            "id",
            "state",
            "url",
            "width",
            "height",
            "thumbnail_url",
            "thumbnail_width",
            "thumbnail_height",
            "blurhash",
            "alt_text",
        )
        read_only_fields = fields

    def _address(self, stored) -> str | None:
        return self.context["request"].build_absolute_uri(stored.url) if stored else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, image: Image) -> str | None:
        return self._address(image.file)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, image: Image) -> str | None:
        return self._address(image.thumbnail)
