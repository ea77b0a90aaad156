"""The notifications' figures for /metrics and `threadly_stats`: the outbox backlog and unread notifications."""

from django.db.models import Count, Min
from django.utils import timezone

from notifications.models import Event, Notification
from threadly.observability.metrics import Gauge


def outbox_events_by_status() -> dict[str, int]:
    counts = dict(Event.objects.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in Event.Status.values}


def outbox_oldest_pending_age() -> float:
    """Seconds the oldest pending event has waited: the workers or the broker are behind when it grows."""
    oldest = Event.objects.filter(status=Event.Status.PENDING).aggregate(oldest=Min("created_at"))["oldest"]
    return max(0.0, (timezone.now() - oldest).total_seconds()) if oldest else 0.0


def unread_notifications() -> int:
    return Notification.objects.filter(read_at=None).count()


GAUGES = (
    Gauge("threadly_outbox_events", "Outbox events, by status.", outbox_events_by_status, label="status"),
    Gauge(
        "threadly_outbox_oldest_pending_age_seconds",
        "Seconds the oldest pending outbox event has waited (0 when none is pending).",
        outbox_oldest_pending_age,
    ),
    Gauge("threadly_notifications_unread", "Notifications nobody has read yet.", unread_notifications),
)
