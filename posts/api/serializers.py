from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.api.serializers import AuthorSerializer
from images.api.serializers import ImageSerializer
from posts.edits import content_warning_clean
from posts.mentions import linked_mentions_of
from posts.models import CONTENT_WARNING_MAX_LENGTH, Post, PostEdit
from posts.services import clean_text
from posts.text import render_text
from previews.api.serializers import LinkCardSerializer, link_card_data
from threadly.api.fields import StrictCharField, StrictIntegerField


def site_of(request) -> str:
    """The site's address, so that links in `html` work wherever the client shows it."""
    return request.build_absolute_uri("/").rstrip("/")


def html_for(request, post: Post) -> str:
    """The post's text as safe HTML, as the pages render it."""
    return str(render_text(post.body, site=site_of(request), linked_mentions=linked_mentions_of(post)))


def api_url_of(request, post_id: int) -> str:
    return request.build_absolute_uri(reverse("api:post-detail", kwargs={"post_id": post_id}))


class QuoteCardSerializer(serializers.ModelSerializer):
    """The quoted post as its card shows it: who, what, where."""

    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    author = AuthorSerializer(read_only=True)
    html = serializers.SerializerMethodField()
    images = ImageSerializer(
        many=True,
        read_only=True,
        help_text="Its images in order (Mastodon's media_attachments), at most POST_MAX_IMAGES.",
    )
    content_warning = serializers.CharField(
        read_only=True, help_text="Shown instead of the words until the reader opens them; empty for none."
    )

    class Meta:
        model = Post
        fields = ("id", "url", "html_url", "author", "content_warning", "body", "html", "images", "created_at")
        read_only_fields = fields

    def get_url(self, post: Post) -> str:
        return api_url_of(self.context["request"], post.pk)

    def get_html_url(self, post: Post) -> str:
        return self.context["request"].build_absolute_uri(post.get_absolute_url())

    def get_html(self, post: Post) -> str:
        return html_for(self.context["request"], post)


class OriginalPostSerializer(QuoteCardSerializer):
    """A post with its counters, its quote card and what the viewer may do with it.

    `liked_by_me`, `bookmarked_by_me`, `reposted_by_me`, `quote_state` and the `can_*` flags are set by
    `posts.policy.mark_posts`.
    """

    liked_by_me = serializers.BooleanField(source="liked", read_only=True)
    bookmarked_by_me = serializers.BooleanField(
        source="bookmarked", read_only=True, help_text="You bookmarked it; nobody else can tell."
    )
    reposted_by_me = serializers.BooleanField(source="reposted", read_only=True)
    quoted_post = serializers.SerializerMethodField(
        help_text="The post it quotes, when quote_state is ok; null otherwise (no quote, or not to be shown)."
    )
    quote_state = serializers.ChoiceField(
        choices=["ok", "unavailable", "detached"],
        read_only=True,
        allow_null=True,
        help_text="null: not a quote; unavailable: hidden from you or deleted; detached: its author detached it.",
    )
    can_edit = serializers.BooleanField(read_only=True, help_text="You wrote it.")
    can_delete = serializers.BooleanField(
        read_only=True, help_text="You wrote it, or you are a moderator; for a repost row, you reposted it."
    )
    can_report = serializers.BooleanField(read_only=True)
    can_reply = serializers.BooleanField(read_only=True, help_text="Who may reply (`reply_policy`) lets you.")
    reply_refusal = serializers.CharField(
        read_only=True, allow_null=True, help_text="Why you may not reply, in words; null when you may."
    )
    in_reply_to = serializers.IntegerField(
        source="in_reply_to_id", read_only=True, allow_null=True, help_text="The id of the post this replies to."
    )
    conversation = serializers.IntegerField(
        source="thread_root_id", read_only=True, help_text="The id of the conversation's first post (its own for one)."
    )
    can_repost = serializers.BooleanField(read_only=True)
    can_quote = serializers.BooleanField(read_only=True)
    can_detach = serializers.BooleanField(read_only=True, help_text="It quotes your post: you may detach it.")
    link_card = serializers.SerializerMethodField(
        help_text="The preview of the post's first link, once fetched; null without one."
    )

    class Meta:
        model = Post
        fields = (
            "id",
            "url",
            "html_url",
            "author",
            "content_warning",
            "body",
            "html",
            "link_card",
            "visibility",
            "in_reply_to",
            "conversation",
            "images",
            "quoted_post",
            "quote_state",
            "quote_policy",
            "like_count",
            "reply_count",
            "repost_count",
            "quote_count",
            "liked_by_me",
            "bookmarked_by_me",
            "reposted_by_me",
            "can_edit",
            "can_delete",
            "can_report",
            "can_reply",
            "can_repost",
            "can_quote",
            "can_detach",
            "reply_refusal",
            "reply_policy",
            "created_at",
            "edited_at",
        )
        read_only_fields = fields

    @extend_schema_field(LinkCardSerializer(allow_null=True))
    def get_link_card(self, post: Post) -> dict | None:
        return link_card_data(post, self.context)

    @extend_schema_field(QuoteCardSerializer(allow_null=True))
    def get_quoted_post(self, post: Post) -> dict | None:
        if post.quote_state != "ok":
            return None
        return QuoteCardSerializer(post.quoted_post, context=self.context).data


