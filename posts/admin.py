"""The posts' admin. Bookmarks have none on purpose: they are private to the person who kept them."""

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from moderation.admin import ContentModerationActions
from posts.models import Hashtag, Like, Post, PostEdit

# What a post row is, by which of its links to another post is set; a quote may also be a reply.
KINDS = {
    "post": ("Post", Q(in_reply_to=None, repost_of=None, quoted_post=None, conversation_id=None)),
    "reply": ("Reply", Q(conversation_id__isnull=False)),
    "repost": ("Repost", Q(repost_of__isnull=False)),
    "quote": ("Quote", Q(quoted_post__isnull=False)),
}


class PostKindFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind, label) for kind, (label, _) in KINDS.items()]

    def queryset(self, request, queryset):
        if self.value() in KINDS:
            return queryset.filter(KINDS[self.value()][1])
        return queryset


def _post_link(post_id: int) -> SafeString:
    return format_html('<a href="{}">#{}</a>', reverse("admin:posts_post_change", args=[post_id]), post_id)


class PostEditInline(admin.TabularInline):
    """What the post said before each edit, for a moderator weighing a report: read only, the record stays."""

    model = PostEdit
    verbose_name = "earlier version"
    fields = readonly_fields = ("written_at", "replaced_at", "content_warning", "body", "visibility", "image_ids")
    ordering = ("-id",)
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Post)
class PostAdmin(ContentModerationActions, admin.ModelAdmin):
    inlines = [PostEditInline]
    list_display = (
        "id",
        "author",
        "kind",
        "short_body",
        "visibility",
        "like_count",
        "reply_count",
        "repost_count",
        "quote_count",
        "created_at",
        "edited_at",
    )
    list_filter = (PostKindFilter, "visibility", ("removed_at", admin.EmptyFieldListFilter), "created_at")
    list_select_related = ("author",)
    search_fields = ("body", "author__username")
    # Plain id boxes for the links to other posts and people: a select would list every row.
    raw_id_fields = ("author", "mentions", "in_reply_to", "repost_of", "quoted_post")
    filter_horizontal = ("hashtags",)
    readonly_fields = (
        "kind",
        "like_count",
        "reply_count",
        "repost_count",
        "quote_count",
        "created_at",
        "edited_at",
    )
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description="Body")
    def short_body(self, post: Post) -> str:
        return post.body[:80]

    @admin.display(description="Kind")
    def kind(self, post: Post) -> str:
        """What the row is, linking the posts it points at by their ids (no query per row)."""
        if post.repost_of_id:
            return format_html("Repost of {}", _post_link(post.repost_of_id))
        parts = []
        if post.conversation_id:
            parent = _post_link(post.in_reply_to_id) if post.in_reply_to_id else "a deleted post"
            parts.append(format_html("Reply to {} in thread {}", parent, _post_link(post.conversation_id)))
        if post.quoted_post_id:
            parts.append(format_html("Quote of {}", _post_link(post.quoted_post_id)))
        return format_html_join("; ", "{}", ((part,) for part in parts)) if parts else "Post"


@admin.register(Like)
class LikeAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "post", "created_at")
    list_filter = ("created_at",)
    list_select_related = ("user", "post__author")
    search_fields = ("user__username",)
    raw_id_fields = ("user", "post")
    show_full_result_count = False


@admin.register(Hashtag)
class HashtagAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    list_filter = ("created_at",)
    search_fields = ("name",)
