from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class IdempotencyKey(models.Model):
    """The first answer to a create sent with an `Idempotency-Key`, replayed to its retries.

    The row is written in the same transaction as the create, so a concurrent retry waits
    on the unique (client, key) index and then reads the finished answer.
    """

    client = models.CharField(max_length=80, help_text="user:<id>, or ip:<address> for anonymous clients")
    key = models.CharField(max_length=255)
    request_fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField(encoder=DjangoJSONEncoder, null=True)
    response_location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint("client", "key", name="idempotency_key_unique_per_client")]

    def __str__(self) -> str:
        return f"{self.client} {self.key}"
