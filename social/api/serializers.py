from rest_framework import serializers


class FollowStateSerializer(serializers.Serializer):
    following = serializers.BooleanField(help_text="Whether you follow this person now.")
    follower_count = serializers.IntegerField()
