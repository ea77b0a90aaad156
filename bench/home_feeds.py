"""Benchmark: the home timeline on 10,000 users and 300,000 posts (issue 12, "How fast"; not a test).

    bin/with-services .venv/bin/python bench/home_feeds.py [--users 10000 --posts 300000] [--reuse]
        [--runs 50] [--wrk-seconds 10] [--fanout-posts 3] [--parts read,serve,fanout,post,memory]

Needs PostgreSQL and Redis (bin/with-services starts throwaway ones) and wrk for the `serve` part
(`apt-get install -y wrk`). It migrates and seeds (bench/seeding.py: COPY, about half a minute;
--reuse keeps a pg_dump in /tmp/threadly-bench and restores it on the next run with the same
sizes), rebuilds the readers' home feeds, then prints, each beside a baseline measured in the same
run (on shared cores ratios travel between runs better than milliseconds):

- read: one page (20 posts) of `GET /api/threadly/v1/posts` (JWT), of the HTML home `/` and of Mastodon's
  `GET /api/v1/timelines/home` (an app's OAuth token), through Django's
  test client with warm caches, for readers following 10, 100, 1,000 and 5,000 people (one of them
  pulled at read time): median and p95, and t(1,000)/t(10), t(5,000)/t(10) (targets <= 1.2, <= 1.3);
- serve: requests/s through gunicorn (2 workers, loopback) with wrk, one run each of /healthz, the
  home API, the HTML home and Mastodon's home timeline for the 1,000-followee reader, and their
  ratio to /healthz (targets >= 0.5 and >= 0.25 for the first two);
- fanout: an author with 10,000 active followers posts; one Celery worker on the `feeds` queue; the
  time until the post is in every follower's feed, beside a raw pipelined ZADD loop over the same
  keys (targets: within 2 s, >= 0.5 x the raw rate);
- post: the `POST /api/threadly/v1/posts` request's time for authors with 10 and 100,000 followers;
- memory: MEMORY USAGE of the readers' feeds, full ones at HOME_FEED_CAP ids.

The rate limits are lifted for the run through their settings (RATE_LIMIT_*), as is the https
redirect, so that plain-http wrk is served; every child process inherits the same environment.
"""

import argparse
import json
import math
import os
import secrets
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
UNLIMITED = "1000000000/60"
BENCH_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "threadly.settings",
    "SECRET_KEY": "threadly-bench-only-a-key-long-enough-for-hs256",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "PAGE_SIZE": "20",
    "RATE_LIMIT_API_USER": UNLIMITED,
    "RATE_LIMIT_API_ANON": UNLIMITED,
    "RATE_LIMIT_POST": UNLIMITED,
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "LOG_LEVEL": "WARNING",
    "STATIC_MANIFEST": "false",
    "JWT_ACCESS_MINUTES": "600",
}
os.environ.update(BENCH_ENVIRONMENT)
# Whitenoise looks for collectstatic's output, which the pages do not need without the manifest.
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from oauth2_provider.models import AccessToken, Application  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.tokens import LoginRefreshToken  # noqa: E402
from bench import home_fanout, seeding, serving  # noqa: E402

PARTS = ("read", "serve", "fanout", "post", "memory")
API = "/api/threadly/v1/posts"
MASTODON_HOME = "/api/v1/timelines/home"


def bearer(user: User) -> str:
    return f"Bearer {LoginRefreshToken.for_user(user).access_token}"


def app_bearer(user: User) -> str:
    """An OAuth access token of a bench app for `user`, as a Mastodon app holds one."""
    application, _ = Application.objects.get_or_create(
        name="Bench app",
        defaults={
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": "urn:ietf:wg:oauth:2.0:oob",
        },
    )
    token = secrets.token_hex(24)
    expires = timezone.now() + timedelta(days=1)
    AccessToken.objects.create(user=user, application=application, token=token, expires=expires, scope="read")
    return f"Bearer {token}"


