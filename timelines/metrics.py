"""The home feeds' figures for /metrics and `threadly_stats`: reads, misses and rebuilds, fan-out lag,
and the memory a feed takes.

Counted in Redis beside the feeds, since web processes and workers share it; with Redis down the
figures are missing, not wrong, and counting never fails a read or a fan-out.
"""

import logging
import math
import statistics

from django.conf import settings

from threadly.models import UnpublishedTask
from threadly.observability.metrics import Gauge
from timelines import feeds

logger = logging.getLogger(__name__)

COUNTS = ("reads", "misses", "rebuilds")
LAGS_KEY = "feeds:stats:lags"
RECENT_LAGS = 1000
SAMPLED_FEEDS = 200


def _count_key(name: str) -> str:
    return feeds.READS_KEY if name == "reads" else f"feeds:stats:{name}"


def count(name: str) -> None:
    """One more of `name` (misses: home pages answered by the pull query for want of a feed;
    rebuilds: feeds rebuilt for a reader). Reads are counted in feeds.page_read's round trip."""
    try:
        feeds.redis().incr(_count_key(name))
    except feeds.REDIS_ERRORS:
        logger.debug("Could not count a feed %s", name, exc_info=True)


def fan_out_lag_observe(seconds: float) -> None:
    """From a post's creation to its id in every feed it goes to; the last RECENT_LAGS are kept."""
    try:
        pipe = feeds.redis().pipeline(transaction=False)
        pipe.lpush(LAGS_KEY, round(seconds, 4))
        pipe.ltrim(LAGS_KEY, 0, RECENT_LAGS - 1)
        pipe.execute()
    except feeds.REDIS_ERRORS:
        logger.debug("Could not record a fan-out lag", exc_info=True)


def counts() -> dict[str, float]:
    if not feeds.enabled():
        return {}
    try:
        values = feeds.redis().mget([_count_key(name) for name in COUNTS])
    except feeds.REDIS_ERRORS:
        return {}
    figures = {name: int(value or 0) for name, value in zip(COUNTS, values, strict=True)}
    figures["hits"] = max(figures["reads"] - figures["misses"], 0)
    return figures


def fan_out_lag() -> dict[str, float]:
    """The median, 95th percentile and worst of the recent fan-outs, in seconds."""
    if not feeds.enabled():
        return {}
    try:
        lags = sorted(float(value) for value in feeds.redis().lrange(LAGS_KEY, 0, -1))
    except feeds.REDIS_ERRORS:
        return {}
    if not lags:
        return {}
    nearest_rank = math.ceil(0.95 * len(lags)) - 1
    return {"p50": statistics.median(lags), "p95": lags[nearest_rank], "max": lags[-1]}


def feed_memory() -> dict[str, float]:
    """Bytes per feed and ids per feed, averaged over a sample of feeds (SCAN, not KEYS), and the cap."""
    if not feeds.enabled():
        return {}
    try:
        client = feeds.redis()
        keys = []
        for key in client.scan_iter(match="feeds:home:*", count=500):
            keys.append(key)
            if len(keys) == SAMPLED_FEEDS:
                break
        if not keys:
            return {}
        pipe = client.pipeline(transaction=False)
        for key in keys:
            pipe.memory_usage(key)
            pipe.zcard(key)
        answers = pipe.execute()
    except feeds.REDIS_ERRORS:
        return {}
    sizes, lengths = answers[0::2], answers[1::2]
    return {
        "bytes_per_feed": statistics.mean(size or 0 for size in sizes),
        "ids_per_feed": statistics.mean(max(length - 1, 0) for length in lengths),
        "cap": settings.HOME_FEED_CAP,
    }


def unsent_tasks() -> int:
    """Feed tasks waiting for the broker (threadly.models.UnpublishedTask): more than a few means it is down."""
    return UnpublishedTask.objects.filter(task__startswith="timelines.").count()


GAUGES = (
    Gauge("threadly_home_feed_reads", "Home pages asked of a Redis feed, by outcome.", counts, label="outcome"),
    Gauge("threadly_home_feed_fan_out_lag_seconds", "Recent fan-outs, post to every feed.", fan_out_lag, label="stat"),
    Gauge("threadly_home_feed_memory", "Redis memory of a feed, sampled.", feed_memory, label="figure"),
    Gauge("threadly_home_feed_unsent_tasks", "Feed tasks kept until the broker takes them.", unsent_tasks),
)
