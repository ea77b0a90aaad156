"""Images in the admin: moderators look at an upload (its thumbnail, who uploaded it, what uses it) and
may delete it, with its files. Nothing here is edited by hand: the pipeline writes images."""

from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html

from accounts.roles import moderation_refusal
from accounts.services import avatar_image_changed
from images.cleanup import images_delete
from images.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ("id", "preview", "uploader", "purpose", "state", "short_alt_text", "created_at")
    list_filter = ("purpose", "state", "created_at")
    list_select_related = ("uploader",)
    search_fields = ("uploader__username", "alt_text")
    fields = (
        "preview_large",
        "uploader",
        "purpose",
        "state",
        "failure",
        "alt_text",
        "file",
        "thumbnail",
        "upload",
        "width",
        "height",
        "content_type",
        "blurhash",
        "created_at",
        "processed_at",
    )
    readonly_fields = fields

    @admin.display(description="Picture")
    def preview(self, image: Image) -> str:
        if not image.is_ready:
            return "—"
        return format_html('<img src="{}" alt="" width="48" loading="lazy">', image.thumbnail.url)

    @admin.display(description="Picture")
    def preview_large(self, image: Image) -> str:
        if not image.is_ready:
            return image.get_state_display()
        return format_html('<img src="{}" alt="{}" width="320">', image.thumbnail.url, image.alt_text)

    @admin.display(description="Alt text")
    def short_alt_text(self, image: Image) -> str:
        return image.alt_text[:60]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        """As with their posts: moderators act on members' pictures, not on staff's nor their own."""
        if obj is not None and moderation_refusal(actor=request.user, person=obj.uploader):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        self.delete_queryset(request, Image.objects.filter(pk=obj.pk))

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        """Deleted with their files (a bare delete would leave them in storage); a deleted avatar's
        wearer shows their initial on their posts again."""
        for image in queryset.filter(purpose=Image.Purpose.AVATAR):
            avatar_image_changed(image=image)
        images_delete(images=queryset)
