"""`manage.py threadly_stats`: what operators watch, for a shell rather than Prometheus.

The figures are the ones each app registers for /metrics (threadly.observability.metrics), read
once and printed in words; the broker's queues and the cache's hit rate are read here.
"""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django_redis import get_redis_connection
from redis import Redis
from redis.exceptions import RedisError

from threadly.celery import app as celery_app
from threadly.observability.metrics import registered_metrics

QUEUES = ("notifications", "feeds", "search", "default")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


class Command(BaseCommand):
    help = "Print what operators watch: every app's registered figures, queue backlogs, the cache's hit rate."

    def handle(self, *args, **options):
        registered = registered_metrics()
        for app_config in apps.get_app_configs():
            for gauge in registered.get(app_config.label, ()):
                for family in gauge.collect():
                    self.line(family.name.removeprefix("threadly_").replace("_", " "), self.in_words(family))
        self.line("queue backlogs", self.queue_backlogs())
        self.line("cache hit rate", self.cache_hit_rate())

    def line(self, label: str, value: str) -> None:
        self.stdout.write(f"{label + ':':<26}{value}")

    @staticmethod
    def in_words(family) -> str:
        """`2 pending, 0 done` for a labelled figure, `2` for a single one."""
        return ", ".join(" ".join([_number(sample.value), *sample.labels.values()]) for sample in family.samples)

    def queue_backlogs(self) -> str:
        if celery_app.conf.task_always_eager or not settings.REDIS_URL:
            return "no broker (tasks run in the web process)"
        try:
            broker = Redis.from_url(celery_app.conf.broker_url, socket_timeout=2)
            return ", ".join(f"{queue} {broker.llen(queue):,}" for queue in QUEUES)
        except RedisError as error:
            return f"broker unreachable ({error})"

    def cache_hit_rate(self) -> str:
        if not settings.REDIS_URL:
            return "not measured (no Redis: the cache is a table in the database)"
        try:
            stats = get_redis_connection("default").info("stats")
        except RedisError as error:
            return f"cache unreachable ({error})"
        hits, misses = stats.get("keyspace_hits", 0), stats.get("keyspace_misses", 0)
        if not hits + misses:
            return "no reads yet"
        return f"{hits / (hits + misses):.1%} ({hits:,} hits, {misses:,} misses since Redis started)"
