from rest_framework import serializers

from threadly.api.fields import StrictBooleanField


class FollowStateSerializer(serializers.Serializer):
    following = serializers.BooleanField(help_text="Whether you follow this person now.")
    follower_count = serializers.IntegerField()
    notify_posts = serializers.BooleanField(help_text="Whether you are notified of their new posts.")


class FollowSettingsSerializer(serializers.Serializer):
    notify_posts = StrictBooleanField(help_text="Be notified of their new posts, or not.")


class BlockStateSerializer(serializers.Serializer):
    blocking = serializers.BooleanField()


class MuteStateSerializer(serializers.Serializer):
    muting = serializers.BooleanField()


class SuggestionsQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=50, default=20, help_text="How many people (1 to 50).")
