"""Benchmark: how long the list pages take on a seeded database (not a test).

    DATABASE_URL=postgres://... DEBUG=true python manage.py seed_demo --users 10000 --posts 200000
    DATABASE_URL=postgres://... DEBUG=true python bench/timelines.py [--runs 50]

For each page it prints the median and p95 time of the whole request through Django's test
client, side by side with its ratio to a trivial page (/healthz, measured in the same run by the
same client), since on shared cores ratios travel between runs better than milliseconds. Home
is read by three viewers: one whose feed is quiet (follows a single quiet account), a typical
one (the demo user, who reads every other page) and the one who follows the most accounts.
On PostgreSQL it then prints the plans (scans only) of Home's and Explore's main queries.
"""

import argparse
import logging
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
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from posts.models import Post  # noqa: E402
from posts.policy import explore_posts, home_posts  # noqa: E402
from social.services import follow_create  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
logging.disable(logging.INFO)  # One log line a request would bury the figures.


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


def largest_conversation() -> int:
    """The first post (public, so that every viewer may open it) of the conversation with the most replies."""
    public_roots = Post.objects.filter(conversation_id=None, visibility=Post.Visibility.PUBLIC).values("pk")
    replies = Post.objects.filter(conversation_id__in=public_roots).values("conversation_id")
    return replies.annotate(n=Count("pk")).order_by("-n").values_list("conversation_id", flat=True)[0]


def scans(posts) -> str:
    """The scan that drives the page's query, and how many whole-table reads of posts it also makes."""
    lines = [line.strip() for line in posts.order_by("-id")[:31].explain().splitlines() if "Scan" in line]
    full = sum(line.startswith("->  Seq Scan on posts_post") for line in lines)
    return f"{lines[0]} (and {len(lines) - 1} more scans, {full} of them Seq Scans of posts_post)"


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
    popular = User.objects.order_by("-follower_count").first().username
    thread = largest_conversation()
    pages = [(f"home ({label}, follows {viewer.following_count})", viewer, "/") for label, viewer in viewers.items()]
    pages += [(url, viewers["typical"], url) for url in [
        "/explore/", f"/@{popular}", f"/@{popular}?with_replies=1", "/tags/django/", "/search/?q=django",
        f"/@{popular}/followers/", "/bookmarks/", f"/posts/{thread}/",
    ]]  # fmt: skip
    clients = {}
    for viewer in viewers.values():
        clients[viewer.pk] = Client()
        clients[viewer.pk].force_login(viewer)
    # A fraction of a millisecond, so it is timed often, before and after the pages, and averaged.
    baseline = timed(clients[viewers["typical"].pk], "/healthz", runs * 10)[0]
    figures = [(label, *timed(clients[viewer.pk], url, runs)) for label, viewer, url in pages]
    baseline = (baseline + timed(clients[viewers["typical"].pk], "/healthz", runs * 10)[0]) / 2
    print(f"{'page':44} {'median ms':>9} {'p95 ms':>8} {'x healthz':>9}")
    print(f"{'/healthz (baseline)':44} {baseline:9.2f} {'':>8} {1:9.1f}")
    for label, median, p95 in figures:
        print(f"{label:44} {median:9.1f} {p95:8.1f} {median / baseline:9.0f}")
    print(f"(thread: the {Post.objects.filter(conversation_id=thread).count()} replies under post {thread})")
    if connection.vendor == "postgresql":
        for label, viewer in viewers.items():
            print(f"plan, home ({label}):", scans(home_posts(viewer)))
        print("plan, explore:", scans(explore_posts(viewers["typical"])))


if __name__ == "__main__":
    main()
