"""The home feeds' own figures for bench/home_feeds.py: fan-out through a real Celery worker beside a raw
pipelined ZADD loop over the same keys, and the Redis memory of a full feed.

Feeds are made here the way timelines.rebuild.home_feed_rebuild makes them (build_start, the pull
query's ids, build_finish), since pushes land only in feeds that exist; the fan-out author's
10,000 followers follow the same people, so one query gives what 10,000 rebuilds would.
"""

import json
import statistics
import time
from itertools import groupby

from django.conf import settings
from django.test import Client

from accounts.models import User
from bench import serving
from posts import policy
from posts.models import Post
from timelines import fanout, feeds, metrics, rebuild
from timelines.reads import home_page

RAW_MEMBER = 10**15  # above any post id; taken out again after each raw run
POLL_PAUSE = 0.025


def readers_ready(readers: dict[int, str]) -> None:
    """Each reader's feed rebuilt, and a page of it read from the feed (not the pull query)."""
    for follows, username in readers.items():
        reader = User.objects.get(username=username)
        written = rebuild.home_feed_rebuild(reader)
        source = home_page(reader, before=None, size=settings.PAGE_SIZE).source
        assert source == "feed", (username, source)
        print(f"  reader following {follows:,}: feed rebuilt with {written} ids; a page reads from the {source}")


def feeds_made(followers: list[User]) -> None:
    """The followers' feeds as a rebuild makes them, one pull query per distinct number followed."""
    cap = settings.HOME_FEED_CAP
    for _, group in groupby(sorted(followers, key=lambda user: user.following_count), lambda u: u.following_count):
        members = list(group)
        ids = list(policy.home_posts(members[0]).order_by("-id").values_list("pk", flat=True)[:cap])
        floor = ids[-1] if len(ids) == cap else 0
        for member in members:
            feeds.build_start(member.pk)
            feeds.build_finish(member.pk, ids, floor=floor)


def raw_zadd_seconds(keys: list[str], member: int, chunk: int) -> float:
    """One pipelined ZADD of `member` into every key, `chunk` keys a round trip: Redis's own pace."""
    redis = feeds.redis()
    started = time.perf_counter()
    for start in range(0, len(keys), chunk):
        pipeline = redis.pipeline(transaction=False)
        for key in keys[start : start + chunk]:
            pipeline.zadd(key, {member: member})
        pipeline.execute()
    elapsed = time.perf_counter() - started
    pipeline = redis.pipeline(transaction=False)
    for key in keys:
        pipeline.zrem(key, member)
    pipeline.execute()
    return elapsed


def in_every_feed(keys: list[str], post_id: int, *, started: float, timeout: float = 120) -> float:
    """Seconds from `started` until `post_id` is in every feed: ZSCORE through a pipeline, asking again
    only the feeds that did not have it yet. A round over 10,000 feeds takes a good part of a core, so
    rounds are POLL_PAUSE apart: the worker needs the shared cores more than the figure needs precision."""
    redis = feeds.redis()
    remaining = keys
    while True:
        pipeline = redis.pipeline(transaction=False)
        for key in remaining:
            pipeline.zscore(key, post_id)
        remaining = [key for key, score in zip(remaining, pipeline.execute(), strict=True) if score is None]
        elapsed = time.perf_counter() - started
        if not remaining:
            return elapsed
        if elapsed > timeout:
            raise TimeoutError(f"post {post_id}: {len(remaining):,} feeds still without it after {timeout:.0f} s")
        time.sleep(POLL_PAUSE)


def pushed_in_process(author: User) -> float:
    """The worker's own work without Celery or the poll: the task's function on one more post, here."""
    post = Post.objects.create(author=author, body="Fan-out in-process")
    started = time.perf_counter()
    fanout.feed_post_push(Post.objects.select_related("author", "in_reply_to").get(pk=post.pk))
    return time.perf_counter() - started


