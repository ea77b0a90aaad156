"""The moderators' figure for /metrics and `threadly_stats`: reports, by status (open is the queue)."""

from django.db.models import Count

from moderation.models import Report
from threadly.observability.metrics import Gauge


def reports_by_status() -> dict[str, int]:
    counts = dict(Report.objects.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in Report.Status.values}


GAUGES = (
    Gauge("threadly_reports", "Reports, by status (open, dismissed, actioned).", reports_by_status, label="status"),
)
