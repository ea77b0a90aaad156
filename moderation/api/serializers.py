from rest_framework import serializers

from moderation.models import Report
from threadly.api.fields import StrictCharField, StrictIntegerField


class ReportCreateSerializer(serializers.Serializer):
    """Exactly one of post (a reply is a post) or username: what is reported."""

    post = StrictIntegerField(required=False, min_value=1, max_value=10**18 - 1)
    username = StrictCharField(required=False, max_length=30)
    reason = serializers.ChoiceField(choices=Report.Reason.choices)
    text = StrictCharField(required=False, allow_blank=True, max_length=1000, default="")

    def validate(self, data: dict) -> dict:
        targets = [name for name in ("post", "username") if name in data]
        if len(targets) != 1:
            raise serializers.ValidationError("Report exactly one thing: a post or a username.")
        return data


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Report
        fields = ("id", "post", "person", "reason", "text", "status", "created_at")
        read_only_fields = fields
