"""The accounts' figure for /metrics and `threadly_stats`: people, active and suspended."""

from django.db.models import Count, Q

from accounts.models import User
from threadly.observability.metrics import Gauge


def users_by_state() -> dict[str, int]:
    return User.objects.aggregate(
        active=Count("id", filter=Q(suspended_at=None)), suspended=Count("id", filter=Q(suspended_at__isnull=False))
    )


GAUGES = (Gauge("threadly_users", "Accounts, by state (active, suspended).", users_by_state, label="state"),)