class PostSerializer(OriginalPostSerializer):
    """A post as read, or a repost row: then `repost_of` is the original as a whole post (the row's
    own body is empty and its counters zero) and `reposted_by` the reposter, as Mastodon's `reblog`.

    Nested rather than flattened so that `id` stays the row's own (what cursors and DELETE use).
    """

    repost_of = serializers.SerializerMethodField()
    reposted_by = serializers.SerializerMethodField()

    class Meta(OriginalPostSerializer.Meta):
        fields = (*OriginalPostSerializer.Meta.fields, "repost_of", "reposted_by")
        read_only_fields = fields

    @extend_schema_field(OriginalPostSerializer(allow_null=True))
    def get_repost_of(self, post: Post) -> dict | None:
        if not post.repost_of_id:
            return None
        return OriginalPostSerializer(post.repost_of, context=self.context).data

    @extend_schema_field(AuthorSerializer(allow_null=True))
    def get_reposted_by(self, post: Post) -> dict | None:
        if not post.repost_of_id:
            return None
        return AuthorSerializer(post.author, context=self.context).data


def image_ids_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=10**18 - 1),
        max_length=settings.POST_MAX_IMAGES,
        help_text=(
            f"Ids of your uploads (`POST /api/threadly/v1/images`), at most {settings.POST_MAX_IMAGES}, in the "
            "order shown; each on one post only. A post with images may have an empty body."
        ),
        **kwargs,
    )


class PostWriteSerializer(serializers.Serializer):
    body = StrictCharField(
        max_length=settings.POST_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="The text; it may be empty only when the post has images.",
    )
    visibility = serializers.ChoiceField(
        choices=Post.Visibility.choices,
        required=False,
        help_text="Public when left out; a reply's default is the visibility of the post it replies to.",
    )
    reply_policy = serializers.ChoiceField(
        choices=Post.ReplyPolicy.choices,
        default=Post.ReplyPolicy.EVERYONE,
        help_text="Who may reply: everyone, people you follow, or only people the post mentions.",
    )
    in_reply_to = StrictIntegerField(
        min_value=1,
        max_value=10**18 - 1,
        required=False,
        help_text="Reply to this post (a field error when you cannot see it, 403 when it refuses you).",
    )
    quoted_post = StrictIntegerField(
        min_value=1, max_value=10**18 - 1, required=False, help_text="The id of a post to quote."
    )
    quote_policy = serializers.ChoiceField(
        choices=Post.QuotePolicy.choices, required=False, help_text="Who may quote it; your default when left out."
    )
    image_ids = image_ids_field(required=False, default=list)
    content_warning = StrictCharField(
        max_length=CONTENT_WARNING_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="One line shown instead of the words (and images) until the reader opens them; blank for none.",
    )

    def validate_body(self, body: str) -> str:
        """Whether it may be empty depends on the images: the service says (posts.services.post_create)."""
        return clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post", allow_empty=True)

    def validate_content_warning(self, text: str) -> str:
        return content_warning_clean(text)


