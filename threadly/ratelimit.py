"""Fixed-window rate limits kept in the cache, with a 429 page that says when to try again."""

import functools
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.template.defaultfilters import pluralize


class RateLimited(Exception):
    """Raised by a view (or its form) to answer with the 429 page; `reason` is said on the page."""

    reason = "You've done that too often."

    def __init__(self, retry_after: int):
        super().__init__(f"Rate limited; retry after {retry_after} s.")
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
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:
        # The cache lost the key (evicted, or unreachable): let the request through.
        count = None
    return RateState(limit=limit, count=count or 0, resets_at=resets_at)


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
    """Turn RateLimited raised by a view into the site's 429 page with a Retry-After header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
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
