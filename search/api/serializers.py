from django.urls import reverse
from rest_framework import serializers

from posts.api.serializers import PostSerializer, site_of
from search.selectors import highlighted_html


class PostResultSerializer(PostSerializer):
    highlight = serializers.SerializerMethodField(
        help_text="The body as safe HTML, as `html` is, with the matching words in <mark> elements."
    )

    class Meta(PostSerializer.Meta):
        fields = (*PostSerializer.Meta.fields, "highlight")
        read_only_fields = fields

    def get_highlight(self, post) -> str:
        return str(highlighted_html(post, site=site_of(self.context["request"])))


class TagResultSerializer(serializers.Serializer):
    name = serializers.CharField()
    post_count = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="The tag's page.")

    def get_url(self, hashtag) -> str:
        return self.context["request"].build_absolute_uri(reverse("search:tag", kwargs={"tag": hashtag.name}))