def median_p95(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[math.ceil(len(samples) * 0.95) - 1]  # nearest rank


def timed_rounds(requests: dict, runs: int) -> dict:
    """Median and p95 in ms of each (client, url, headers) in `requests`, after a few requests that warm
    the caches; one request of each in turn per round, so that the load others put on the shared cores
    falls on all of them alike and not on whichever came first."""
    samples = {label: [] for label in requests}
    for round_number in range(runs + 5):
        for label, (client, url, headers) in requests.items():
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (url, response.status_code)
            if round_number >= 5:
                samples[label].append(elapsed)
    return {label: median_p95(times) for label, times in samples.items()}


def read_part(cast: seeding.Cast, runs: int) -> None:
    print(f"\nRead, in-process (Django test client, warm caches, {runs} runs, pages of {settings.PAGE_SIZE}):")
    requests = {"healthz": (Client(), "/healthz", {})}
    for follows, username in cast.readers.items():
        reader = User.objects.get(username=username)
        requests[follows, "api"] = (Client(), API, {"authorization": bearer(reader)})
        requests[follows, "mastodon"] = (Client(), MASTODON_HOME, {"authorization": app_bearer(reader)})
        requests[follows, "html"] = (Client(), "/", {})
        requests[follows, "html"][0].force_login(reader)
    timed = timed_rounds(requests, runs)
    figures = {follows: (timed[follows, "api"], timed[follows, "html"]) for follows in cast.readers}
    healthz = timed["healthz"][0]
    print(
        f"  {'reader follows':>14} {'API median':>10} {'p95':>7} {'HTML median':>11} {'p95':>7}"
        f" {'Mastodon median':>15} {'p95':>7}  (ms)"
    )
    for follows, ((api, api_p95), (html, html_p95)) in figures.items():
        mastodon, mastodon_p95 = timed[follows, "mastodon"]
        print(
            f"  {follows:>14,} {api:10.1f} {api_p95:7.1f} {html:11.1f} {html_p95:7.1f}"
            f" {mastodon:15.1f} {mastodon_p95:7.1f}"
        )
    print(f"  {'/healthz':>14} {healthz:10.2f}")
    quiet = min(figures)
    for follows, target in ((1_000, 1.2), (5_000, 1.3)):
        if follows in figures and quiet in figures:
            api, html = (figures[follows][door][0] / figures[quiet][door][0] for door in (0, 1))
            print(f"  t({follows:,})/t({quiet}): API {api:.2f}, HTML {html:.2f} (target <= {target})")


def serve_part(cast: seeding.Cast, seconds: int, connections: int) -> None:
    follows = 1_000 if 1_000 in cast.readers else max(cast.readers)
    reader = User.objects.get(username=cast.readers[follows])
    client = Client()
    client.force_login(reader)
    session = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}
    print(f"\nServe, gunicorn (2 workers) and wrk (1 thread, {connections} connections, {seconds} s each), "
          f"reader following {follows:,}:")  # fmt: skip
    with serving.gunicorn(workers=2) as base:
        runs = {
            "/healthz": serving.wrk(f"{base}/healthz", headers={}, seconds=seconds, connections=connections),
            f"GET {API} (JWT)": serving.wrk(
                f"{base}{API}", headers={"Authorization": bearer(reader)}, seconds=seconds, connections=connections
            ),
            "HTML home /": serving.wrk(f"{base}/", headers=session, seconds=seconds, connections=connections),
            f"GET {MASTODON_HOME}": serving.wrk(
                f"{base}{MASTODON_HOME}",
                headers={"Authorization": app_bearer(reader)},
                seconds=seconds,
                connections=connections,
            ),
        }
    healthz = runs["/healthz"].requests_per_second
    targets = {f"GET {API} (JWT)": 0.5, "HTML home /": 0.25}
    print(f"  {'':34} {'requests/s':>10} {'x healthz':>9} {'p50 ms':>7} {'p99 ms':>7}")
    for label, run in runs.items():
        target = f"  (target >= {targets[label]})" if label in targets else ""
        print(
            f"  {label:34} {run.requests_per_second:10.0f} {run.requests_per_second / healthz:9.2f} "
            f"{run.latency_p50_ms:7.1f} {run.latency_p99_ms:7.1f}{target}"
        )


def post_part(cast: seeding.Cast, count: int) -> None:
    """The POST request, authors alternating so that both meet the same load on the shared cores."""
    authors = {username: User.objects.get(username=username) for username in (cast.quiet, cast.star)}
    clients = {}
    for username, author in authors.items():
        clients[username] = Client(headers={"authorization": bearer(author)})
    times = {username: [] for username in authors}
    for number in range(count + 2):
        for username, client in clients.items():
            started = time.perf_counter()
            response = client.post(API, json.dumps({"body": f"Bench post {number}"}), content_type="application/json")
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 201, response.content
            if number >= 2:  # the first two warm the caches
                times[username].append(elapsed)
    print(f"\nPost, in-process (`POST {API}`, JWT, {count} posts each):")
    for username, samples in times.items():
        median, p95 = median_p95(samples)
        followers = authors[username].follower_count
        print(f"  author with {followers:>7,} followers: median {median:6.1f} ms, p95 {p95:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="restore (or keep) a dump of the seeded database")
    parser.add_argument("--runs", type=int, default=50, help="timed requests per page in-process")
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--wrk-connections", type=int, default=4)
    parser.add_argument("--posting-runs", type=int, default=20)
    parser.add_argument("--fanout-posts", type=int, default=3, help="posts timed through the fan-out")
    parser.add_argument("--fanout-processes", type=int, default=1, help="the feeds worker's processes")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"any of {', '.join(PARTS)}")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        sys.exit("Needs PostgreSQL and Redis: run it under bin/with-services.")
    print(f"Seeding {args.users:,} users and {args.posts:,} posts (seed {args.seed}):", flush=True)
    cast = seeding.seeded_database(users=args.users, posts=args.posts, seed=args.seed, reuse=args.reuse)
    posts = connection.cursor().execute("SELECT count(*) FROM posts_post").fetchone()[0]
    print(f"{User.objects.count():,} users (with the fan-out cast), {posts:,} posts, {os.cpu_count()} cores")
    print("Home feeds (timelines):")
    home_fanout.readers_ready(cast.readers)
    if "read" in parts:
        read_part(cast, args.runs)
    if "serve" in parts:
        serve_part(cast, args.wrk_seconds, args.wrk_connections)
    if "fanout" in parts:
        pushed = bearer(User.objects.get(username=cast.pushed))
        home_fanout.fanout_part(
            author_name=cast.pushed, bearer=pushed, posts=args.fanout_posts, processes=args.fanout_processes
        )
    if "post" in parts:
        post_part(cast, args.posting_runs)
    if "memory" in parts:
        home_fanout.memory_part(cast.readers)


if __name__ == "__main__":
    main()
