from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from previews.models import LinkCard


class LinkCardSerializer(serializers.ModelSerializer):
    """A post's link card as the page shows it; its picture is a thumbnail stored by the site."""

    domain = serializers.CharField(read_only=True, help_text="The host the link goes to, without www.")
    image_url = serializers.SerializerMethodField(help_text="The card's picture (absolute), null when it has none.")

    class Meta:
        model = LinkCard
        fields = ("url", "title", "description", "site_name", "domain", "image_url", "image_width", "image_height")
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_image_url(self, card: LinkCard) -> str | None:
        if not card.image:
            return None
        return self.context["request"].build_absolute_uri(card.image.url)


def link_card_data(post, context: dict) -> dict | None:
    """The post's card for the API: null until it is ready (or when the post has no link)."""
    if not post.link_card_id or not post.link_card.is_ready:
        return None
    return LinkCardSerializer(post.link_card, context=context).data
