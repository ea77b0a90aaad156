"""Handing work to Celery workers: only after the transaction that caused it has committed."""

import logging

from celery import Task, shared_task
from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from threadly import redis_guard
from threadly.api.idempotency import idempotency_keys_prune

logger = logging.getLogger(__name__)

# What publishing raises when the broker cannot be reached.
BROKER_ERRORS = (KombuError, RedisError, OSError)


def enqueue(task: Task, *args) -> bool:
    """Send a task now; False when the broker is unreachable (logged), or skipped while Redis's circuit
    breaker is open (threadly.redis_guard: the broker is that Redis), for the outbox relay to retry.
    Tasks run in-process (no broker) never ask the breaker."""
    breaker = None if task.app.conf.task_always_eager else redis_guard.breaker()
    if breaker is not None and not breaker.allow():
        redis_guard.SKIPPED_CALLS.inc()
        return False
    try:
        task.delay(*args)
    except BROKER_ERRORS:
        if breaker is not None:
            redis_guard.call_failed()
        logger.warning("Could not enqueue %s%r: the broker is unreachable", task.name, args, exc_info=True)
        return False
    if breaker is not None:
        breaker.record_success()
    return True


def enqueue_on_commit(task: Task, *args) -> None:
    """Send a task once the current transaction commits, so the worker finds what it needs.

    Robust: when tasks run eagerly (no Redis) a failing task is logged, and the action that
    caused it still succeeds; its event stays pending for the relay.
    """
    transaction.on_commit(lambda: enqueue(task, *args), robust=True)


@shared_task
def prune_idempotency_keys() -> int:
    return idempotency_keys_prune()
