from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A text field that refuses numbers instead of quietly turning them into text, as the schema says."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
