from django.contrib import admin

from previews.models import LinkCard


@admin.register(LinkCard)
class LinkCardAdmin(admin.ModelAdmin):
    """Read-only: cards are what pages said about themselves; a wrong one is fixed by refetching, which
    happens once LINK_PREVIEW_TTL has passed and a post links there again."""

    list_display = ("url", "state", "title", "fetched_at")
    list_filter = ("state",)
    search_fields = ("url", "title")
    readonly_fields = [field.name for field in LinkCard._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
