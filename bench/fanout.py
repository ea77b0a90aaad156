"""Benchmark: fan-out of one post to many followers by Celery workers (not a test).

    bin/with-services .venv/bin/python bench/fanout.py [--followers 100000] [--workers 2] [--posts 3]

Needs PostgreSQL and Redis (bin/with-services starts throwaway ones). It migrates, makes an
author with --followers followers and one with 10, starts one `celery worker` with --workers
processes, then for each post: the time of the posting request (through Django's test
client, as a browser would send it) and how fast its notifications reach every follower.
The workers are stopped by their process group when it ends.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "threadly.settings")
os.environ.setdefault("SECRET_KEY", "threadly-bench-only-a-key-long-enough-for-hs256")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from notifications.models import Event, Notification  # noqa: E402
from social.models import Follow  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
BATCH = 10_000


def author_with_followers(name: str, count: int) -> User:
    """`name`, followed by `count` people made in bulk (reused when it exists already)."""
    author = User.objects.filter(username=name).first()
    if author is not None:
        return author
    password = make_password("bench-password")
    author = User.objects.create(username=name, email=f"{name}@example.com", password=password)
    for start in range(0, count, BATCH):
        people = [
            User(username=f"{name}_f{n}", email=f"{name}_f{n}@example.com", password=password)
            for n in range(start, min(start + BATCH, count))
        ]
        User.objects.bulk_create(people, batch_size=BATCH)
        Follow.objects.bulk_create(
            [Follow(follower=person, followee=author, notify_posts=True) for person in people], batch_size=BATCH
        )
        print(f"  {name}: {start + len(people):,}/{count:,} followers", flush=True)
    User.objects.filter(pk=author.pk).update(follower_count=count)
    connection.cursor().execute("ANALYZE")
    return author


def start_workers(processes: int) -> subprocess.Popen:
    command = [
        *(sys.executable, "-m", "celery", "-A", "threadly", "worker"),
        *("-Q", "notifications,default", "-c", str(processes), "--loglevel", "WARNING"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    log = open("/tmp/threadly-bench-worker.log", "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def post_as(author: User, body: str) -> tuple[float, int]:
    """Post through the compose page over https, as a browser reaches production (plain http is
    redirected there); (seconds the request took, the event's id)."""
    client = Client()
    client.force_login(author)
    started = time.perf_counter()
    response = client.post("/compose/", {"body": body, "visibility": "public"}, secure=True)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    event = Event.objects.filter(actor=author, kind=Event.Kind.POST).latest("id")
    return elapsed, event.pk


def wait_for(event_id: int, expected: int, timeout: float = 900) -> float:
    started = time.perf_counter()
    while (delivered := Notification.objects.filter(event_id=event_id).count()) < expected:
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"{delivered:,}/{expected:,} delivered after {timeout:.0f} s")
        time.sleep(0.25)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--followers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--posts", type=int, default=3, help="posts by the popular author")
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        sys.exit("Needs PostgreSQL and Redis: run it under bin/with-services.")
    call_command("migrate", verbosity=0)
    star = author_with_followers("bench_star", args.followers)
    quiet = author_with_followers("bench_quiet", 10)
    workers = start_workers(args.workers)
    try:
        quiet_times = []
        for number in range(10):
            elapsed, event_id = post_as(quiet, f"Quiet post {number}")
            quiet_times.append(elapsed)
            wait_for(event_id, 10)
        star_times, rates = [], []
        for number in range(args.posts):
            elapsed, event_id = post_as(star, f"Popular post {number}")
            star_times.append(elapsed)
            seconds = wait_for(event_id, args.followers)
            rates.append(args.followers / seconds)
            print(f"  post {number + 1}: {args.followers:,} notifications in {seconds:.1f} s", flush=True)
    finally:
        os.killpg(workers.pid, signal.SIGTERM)
        workers.wait(timeout=30)
    runs = ", ".join(f"{rate:,.0f}" for rate in rates)
    print(f"\nFan-out with {args.workers} worker processes, chunks of {settings.NOTIFICATION_CHUNK_SIZE}:")
    print(f"  deliveries per second: median {statistics.median(rates):,.0f} (runs: {runs})")
    for label, times in ((f"{args.followers:,} followers", star_times), ("10 followers", quiet_times)):
        print(f"  posting request, author with {label}: median {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
