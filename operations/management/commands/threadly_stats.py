from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Count, Min
from django.utils import timezone
from django_redis import get_redis_connection
from redis import Redis
from redis.exceptions import RedisError

from accounts.models import User
from moderation.models import Report
from notifications.models import Event, Notification
from posts.models import Comment, Post
from threadly.celery import app as celery_app

QUEUES = ("notifications", "feeds", "search", "default")


class Command(BaseCommand):
    help = "Print what operators watch: users, posts, the outbox and queue backlogs, the cache's hit rate."

    def handle(self, *args, **options):
        self.line("users", f"{User.objects.count():,} ({User.objects.exclude(suspended_at=None).count():,} suspended)")
        removed = Post.objects.exclude(removed_at=None).count()
        self.line("posts", f"{Post.objects.count():,} ({removed:,} removed)")
        self.line("replies", f"{Comment.objects.count():,}")
        self.line("unread notifications", f"{Notification.objects.filter(read_at=None).count():,}")
        self.line("open reports", f"{Report.objects.filter(status=Report.Status.OPEN).count():,}")
        by_status = dict(Event.objects.values_list("status").annotate(n=Count("id")))
        oldest = Event.objects.filter(status=Event.Status.PENDING).aggregate(oldest=Min("created_at"))["oldest"]
        waiting = f", oldest pending {(timezone.now() - oldest).total_seconds():.0f} s ago" if oldest else ""
        outbox = ", ".join(f"{by_status.get(status, 0):,} {status}" for status in Event.Status.values)
        self.line("outbox", outbox + waiting)
        self.line("queue backlogs", self.queue_backlogs())
        self.line("cache hit rate", self.cache_hit_rate())

    def line(self, label: str, value: str) -> None:
        self.stdout.write(f"{label + ':':<22}{value}")

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
            return "not measured (in-process cache)"
        try:
            stats = get_redis_connection("default").info("stats")
        except RedisError as error:
            return f"cache unreachable ({error})"
        hits, misses = stats.get("keyspace_hits", 0), stats.get("keyspace_misses", 0)
        if not hits + misses:
            return "no reads yet"
        return f"{hits / (hits + misses):.1%} ({hits:,} hits, {misses:,} misses since Redis started)"
