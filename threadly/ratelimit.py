"""Fixed-window rate limits kept in the cache, with a 429 page that says when to try again.

While Redis cannot be reached (threadly.redis_guard) no count can be kept, and each scope either lets
the action through (open) or refuses it with a 503 and Retry-After (closed), as WHEN_REDIS_IS_DOWN
says, with its reason. Closed are the limits that exist to stop account farms and password guessing,
whose harm outlasts an outage; people already logged in are not asked for them, so they keep
working. Open are those of everyday actions, where a few minutes without a limit costs less than a
site that refuses everyone.
"""

import functools
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.template.defaultfilters import pluralize

from threadly import redis_guard

OPEN, CLOSED = "open", "closed"
WHEN_REDIS_IS_DOWN = {
    # Account farms: sign-ups at an unlimited rate would be the spam of the weeks after.
    "signup": CLOSED,
    # Password guessing, per address: the limit is the only brake a guesser meets before the lockout.
    "login": CLOSED,
    # The lockout and slowdown per account (accounts.login_attempts) are read from the cache too.
    "login_account": CLOSED,
    # Apps registered by the thousand are the farms' tool on the Mastodon API.
    "app_register": CLOSED,
    # Everyday actions of people already logged in: an outage must not stop them.
    "post": OPEN,
    "upload": OPEN,
    "follow": OPEN,
    "report": OPEN,
    # Every API request: closing these would take the whole API down with Redis.
    "api_anon": OPEN,
    "api_user": OPEN,
}


class RateLimited(Exception):
    """Raised by a view (or its form) to answer with the 429 page; `reason` is said on the page."""

    reason = "You've done that too often."

    def __init__(self, retry_after: int):
        super().__init__(f"Rate limited; retry after {retry_after} s.")
        self.retry_after = retry_after


class RateLimitUnavailable(Exception):
    """The cache cannot count a scope that is closed while Redis is down: a 503 with Retry-After."""

    def __init__(self, retry_after: int):
        super().__init__(f"Rate limit cannot be checked; retry after {retry_after} s.")
        self.retry_after = retry_after


def now() -> float:
    """The clock every limit reads; the `clock` fixture sets it in tests."""
    return time.time()


def wait_in_words(seconds: int) -> str:
    """How long to wait, as people say it (50 seconds, 15 minutes), for the 429 page and the API."""
    if seconds < 120:
        return f"{seconds} second{pluralize(seconds)}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minutes"


def client_ip(request) -> str:
    """The client's address; behind NUM_PROXIES proxies, the one the outermost proxy saw."""
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if settings.NUM_PROXIES and len(forwarded) >= settings.NUM_PROXIES:
        return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR", "unknown")


def _client_key(request) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_ip(request)}"


@dataclass(frozen=True)
class RateState:
    """Where a client stands in one scope's current window."""

    limit: int
    count: int
    resets_at: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit

    @property
    def retry_after(self) -> int:
        return max(1, math.ceil(self.resets_at - now()))


def count_hit(request, scope: str) -> RateState:
    """Count one action in `scope` for this client and say where it stands."""
    limit, period = (int(part) for part in settings.RATE_LIMITS[scope].split("/"))
    window = int(now() // period)
    resets_at = (window + 1) * period
    key = f"ratelimit:{scope}:{_client_key(request)}:{window}"
    with redis_guard.FailureWatch() as redis_calls:
        cache.add(key, 0, timeout=period)
        count = None if redis_calls.failed else _incr(key)
    if redis_calls.failed:
        uncounted(scope)
    return RateState(limit=limit, count=count or 0, resets_at=resets_at)


def _incr(key: str) -> int | None:
    try:
        return cache.incr(key)
    except ValueError:
        # The cache lost the key (evicted): let the request through.
        return None


def uncounted(scope: str) -> None:
    """The cache could not be reached to count `scope`: return to let the action through, or raise
    RateLimitUnavailable, as WHEN_REDIS_IS_DOWN says."""
    if WHEN_REDIS_IS_DOWN[scope] == CLOSED:
        raise RateLimitUnavailable(retry_after=redis_guard.retry_after_seconds())


def check_rate(request, scope: str) -> None:
    """Count one action in `scope` for this client; raise RateLimited past the configured rate."""
    state = count_hit(request, scope)
    if state.exceeded:
        raise RateLimited(retry_after=state.retry_after)


def rate_limit(scope: str, methods: tuple[str, ...] = ("POST",)):
    """Decorate a view so that its `methods` count against the `scope` limit."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                check_rate(request, scope)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RateLimitMiddleware:
    """Turn RateLimited raised by a view into the site's 429 page with a Retry-After header, and
    RateLimitUnavailable into a 503 with Retry-After: the 503 page, or the API's error in its shape
    (the pages' views and DRF's, whose throttles raise it too, all end here)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimitUnavailable):
            return _unavailable(request, exception.retry_after)
        if not isinstance(exception, RateLimited):
            return None
        context = {
            "retry_after": exception.retry_after,
            "wait": wait_in_words(exception.retry_after),
            "reason": exception.reason,
        }
        response = render(request, "429.html", context, status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response


UNAVAILABLE_REASON = "Threadly cannot check its limits for this right now, so it is paused for a moment."


def _unavailable(request, retry_after: int):
    # Imported here: threadly.api.errors imports DRF, whose views import the throttles, which import this module.
    from threadly.api.errors import error_response, is_api_request

    headers = {"Retry-After": str(retry_after)}
    message = f"{UNAVAILABLE_REASON} Try again in {wait_in_words(retry_after)}."
    if is_api_request(request):
        return error_response(request, status_code=503, code="rate_limit_unavailable", message=message, headers=headers)
    response = render(request, "503.html", {"message": message}, status=503)
    response["Retry-After"] = headers["Retry-After"]
    return response
