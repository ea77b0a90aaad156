from django.contrib import admin, messages

from notifications import services
from notifications.models import Event, Notification


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The outbox: parked events show their error and can be handed to the workers again."""

    list_display = ("id", "kind", "actor", "status", "attempts", "short_error", "created_at", "processed_at")
    list_filter = ("status", "kind", "created_at")
    list_select_related = ("actor",)
    search_fields = ("actor__username", "last_error")
    raw_id_fields = ("actor", "subject", "post")
    readonly_fields = ("attempts", "chunk_count", "last_error", "created_at", "relayed_at", "processed_at")
    actions = ("retry",)
    show_full_result_count = False

    @admin.display(description="Last error")
    def short_error(self, event: Event) -> str:
        return event.last_error[:80]

    @admin.action(description="Retry: hand the selected events to the workers again")
    def retry(self, request, queryset):
        handed = sum(services.event_retry(event_id) for event_id in queryset.values_list("id", flat=True))
        self.message_user(request, f"Handed {handed} events to the workers.", messages.SUCCESS)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("id", "recipient", "kind", "actor", "post", "created_at", "read_at")
    list_filter = ("kind", "created_at")
    list_select_related = ("recipient", "actor", "post__author")
    search_fields = ("recipient__username", "actor__username")
    raw_id_fields = ("recipient", "event", "actor", "post")
    show_full_result_count = False
