from django.contrib import admin

from mastodon_api.models import ClientApp, Marker


@admin.register(ClientApp)
class ClientAppAdmin(admin.ModelAdmin):
    list_display = ("application", "website", "scopes", "created_at")
    search_fields = ("application__name", "website")
    raw_id_fields = ("application",)


@admin.register(Marker)
class MarkerAdmin(admin.ModelAdmin):
    list_display = ("user", "timeline", "last_read_id", "version", "updated_at")
    raw_id_fields = ("user",)
