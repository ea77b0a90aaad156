from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from timelines import feeds
from timelines.rebuild import home_feed_rebuild

PROGRESS_EVERY = 100


class Command(BaseCommand):
    help = (
        "Rebuild home feeds in Redis from the database, here and now: one person's (--user), or those of "
        "everyone who read their home within --active-since DAYS (default HOME_FEED_ACTIVE_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", metavar="NAME", help="only this person's feed")
        parser.add_argument("--active-since", type=int, metavar="DAYS", help="readers active within so many days")

    def handle(self, *args, user: str | None, active_since: int | None, **options):
        if not feeds.enabled():
            raise CommandError("Home feeds live in Redis: set REDIS_URL (without it, home pages read the database).")
        if active_since is not None and active_since < 1:
            raise CommandError("--active-since must be at least 1 day.")
        readers = self.readers(user, active_since)
        total = readers.count()
        self.stdout.write(f"Rebuilding {total} home feed{'s' if total != 1 else ''}.")
        done = ids = 0
        for reader in readers.iterator(chunk_size=500):
            ids += home_feed_rebuild(reader)
            done += 1
            if done % PROGRESS_EVERY == 0:
                self.stdout.write(f"  {done} of {total}")
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {done} home feeds with {ids} post ids."))

    def readers(self, username: str | None, active_since: int | None):
        if username is not None:
            people = User.objects.named(username).filter(is_active=True)
            if not people.exists():
                raise CommandError(f"No active user named {username!r}.")
            return people
        days = active_since or settings.HOME_FEED_ACTIVE_DAYS
        return User.objects.filter(is_active=True, last_active_at__gte=timezone.now() - timedelta(days=days))
