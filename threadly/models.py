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


class SessionEviction(models.Model):
    """A session ended (logout, a login's new key) while its cached copy could not be deleted from
    Redis: the copy is deleted when Redis answers again (evicted_at), and while the row lives no load
    accepts it (threadly.sessions)."""

    session_key = models.CharField(max_length=40, primary_key=True)
    created_at = models.DateTimeField(default=timezone.now)
    evicted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.session_key


class UnpublishedTask(models.Model):
    """A task the broker could not take (Redis unreachable, or skipped by its circuit breaker), for
    a caller without a relay of its own: threadly.tasks.relay_unpublished_tasks publishes it again."""

    task = models.CharField(max_length=200)
    args = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
