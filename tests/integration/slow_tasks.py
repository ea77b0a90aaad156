"""A task that takes its time, for the workers' shutdown tests; a worker loads it with `--include`.

It records in Redis when it starts and when it finishes, so a test can signal the worker while the
task is in progress and then see whether it ran to the end.
"""

import time

import redis
from celery import shared_task

HOLD_TASK = "threadly_tests.hold_then_record"


@shared_task(name=HOLD_TASK)
def hold_then_record(*, key: str, seconds: float, redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    client.set(f"{key}:started", 1)
    time.sleep(seconds)
    client.set(f"{key}:finished", 1)
