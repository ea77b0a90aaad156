"""Workers' side of the outbox: thin tasks that load by id and call the services."""

from celery import Task, shared_task
from django.conf import settings
from django.db.models import F

from notifications import services
from notifications.models import Event

RETRIES = {"autoretry_for": (Exception,), "retry_backoff": 2, "retry_backoff_max": 600, "retry_jitter": True}


class FanOutTask(Task):
    """A fan-out that has used up its retries parks its event, with the error, for a person to look at."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        services.event_park(event_id=args[0], error=f"{type(exc).__name__}: {exc}")


@shared_task(base=FanOutTask, max_retries=5, **RETRIES)
def fan_out_event(event_id: int) -> None:
    Event.objects.filter(pk=event_id).update(attempts=F("attempts") + 1)
    event = Event.objects.select_related("post__author", "post__in_reply_to__author").filter(pk=event_id).first()
    if event is None or event.status == Event.Status.DONE:
        return  # Deleted with its post or actor, or delivered by an earlier copy of this task.
    services.event_fan_out(event)


@shared_task(base=FanOutTask, max_retries=5, **RETRIES)
def deliver_notifications(event_id: int, index: int, recipient_ids: list[int]) -> None:
    event = Event.objects.filter(pk=event_id).first()
    if event is not None:
        services.event_chunk_deliver(event=event, index=index, recipient_ids=recipient_ids)


@shared_task
def relay_outbox() -> int:
    """Celery beat runs this every minute: events still pending are handed over again."""
    return services.events_relay(pending_for=settings.OUTBOX_RELAY_AFTER)
