from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.forms import AdminLoginForm, AdminUserChangeForm, AdminUserCreateForm
from accounts.models import User
from moderation.admin import AccountModerationActions
from posts.services import posts_version_bump_all_of

# The admin's login goes through the same login attempts as the site's and the API's.
admin.site.login_form = AdminLoginForm


@admin.register(User)
class UserAdmin(AccountModerationActions, DjangoUserAdmin):
    # "Username taken" and "email taken" as the site and the API say them (accounts.uniqueness).
    form = AdminUserChangeForm
    add_form = AdminUserCreateForm
    list_display = (
        "username",
        "display_name",
        "email",
        "role",
        "is_active",
        "follower_count",
        "post_count",
        "created_at",
    )
    list_filter = ("role", "is_active", ("suspended_at", admin.EmptyFieldListFilter), "is_staff", "created_at")
    search_fields = ("username", "display_name", "email")
    ordering = ("-created_at",)
    # Id boxes (with a link to the image): a select would list every upload.
    raw_id_fields = ("avatar_image", "header_image")
    readonly_fields = ("follower_count", "following_count", "post_count", "created_at", "updated_at", "last_login")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Profile", {"fields": ("display_name", "email", "bio", "avatar_image", "header_image")}),
        (
            "Role and access",
            {"fields": ("role", "is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (
            "Activity",
            {"fields": ("follower_count", "following_count", "post_count", "last_login", "created_at", "updated_at")},
        ),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "email", "password1", "password2")}),)

    def save_model(self, request, obj, form, change):
        """A new name or avatar shows on every post of theirs: their cached renderings go (posts.hydration)."""
        super().save_model(request, obj, form, change)
        if change and {"username", "display_name", "avatar_image"} & set(form.changed_data):
            posts_version_bump_all_of(author=obj)