class PostUpdateSerializer(serializers.Serializer):
    body = StrictCharField(max_length=settings.POST_MAX_LENGTH, required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=Post.Visibility.choices, required=False)
    reply_policy = serializers.ChoiceField(choices=Post.ReplyPolicy.choices, required=False)
    quote_policy = serializers.ChoiceField(choices=Post.QuotePolicy.choices, required=False)
    image_ids = image_ids_field(required=False)
    content_warning = StrictCharField(
        max_length=CONTENT_WARNING_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Shown instead of the words until the reader opens them; blank removes it, left out keeps it.",
    )

    def validate_body(self, body: str) -> str:
        return clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post", allow_empty=True)

    def validate_content_warning(self, text: str) -> str:
        return content_warning_clean(text)

    def validate(self, data: dict) -> dict:
        """Fields a post is born with say so, rather than being ignored."""
        fixed = {
            "in_reply_to": "A post's place in a conversation cannot change.",
            "quoted_post": "What a post quotes cannot change.",
        }
        if errors := {name: [why] for name, why in fixed.items() if name in self.initial_data}:
            raise serializers.ValidationError(errors)
        return data


class ThreadReplySerializer(PostSerializer):
    """A reply in a thread, in reading order: how deep it sits and whom it replies to when that is not
    the item right before it (posts.threads)."""

    depth = serializers.IntegerField(
        source="thread_depth", read_only=True, help_text="1 for a direct reply; at most 4."
    )
    replying_to = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="Shown when the parent is not the item before: '@name', 'a post you cannot see' or 'a deleted post'.",
    )

    class Meta(PostSerializer.Meta):
        fields = (*PostSerializer.Meta.fields, "depth", "replying_to")
        read_only_fields = fields


class ThreadSerializer(serializers.Serializer):
    """The conversation around a post: the posts above it you may see, it, and a page of the replies below."""

    ancestors = PostSerializer(many=True, help_text="Oldest first.")
    ancestors_hidden = serializers.BooleanField(
        help_text="Some posts above are left out: you cannot see them, or they were deleted."
    )
    post = PostSerializer()
    replies = ThreadReplySerializer(many=True)
    next = serializers.URLField(allow_null=True, help_text="The next page of replies, or null.")


class LikeStateSerializer(serializers.Serializer):
    liked = serializers.BooleanField()
    like_count = serializers.IntegerField()


class RepostStateSerializer(serializers.Serializer):
    reposted = serializers.BooleanField()
    repost_count = serializers.IntegerField()


class RepostSerializer(serializers.ModelSerializer):
    """One repost of a post: who reposted it, and when."""

    reposted_by = AuthorSerializer(source="author", read_only=True)

    class Meta:
        model = Post
        fields = ("id", "reposted_by", "created_at")
        read_only_fields = fields


class PostEditSerializer(serializers.ModelSerializer):
    """An earlier version of a post, as it read until an edit replaced it."""

    html = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(source="written_at", read_only=True, help_text="When it was written.")
    replaced_at = serializers.DateTimeField(read_only=True, help_text="When an edit replaced it.")
    image_ids = serializers.ListField(
        child=serializers.IntegerField(), read_only=True, help_text="The images it showed, in order."
    )

    class Meta:
        model = PostEdit
        fields = ("id", "content_warning", "body", "html", "visibility", "image_ids", "created_at", "replaced_at")
        read_only_fields = fields

    def get_html(self, version: PostEdit) -> str:
        """As the post's own `html`: mentions linked by posts.edits.history_mark_linked_mentions."""
        request = self.context["request"]
        return str(render_text(version.body, site=site_of(request), linked_mentions=version.linked_mentions))
