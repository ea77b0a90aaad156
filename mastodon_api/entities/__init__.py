"""Mastodon's entities (https://docs.joinmastodon.org/entities/) built from Threadly's rows.

Each builder takes a whole page at once, so that a list costs a fixed number of queries: the
page's posts come hydrated (posts.hydration), the people behind them in one query.
Ids are strings of our time-ordered primary keys; times are ISO 8601 in UTC; arrays are never null.
"""

from datetime import datetime, time

from django.utils import timezone


def iso(moment: datetime | None) -> str | None:
    """`2026-12-01T01:23:54.123Z`, Mastodon's time format."""
    if moment is None:
        return None
    moment = moment.astimezone(timezone.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def iso_day(moment: datetime | None) -> str | None:
    """Mastodon gives some times to the day only (an account's created_at is its day at midnight)."""
    if moment is None:
        return None
    return iso(datetime.combine(moment.astimezone(timezone.UTC).date(), time(), tzinfo=timezone.UTC))
