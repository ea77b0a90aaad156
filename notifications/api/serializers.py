from django.urls import reverse
from rest_framework import serializers

from accounts.api.serializers import AuthorSerializer
from notifications.models import Notification
from threadly.api.fields import StrictIntegerField


class NotificationSerializer(serializers.ModelSerializer):
    actor = AuthorSerializer(read_only=True)
    text = serializers.SerializerMethodField(help_text='For people: "ana liked your post".')
    post_url = serializers.SerializerMethodField()
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ("id", "kind", "text", "actor", "post", "post_url", "read", "created_at")
        read_only_fields = fields

    def get_text(self, notification: Notification) -> str:
        if notification.kind == "warning":
            return f"A moderator warned you: {notification.event.note}"
        return f"{notification.actor.name} {notification.get_kind_display()}"

    def get_post_url(self, notification: Notification) -> str | None:
        if notification.post_id is None:
            return None
        path = reverse("api:post-detail", kwargs={"post_id": notification.post_id})
        return self.context["request"].build_absolute_uri(path)

    def get_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=10**18 - 1),
        required=False,
        max_length=1000,
        help_text="The notifications to mark read; leave it out to mark them all.",
    )


class UnreadCountSerializer(serializers.Serializer):
    unread_count = serializers.IntegerField()


class MarkedReadSerializer(UnreadCountSerializer):
    marked_read = serializers.IntegerField(help_text="How many were unread and are read now.")
