"""Handing work to Celery workers: only after the transaction that caused it has committed."""

import logging

from celery import Task, shared_task
from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from threadly.api.idempotency import idempotency_keys_prune

logger = logging.getLogger(__name__)

# What publishing raises when the broker cannot be reached.
BROKER_ERRORS = (KombuError, RedisError, OSError)


def enqueue(task: Task, *args) -> bool:
    """Send a task now; False (logged) when the broker is unreachable, for the outbox relay to retry."""
    try:
        task.delay(*args)
    except BROKER_ERRORS:
        logger.warning("Could not enqueue %s%r: the broker is unreachable", task.name, args, exc_info=True)
        return False
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
