"""Handing work to Celery workers: only after the transaction that caused it has committed."""

import logging

from celery import Task, current_app, shared_task
from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from threadly import redis_guard, sessions
from threadly.api.idempotency import idempotency_keys_prune
from threadly.models import UnpublishedTask

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


def enqueue_on_commit_or_keep(task: Task, *args) -> None:
    """enqueue_on_commit for a task that has no relay of its own (no pending row for a relay to find):
    when the broker cannot take it, it is kept as an UnpublishedTask and relay_unpublished_tasks
    publishes it again, once, when the broker answers."""

    def send() -> None:
        if not enqueue(task, *args):
            UnpublishedTask.objects.create(task=task.name, args=list(args))

    transaction.on_commit(send, robust=True)


@shared_task
def relay_unpublished_tasks() -> int:
    """Celery beat runs this every minute: kept tasks are published, oldest first, until the broker
    refuses one; each row goes once its task is published."""
    relayed = 0
    for kept in UnpublishedTask.objects.order_by("id").iterator():
        task = current_app.tasks.get(kept.task)
        if task is None:
            logger.error("Dropped the unpublished task %s%r: no such task any more", kept.task, tuple(kept.args))
        elif not enqueue(task, *kept.args):
            break
        else:
            relayed += 1
        kept.delete()
    return relayed


@shared_task
def apply_session_evictions() -> int:
    """Celery beat runs this every minute: the cached copies of sessions ended while Redis was down go."""
    return sessions.evictions_apply()


@shared_task
def prune_idempotency_keys() -> int:
    return idempotency_keys_prune()
