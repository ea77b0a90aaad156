"""`/healthz`: the process answers. `/readyz`: it can serve, because its database answers; whether its
cache and broker (Redis) answer too is told beside it.

Without Redis the site still serves, slower (threadly.redis_guard: the cache misses, home timelines
come from the pull query, the outbox keeps the tasks), so a Redis outage answers 200 "degraded",
naming what is down: answering 503 would make a load balancer or Kubernetes take every web process
out of service at once, for a shared Redis, and turn a slower site into no site. Only a database
that does not answer makes it 503.

Neither needs a login, a session or the database for its own sake; both are cheap enough for a
probe every few seconds. Readiness runs its checks side by side in threads, each given
READINESS_TIMEOUT seconds, so a dead or unreachable service gives a quick 503, never a hang.
"""

import contextvars
import copy
import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from time import monotonic

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.utils import load_backend
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from threadly import redis_guard
from threadly.celery import app as celery_app

logger = logging.getLogger(__name__)

OK = "ok"
NOT_USED = "not used"
# Checks the site cannot serve without; the others only make it "degraded".
REQUIRED = frozenset({"database"})

# A handful of threads, made once: a service that hangs past its own timeouts ties up at most
# these, and later probes then report it as timed out rather than starting more threads.
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


class CheckFailed(Exception):
    pass


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=6, thread_name_prefix="readyz")
        return _pool


def database_check(alias: str = "default") -> str:
    """Connect afresh and run `SELECT 1`: what a new request would need, whatever state this
    thread's own connection is in. PostgreSQL is given a connect timeout; the thread deadline
    covers the rest."""
    params = copy.deepcopy(connections.settings[alias])
    if params["ENGINE"] == "django.db.backends.postgresql":
        params.setdefault("OPTIONS", {})["connect_timeout"] = max(1, round(settings.READINESS_TIMEOUT))
    wrapper = load_backend(params["ENGINE"]).DatabaseWrapper(params, alias)
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        wrapper.close()
    return OK


def cache_check(alias: str = "default") -> str:
    """Ping Redis itself (django-redis's IGNORE_EXCEPTIONS would hide an outage from get/set), past
    the circuit breaker, which hears the answer (threadly.redis_guard.probe); any other backend must
    give back a value just written."""
    cache = caches[alias]
    client = getattr(cache, "client", None)
    if callable(getattr(client, "get_client", None)):
        with redis_guard.probe():
            client.get_client(write=True).ping()
        return OK
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise CheckFailed("a value written could not be read back")
    finally:
        cache.delete(key)
    return OK


def broker_check() -> str:
    """Connect to Celery's broker once, without retrying; with eager tasks there is no broker."""
    if celery_app.conf.task_always_eager:
        return NOT_USED
    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=0, timeout=settings.READINESS_TIMEOUT)
    return OK


CHECKS: dict[str, Callable[[], str]] = {
    "database": database_check,
    "cache": cache_check,
    "broker": broker_check,
}


def _outcome(name: str, check: Callable[[], str]) -> str:
    try:
        return check()
    except Exception as error:
        # The reason goes to the log; the (public) answer names only the kind of error.
        logger.warning("Readiness check %s failed", name, exc_info=True)
        return f"error: {type(error).__name__}"


def readiness() -> dict[str, str]:
    """Each check's outcome, "ok", "not used" or "error: ...", within READINESS_TIMEOUT seconds."""
    timeout = settings.READINESS_TIMEOUT
    pool = _executor()
    futures = {
        name: pool.submit(contextvars.copy_context().run, _outcome, name, check) for name, check in CHECKS.items()
    }
    deadline = monotonic() + timeout
    outcomes = {}
    for name, future in futures.items():
        try:
            outcomes[name] = future.result(timeout=max(0.0, deadline - monotonic()))
        except FutureTimeout:
            logger.warning("Readiness check %s gave no answer within %s s", name, timeout)
            outcomes[name] = f"error: no answer within {timeout:g} s"
    return outcomes


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = readiness()
    failed = {name for name, outcome in checks.items() if outcome not in (OK, NOT_USED)}
    if failed & REQUIRED:
        return JsonResponse({"status": "unavailable", "checks": checks}, status=503)
    return JsonResponse({"status": "degraded" if failed else "ok", "checks": checks})
