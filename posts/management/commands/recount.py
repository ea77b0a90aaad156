import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max

from accounts.models import User
from posts.counters import recount_posts, recount_users
from posts.models import Post

BATCH = 10_000


class Command(BaseCommand):
    help = "Rebuild the denormalised counters (likes, replies, followers, following, posts) from the rows, in batches."

    def handle(self, *args, **options):
        started = time.monotonic()
        for label, model, recount in (("posts", Post, recount_posts), ("users", User, recount_users)):
            last_id = model.objects.aggregate(last=Max("pk"))["last"] or 0
            done = 0
            for low in range(1, last_id + 1, BATCH):
                with transaction.atomic():
                    done += recount((low, low + BATCH))
                self.stdout.write(f"[{time.monotonic() - started:6.1f}s] {label}: {done:,} recounted")
        self.stdout.write(self.style.SUCCESS(f"Counters rebuilt in {time.monotonic() - started:.1f}s."))
