from django.contrib import admin

from moderation.admin import ContentModerationActions
from posts.models import Hashtag, Like, Post


@admin.register(Post)
class PostAdmin(ContentModerationActions, admin.ModelAdmin):
    list_display = (
        "id",
        "author",
        "short_body",
        "visibility",
        "like_count",
        "reply_count",
        "created_at",
        "edited_at",
    )
    list_filter = ("visibility", ("removed_at", admin.EmptyFieldListFilter), "created_at")
    list_select_related = ("author",)
    search_fields = ("body", "author__username")
    raw_id_fields = ("author", "mentions")
    filter_horizontal = ("hashtags",)
    readonly_fields = ("like_count", "reply_count", "created_at", "edited_at")
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description="Body")
    def short_body(self, post: Post) -> str:
        return post.body[:80]


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
