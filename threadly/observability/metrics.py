"""Prometheus metrics at `/metrics`: requests by view and status, Celery tasks, and what each app registers.

Request metrics are prometheus_client counters and histograms in the web process. Under a
server with several worker processes (gunicorn -w N) set PROMETHEUS_MULTIPROC_DIR to an empty
directory shared by them, and each scrape adds up every process (prometheus_client's
multiprocess mode).

Celery workers are other processes, often on other machines, with no port of their own to
scrape; their signals count each task's outcome in the cache (Redis, shared by web and
workers), and a scrape reads those counters back for every registered task. Counters restart
from zero if Redis loses them, which Prometheus treats as a counter reset.

Each app registers the figures it owns (the outbox backlog, users, posts, reports) in its
`AppConfig.ready()` with `metric_register`; they are read from the database at scrape time, and
`manage.py threadly_stats` prints the same registry, so this plumbing names no app.
"""

import hmac
import ipaddress
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from threadly.celery import app as celery_app
from threadly.ratelimit import client_ip

logger = logging.getLogger(__name__)

# Anything else is counted as "other", so that made-up methods cannot grow the label set.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNRESOLVED = "unresolved"

REQUESTS = Counter(
    "threadly_http_requests",
    "HTTP requests answered, by view (route name), method and status.",
    ["view", "method", "status"],
)
REQUEST_DURATION = Histogram(
    "threadly_http_request_duration_seconds",
    "Time to answer an HTTP request, by view (route name) and status.",
    ["view", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)

TASK_OUTCOMES = ("succeeded", "failed", "retried")


def request_observe(*, view: str, method: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "other"
    REQUESTS.labels(view=view, method=method, status=str(status)).inc()
    REQUEST_DURATION.labels(view=view, status=str(status)).observe(seconds)


def _task_key(task_name: str, outcome: str) -> str:
    return f"metrics:celery:{outcome}:{task_name}"


def task_outcome_count(*, task_name: str, outcome: str) -> None:
    """Count one finished task in the cache; a cache outage loses the count, never the task."""
    key = _task_key(task_name, outcome)
    try:
        cache.add(key, 0, timeout=None)
        cache.incr(key)
    except Exception:
        logger.warning("Could not count %s of %s in the cache", outcome, task_name, exc_info=True)


class TaskOutcomeCollector:
    """The workers' counts from the cache, one series per registered task and outcome."""

    def collect(self):
        names = sorted(name for name in celery_app.tasks if not name.startswith("celery."))
        keys = {_task_key(name, outcome): (name, outcome) for name in names for outcome in TASK_OUTCOMES}
        try:
            counts = cache.get_many(list(keys))
        except Exception:
            logger.warning("Could not read the task counts from the cache", exc_info=True)
            return
        family = CounterMetricFamily(
            "threadly_celery_tasks",
            "Celery tasks finished by the workers, by task name and outcome (succeeded, failed, retried).",
            labels=["task", "outcome"],
        )
        for key, (name, outcome) in keys.items():
            family.add_metric([name, outcome], counts.get(key) or 0)
        yield family


@dataclass(frozen=True)
class Gauge:
    """One figure an app owns, read when asked: one value, or one value per value of `label`."""

    name: str
    documentation: str
    read: Callable[[], Mapping[str, float] | float]
    label: str | None = None

    def collect(self) -> Iterator[Metric]:
        try:
            values = self.read()
        except DatabaseError:
            logger.warning("Could not read the metric %s", self.name, exc_info=True)
            return
        if self.label is None:
            yield GaugeMetricFamily(self.name, self.documentation, value=values)
            return
        family = GaugeMetricFamily(self.name, self.documentation, labels=[self.label])
        for label_value, value in values.items():
            family.add_metric([label_value], value)
        yield family


# App label -> its gauges, by name; filled by each app's AppConfig.ready().
_registered: dict[str, dict[str, Gauge]] = {}


def metric_register(*, app_label: str, gauge: Gauge) -> None:
    """Register one of an app's figures for /metrics and threadly_stats (again: replaced, not doubled)."""
    _registered.setdefault(app_label, {})[gauge.name] = gauge


def registered_metrics() -> dict[str, tuple[Gauge, ...]]:
    """Every registered figure, by the label of the app that registered it."""
    return {app_label: tuple(gauges.values()) for app_label, gauges in _registered.items()}


class _RegisteredCollector:
    def collect(self) -> Iterator[Metric]:
        for gauges in registered_metrics().values():
            for gauge in gauges:
                yield from gauge.collect()


class _Scrape:
    """What one scrape exposes: this process's (or all processes') metrics, and the shared ones."""

    def __init__(self, *collectors):
        self.collectors = collectors

    def collect(self):
        for collector in self.collectors:
            yield from collector.collect()


def _process_metrics():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def metrics_text() -> bytes:
    return generate_latest(_Scrape(_process_metrics(), TaskOutcomeCollector(), _RegisteredCollector()))


@memoize
def _networks(entries: tuple[str, ...]) -> tuple:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_IPS: {error}") from error


def _ip_allowed(request) -> bool:
    networks = _networks(tuple(settings.METRICS_ALLOWED_IPS))
    if not networks:
        return False
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in network for network in networks)


def _bearer_token(request) -> str | None:
    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def metrics_refusal(request) -> HttpResponse | None:
    """None when the caller may read the metrics: an allowed IP, the METRICS_TOKEN, or staff.

    401 when no credential came at all, 403 when one came and is not enough.
    """
    if _ip_allowed(request):
        return None
    token = _bearer_token(request)
    if token is not None:
        expected = settings.METRICS_TOKEN
        if expected and hmac.compare_digest(token.encode(), expected.encode()):
            return None
        return HttpResponse("Forbidden.\n", status=403, content_type="text/plain")
    user = request.user
    if user.is_authenticated:
        if user.is_staff or user.is_superuser:
            return None
        return HttpResponse("Forbidden.\n", status=403, content_type="text/plain")
    response = HttpResponse("Credentials required.\n", status=401, content_type="text/plain")
    response["WWW-Authenticate"] = 'Bearer realm="metrics"'
    return response


@never_cache
@require_safe
def metrics(request):
    refusal = metrics_refusal(request)
    if refusal is not None:
        return refusal
    return HttpResponse(metrics_text(), content_type=CONTENT_TYPE_PLAIN_0_0_4)
