from django.db import models
from django.utils import timezone


class UnsentTask(models.Model):
    """A feed task the broker could not take when it was handed over (Redis unreachable).

    Kept in PostgreSQL, so that a post published during a Redis outage still reaches the feeds
    that outlive it: Celery beat hands these over again every minute (timelines.tasks.relay_unsent).
    """

    task = models.CharField(max_length=100)
    args = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
