"""Per-account login lockout, kept in the cache: too many failed logins for one username, from
any IP, and that username cannot log in for a while, even with the right password.

The lock is keyed by the username that was tried, whether or not an account has it, so neither
the lockout nor its message tells anyone which accounts exist. Per-IP limits are separate
(the "login" scope of threadly.ratelimit).
"""

import hashlib
import math
import unicodedata

from django.conf import settings
from django.core.cache import cache

from threadly.ratelimit import RateLimited, now


class AccountLocked(RateLimited):
    reason = "Too many failed logins for this account, so logging in to it is paused."


def _username_key(username: str) -> str:
    """A cache-safe digest of the username as the login form and the API compare it (any case)."""
    normalized = unicodedata.normalize("NFKC", username).strip().casefold()
    return hashlib.sha256(normalized.encode()).hexdigest()[:32]


def _failures_key(username: str) -> tuple[str, int, int]:
    """The key of this window's failure count, the limit and the window's length."""
    limit, period = (int(part) for part in settings.RATE_LIMITS["login_account"].split("/"))
    window = int(now() // period)
    return f"login-lockout:failures:{_username_key(username)}:{window}", limit, period


def _lock_key(username: str) -> str:
    return f"login-lockout:locked:{_username_key(username)}"


def login_locked_for(*, username: str) -> int:
    """Seconds until `username` may try to log in again; 0 when it may now."""
    if not username:
        return 0
    unlocks_at = cache.get(_lock_key(username))
    if unlocks_at is None or unlocks_at <= now():
        return 0
    return max(1, math.ceil(unlocks_at - now()))


def ensure_login_allowed(*, username: str) -> None:
    """Raise AccountLocked (a 429 with Retry-After) while `username` is locked out."""
    if retry_after := login_locked_for(username=username):
        raise AccountLocked(retry_after=retry_after)


def login_failed(*, username: str) -> None:
    """Count a wrong password for `username`; the last one the limit allows locks it."""
    if not username:
        return
    key, limit, period = _failures_key(username)
    cache.add(key, 0, timeout=period)
    try:
        failures = cache.incr(key)
    except ValueError:
        failures = None
    if failures is None:
        # The cache lost the key or is unreachable (django-redis answers None): the failure goes uncounted.
        return
    if failures >= limit:
        lockout = settings.LOGIN_LOCKOUT_SECONDS
        cache.set(_lock_key(username), now() + lockout, timeout=lockout)
        cache.delete(key)


def login_succeeded(*, username: str) -> None:
    """A correct password clears the failures counted against `username`."""
    if username:
        cache.delete(_failures_key(username)[0])
