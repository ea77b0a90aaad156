from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from accounts.api.serializers import AuthorSerializer
from posts.mentions import linked_mentions_of
from posts.models import Comment, Post
from posts.services import clean_text
from posts.text import render_text
from threadly.api.fields import StrictCharField


def site_of(request) -> str:
    """The site's address, so that links in `html` work wherever the client shows it."""
    return request.build_absolute_uri("/").rstrip("/")


def html_for(request, item: Post | Comment) -> str:
    """The post's or reply's text as safe HTML, as the pages render it."""
    return str(render_text(item.body, site=site_of(request), linked_mentions=linked_mentions_of(item)))


class PostSerializer(serializers.ModelSerializer):
    """A post as read. `liked_by_me` and the `can_*` flags are set by `posts.policy.mark_posts`."""

    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    author = AuthorSerializer(read_only=True)
    html = serializers.SerializerMethodField(help_text="The body as safe HTML, with links, mentions and hashtags.")
    liked_by_me = serializers.BooleanField(source="liked", read_only=True)
    can_edit = serializers.BooleanField(read_only=True, help_text="You wrote it.")
    can_delete = serializers.BooleanField(read_only=True, help_text="You wrote it, or you are a moderator.")
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
            "like_count",
            "reply_count",
            "liked_by_me",
            "can_edit",
            "can_delete",
            "can_report",
            "can_reply",
            "reply_refusal",
            "in_reply_to",
            "conversation",
            "reply_policy",
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
    in_reply_to = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="Reply to this post (404 when you cannot see it, 403 when it refuses you).",
    )

    def validate_body(self, body: str) -> str:
        return clean_text(body, max_length=settings.POST_MAX_LENGTH, what="post")


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


class CommentSerializer(serializers.ModelSerializer):
    """A reply as read; the `can_*` flags are set by `posts.policy.mark_replies`."""

    url = serializers.SerializerMethodField()
    post = serializers.PrimaryKeyRelatedField(read_only=True)
    post_url = serializers.SerializerMethodField()
    author = AuthorSerializer(read_only=True)
    html = serializers.SerializerMethodField()
    can_delete = serializers.BooleanField(read_only=True, help_text="You wrote it, or you are a moderator.")
    can_report = serializers.BooleanField(read_only=True)

    class Meta:
        model = Comment
        fields = ("id", "url", "post", "post_url", "author", "body", "html", "can_delete", "can_report", "created_at")
        read_only_fields = fields

    def get_url(self, comment: Comment) -> str:
        path = reverse("api:comment-detail", kwargs={"comment_id": comment.pk})
        return self.context["request"].build_absolute_uri(path)

    def get_post_url(self, comment: Comment) -> str:
        path = reverse("api:post-detail", kwargs={"post_id": comment.post_id})
        return self.context["request"].build_absolute_uri(path)

    def get_html(self, comment: Comment) -> str:
        return html_for(self.context["request"], comment)


class CommentWriteSerializer(serializers.Serializer):
    body = StrictCharField(max_length=settings.COMMENT_MAX_LENGTH)

    def validate_body(self, body: str) -> str:
        return clean_text(body, max_length=settings.COMMENT_MAX_LENGTH, what="comment")
