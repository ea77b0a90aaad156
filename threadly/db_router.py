"""Reads on streaming replicas, writes on the primary, and a person's own writes read back at once.

`PrimaryReplicaRouter` (settings.DATABASE_ROUTERS, when DATABASE_REPLICA_URLS names replicas):

- Writes and migrations go to the primary (`default`) only.
- A read goes to a replica only inside a web request that `ReplicaReadsMiddleware` allowed to:
  a safe method (GET, HEAD, OPTIONS) from a client that has not written within
  READ_YOUR_WRITES_SECONDS. The request's replica is chosen at random once and kept for all its
  reads. Everything else reads the primary: unsafe requests, management commands and Celery tasks
  (no request: their reads often feed a write), reads inside a `transaction.atomic` block on the
  primary, reads after the request itself wrote, and the authentication tables (sessions, the
  user, OAuth applications and tokens, JWT blacklist and revoked token families), so that a login,
  a sign-up, a token issued or a logout a moment ago holds on the very next request.

Read-your-writes. A request "wrote" when the primary executed an INSERT, UPDATE, DELETE or MERGE
while serving it (an execute wrapper watches the primary's connection): an unsafe request that
failed before writing pins nobody, and a GET that writes (a marker, a notification read) does.
The client is then pinned to the primary until now + READ_YOUR_WRITES_SECONDS, twice over:

- a cookie (`threadly_primary_reads`, the deadline as its value) for the browser, which also
  covers a login, whose new session is not yet tied to a person when the next page is asked for;
- the person's user id in the shared cache (threadly.primary_pins), for every client of theirs:
  a person posting from an app (a JWT or OAuth bearer token, no cookies) and then reading in the
  browser reads the primary. The id, not a hash of the Authorization header, because "their
  reads" are the person's, across their tokens and their browser. It is resolved from
  `request.user` at the request's first replica-eligible read, which costs no replica read: the
  session and user tables are read on the primary. Until a bearer request is authenticated
  (DRF does it in the view), its reads go to the primary.

If the cache cannot answer, the person counts as pinned: the primary is always correct.
"""

import contextvars
import random
import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections
from django.http import HttpRequest, HttpResponse

from threadly import primary_pins
from threadly.database_settings import replica_aliases

PRIMARY = "default"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PIN_COOKIE = "threadly_primary_reads"
# Read on the primary always: who is signed in, with which token, and whether it was revoked.
AUTHENTICATION_APPS = frozenset({"sessions", "oauth2_provider", "token_blacklist"})
AUTHENTICATION_MODELS = frozenset({"accounts.user", "accounts.revokedtokenfamily", "mastodon_api.clientapp"})
_WRITE_STATEMENT = re.compile(r"\s*(?:WITH\b.*?\b)?(?:INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE | re.DOTALL)


class RequestReads:
    """Where one request's reads go: its replica, or the primary once the request or person wrote."""

    def __init__(self, request: HttpRequest, replica: str | None):
        self.request = request
        self.replica = replica
        self.wrote = False
        self._decided: str | None = None if replica else PRIMARY
        self._deciding = False

    def primary_wrote(self) -> None:
        self.wrote = True
        self._decided = PRIMARY

    def alias(self) -> str:
        if self._decided is None and not self._deciding:
            # Deciding reads who is signed in; should that read come back here, it reads the primary.
            self._deciding = True
            try:
                self._decided = self._decide()
            finally:
                self._deciding = False
        return self._decided or PRIMARY

    def _decide(self) -> str | None:
        """The replica, or the primary for a pinned person; None (primary, decide later) while unknown."""
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            if user is None or "HTTP_AUTHORIZATION" in self.request.META:
                return None
            return self.replica
        return PRIMARY if primary_pins.person_is_pinned(user_id=user.pk) else self.replica


_request_reads: contextvars.ContextVar[RequestReads | None] = contextvars.ContextVar("request_reads", default=None)


def _is_authentication(model) -> bool:
    meta = model._meta
    return meta.app_label in AUTHENTICATION_APPS or meta.label_lower in AUTHENTICATION_MODELS


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        reads = _request_reads.get()
        if reads is None or _is_authentication(model) or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return reads.alias()

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        ours = {PRIMARY, *replica_aliases(settings.DATABASES)}
        return True if obj1._state.db in ours and obj2._state.db in ours else None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY


def _pinned_by_cookie(request: HttpRequest) -> bool:
    try:
        return int(request.COOKIES.get(PIN_COOKIE, "0")) > primary_pins.now()
    except ValueError:
        return False


class ReplicaReadsMiddleware:
    """Decides, per request, whether its reads may go to a replica, and pins a client that wrote.

    Placed early in settings.MIDDLEWARE, so that the session and authentication middleware's reads
    and writes are covered. Not used at all without the router (no replica configured).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        if f"{__name__}.PrimaryReplicaRouter" not in settings.DATABASE_ROUTERS:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        replicas = replica_aliases(settings.DATABASES)
        may_use_replica = request.method in SAFE_METHODS and not _pinned_by_cookie(request)
        reads = RequestReads(request, random.choice(replicas) if may_use_replica and replicas else None)
        token = _request_reads.set(reads)
        try:
            with connections[PRIMARY].execute_wrapper(_WriteWatcher(reads)):
                response = self.get_response(request)
        finally:
            _request_reads.reset(token)
        if reads.wrote:
            self._pin(request, response)
        return response

    def _pin(self, request: HttpRequest, response: HttpResponse) -> None:
        seconds = settings.READ_YOUR_WRITES_SECONDS
        until = int(primary_pins.now()) + seconds + 1
        response.set_cookie(
            PIN_COOKIE,
            str(until),
            max_age=seconds + 1,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            primary_pins.pin_person(user_id=user.pk, until=until, seconds=seconds)


class _WriteWatcher:
    """An execute wrapper on the primary's connection: notes the request's first write."""

    def __init__(self, reads: RequestReads):
        self.reads = reads

    def __call__(self, execute, sql, params, many, context):
        if not self.reads.wrote and _WRITE_STATEMENT.match(sql):
            self.reads.primary_wrote()
        return execute(sql, params, many, context)
