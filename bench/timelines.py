"""Benchmark: how long the list pages take on a seeded database (not a test).

    DATABASE_URL=postgres://... DEBUG=true python manage.py seed_demo --users 10000 --posts 200000
    DATABASE_URL=postgres://... DEBUG=true python bench/timelines.py [--runs 50]

For each page it prints the median and p95 time of the whole request through Django's test
client, and the query plan of the page's main query (on PostgreSQL), for three viewers: one
whose feed is quiet (follows a single quiet account), a typical one and the one who
follows the most accounts.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "threadly.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from posts.policy import home_posts  # noqa: E402
from social.services import follow_create  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]


def quiet_viewer() -> User:
    viewer = User.objects.filter(username="bench_quiet").first()
    if viewer is None:
        viewer = User.objects.create_user(username="bench_quiet", email="bench_quiet@example.com", password="x")
        follow_create(follower=viewer, followee=User.objects.filter(post_count=1).first())
        viewer.refresh_from_db()
    return viewer


def timed(client: Client, url: str, runs: int) -> tuple[float, float]:
    client.get(url)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    posts = connection.cursor().execute("SELECT count(*) FROM posts_post").fetchone()[0]
    print(f"{connection.vendor}, {User.objects.count():,} users, {posts:,} posts, {runs} runs per page")
    viewers = {
        "quiet": quiet_viewer(),
        "typical": User.objects.get(username="demo"),
        "heavy": User.objects.order_by("-following_count").first(),
    }
    for label, viewer in viewers.items():
        client = Client()
        client.force_login(viewer)
        median, p95 = timed(client, "/", runs)
        print(f"home ({label}, follows {viewer.following_count}): median {median:.1f} ms, p95 {p95:.1f} ms")
        if connection.vendor == "postgresql":
            plan = home_posts(viewer).order_by("-id")[:31].explain()
            print("   plan:", " / ".join(line.strip() for line in plan.splitlines() if "Scan" in line))
    client = Client()
    client.force_login(viewers["typical"])
    popular = User.objects.order_by("-follower_count").first()
    for url in ["/explore/", f"/@{popular.username}", "/tags/django/", f"/@{popular.username}/followers/"]:
        median, p95 = timed(client, url, runs)
        print(f"{url}: median {median:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