def fanout_part(*, author_name: str, bearer: str, posts: int, processes: int) -> None:
    author = User.objects.get(username=author_name)
    active = User.objects.filter(following_set__followee=author, last_active_at__gte=fanout.active_since())
    followers = list(active.only("pk", "following_count"))
    print(f"\nFan-out: {author_name} ({len(followers):,} active followers) posts; {posts} posts", flush=True)
    started = time.perf_counter()
    feeds_made(followers)
    print(f"  their feeds made ready in {time.perf_counter() - started:.1f} s", flush=True)
    keys = [feeds.home_key(follower.pk) for follower in followers]
    raw = statistics.median(raw_zadd_seconds(keys, RAW_MEMBER + n, fanout.CHUNK) for n in range(5))
    client = Client(headers={"authorization": bearer})
    requests, to_all = [], []
    with serving.celery_worker(queues="feeds", processes=processes):
        for number in range(posts):
            started = time.perf_counter()
            response = client.post(
                "/api/threadly/v1/posts", json.dumps({"body": f"Fan-out {number}"}), "application/json"
            )
            requests.append(time.perf_counter() - started)
            assert response.status_code == 201, response.content
            to_all.append(in_every_feed(keys, response.json()["id"], started=started))
    seconds = statistics.median(to_all)
    in_process = statistics.median(pushed_in_process(author) for _ in range(3))
    lag = metrics.fan_out_lag()
    runs = ", ".join(f"{value:.2f}" for value in to_all)
    print(f"  raw pipelined ZADD, {fanout.CHUNK:,} keys a round trip (median of 5): {raw * 1000:.0f} ms, "
          f"{len(keys) / raw:,.0f} feeds/s")  # fmt: skip
    print(f"  fan-out, 1 worker ({processes} process), from the POST to the id in every feed: median "
          f"{seconds:.2f} s (runs: {runs}), {len(keys) / seconds:,.0f} feeds/s = {raw / seconds:.2f} x raw "
          f"(targets: within 2 s, >= 0.5 x raw)")  # fmt: skip
    print(
        f"  the task's work alone (timelines.fanout.feed_post_push in-process, median of 3): "
        f"{in_process * 1000:.0f} ms, {len(keys) / in_process:,.0f} feeds/s = {raw / in_process:.2f} x raw"
    )
    lags = ", ".join(f"{name} {value:.2f} s" for name, value in lag.items())
    print(f"  the POST requests: median {statistics.median(requests) * 1000:.1f} ms; timelines' fan-out lag "
          f"metric (post created -> task done): {lags}")  # fmt: skip


def listpack_bytes(key: str) -> int:
    """What a copy of the feed takes when Redis keeps sorted sets of its size compact: the throwaway
    server's setting is raised for the copy and put back."""
    redis, setting, probe = feeds.redis(), "zset-max-listpack-entries", "bench:listpack-probe"
    before = redis.config_get(setting)[setting]
    redis.config_set(setting, settings.HOME_FEED_CAP + 1)
    try:
        redis.zadd(probe, dict(redis.zrange(key, 0, -1, withscores=True)))
        assert redis.object("encoding", probe) == b"listpack"
        return redis.memory_usage(probe, samples=0)
    finally:
        redis.delete(probe)
        redis.config_set(setting, before)


def memory_part(readers: dict[int, str]) -> None:
    """MEMORY USAGE (every member counted) of the readers' feeds, full ones at HOME_FEED_CAP ids."""
    redis = feeds.redis()
    print(f"\nRedis memory per feed (HOME_FEED_CAP {settings.HOME_FEED_CAP}; MEMORY USAGE ... SAMPLES 0):")
    for follows, username in readers.items():
        key = feeds.home_key(User.objects.get(username=username).pk)
        ids = redis.zcount(key, 1, "+inf")
        size = redis.memory_usage(key, samples=0)
        encoding = redis.object("encoding", key).decode()
        print(f"  reader following {follows:>5,}: {ids} ids + marker, {size:,} bytes ({encoding}), "
              f"{size / max(ids, 1):.0f} bytes an id")  # fmt: skip
    print(f"  the last as a listpack (zset-max-listpack-entries {settings.HOME_FEED_CAP + 1}, a Redis setting): "
          f"{listpack_bytes(key):,} bytes")  # fmt: skip
    sample = metrics.feed_memory()
    if sample:
        print(f"  timelines.metrics sample of {metrics.SAMPLED_FEEDS} feeds: {sample['bytes_per_feed']:,.0f} bytes "
              f"and {sample['ids_per_feed']:.0f} ids a feed")  # fmt: skip
