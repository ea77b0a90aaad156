from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from accounts.api.serializers import AuthorSerializer
from posts.mentions import linked_mentions_of
from posts.models import Post
from posts.services import clean_text
from posts.text import render_text
from threadly.api.fields import StrictCharField, StrictIntegerField


def site_of(request) -> str:
    """The site's address, so that links in `html` work wherever the client shows it."""
    return request.build_absolute_uri("/").rstrip("/")


def html_for(request, post: Post) -> str:
    """The post's text as safe HTML, as the pages render it."""
    return str(render_text(post.body, site=site_of(request), linked_mentions=linked_mentions_of(post)))


class PostSerializer(serializers.ModelSerializer):
    """A post as read. `liked_by_me`, `bookmarked_by_me` and the `can_*` flags are set by `posts.policy.mark_posts`."""

    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    author = AuthorSerializer(read_only=True)
    html = serializers.SerializerMethodField(help_text="The body as safe HTML, with links, mentions and hashtags.")
    liked_by_me = serializers.BooleanField(source="liked", read_only=True)
    bookmarked_by_me = serializers.BooleanField(
        source="bookmarked", read_only=True, help_text="You bookmarked it; nobody else can tell."
    )
    can_edit = serializers.BooleanField(read_only=True, help_text="You wrote it.")
    can_delete = serializers.BooleanField(read_only=True, help_text="You wrote it, or you are a moderator.")
    can_report = serializers.BooleanField(read_only=True)
    can_reply = serializers.BooleanField(read_only=True)
    in_reply_to = serializers.IntegerField(
        source="in_reply_to_id", read_only=True, allow_null=True, help_text="The post this replies to."
    )
    conversation = serializers.IntegerField(
        source="thread_root_id", read_only=True, help_text="The id of the conversation's first post."
    )

    class Meta:
        model = Post
        fields = (
            "id",
            "url",
            "html_url",
            "author",
            "body",
            "html",
            "visibility",
            "in_reply_to",
            "conversation",
            "like_count",
            "reply_count",
            "liked_by_me",
            "bookmarked_by_me",
            "can_edit",
            "can_delete",
            "can_report",
            "can_reply",
            "created_at",
            "edited_at",
        )
        read_only_fields = fields

    def get_url(self, post: Post) -> str:
        return self.context["request"].build_absolute_uri(reverse("api:post-detail", kwargs={"post_id": post.pk}))

    def get_html_url(self, post: Post) -> str:
        return self.context["request"].build_absolute_uri(post.get_absolute_url())

    def get_html(self, post: Post) -> str:
        return html_for(self.context["request"], post)


class PostWriteSerializer(serializers.Serializer):
    body = StrictCharField(max_length=settings.POST_MAX_LENGTH)
    visibility = serializers.ChoiceField(choices=Post.Visibility.choices, default=Post.Visibility.PUBLIC)
    in_reply_to = StrictIntegerField(
        required=False, min_value=1, max_value=10**18 - 1, help_text="Reply to this post (on create only)."
    )

    def validate_body(self, body: str) -> str:
        return clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post")


class LikeStateSerializer(serializers.Serializer):
    liked = serializers.BooleanField()
    like_count = serializers.IntegerField()
