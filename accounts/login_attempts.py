"""The one login-attempt sequence the site's form, the admin's form and the API's token endpoint share:
is this attempt allowed? → authenticate → record the failure or the success.

Two brakes, kept in the cache and read on the clock of threadly.ratelimit:

- Per account and client address: after RATE_LIMITS["login_account"] wrong passwords from one
  address, that address may not log in to that account for LOGIN_LOCKOUT_SECONDS, even with the
  right password. Other addresses are untouched, so a stranger cannot lock the owner out.
- Per account, from every address together: after LOGIN_SLOWDOWN_AFTER wrong passwords (counted
  until LOGIN_SLOWDOWN_WINDOW seconds pass without one), each further attempt must wait 2, 4, 8 …
  seconds (at most LOGIN_SLOWDOWN_MAX_SECONDS) after the last failure. A distributed guesser gets
  a guess every minute at best; the owner waits at most that long.

Both are keyed on the account the name resolves to, through the same lookup as authentication
(UserManager.get_by_natural_key), so no spelling of a name reaches an account under another key.
A name without an account is keyed on the name and braked the same way: no answer tells whether
an account exists.
"""

import hashlib
import math
import unicodedata

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache

from accounts.models import User
from threadly import redis_guard
from threadly.ratelimit import RateLimited, client_ip, now, uncounted


class LoginPaused(RateLimited):
    """A 429 with Retry-After: this login may not be tried now, whatever the password."""

    code = "login_paused"


class AccountLocked(LoginPaused):
    reason = "Too many failed logins to this account from your address, so logging in to it from here is paused."
    code = "account_locked"


class LoginSlowedDown(LoginPaused):
    reason = "Too many failed logins to this account, so each new try has to wait a little."
    code = "login_slowed_down"


def login_name(typed: str) -> str:
    """The name as both the brakes and the lookup read it: NFKC (as Django's login form does) and trimmed."""
    return unicodedata.normalize("NFKC", typed).strip()


def _subject(name: str) -> str:
    """What the brakes count against: the account the name resolves to, else a digest of the name."""
    try:
        return f"user:{User.objects.get_by_natural_key(name).pk}"
    except User.DoesNotExist:
        return "name:" + hashlib.sha256(name.casefold().encode()).hexdigest()[:32]


def _address(request) -> str:
    return hashlib.sha256(client_ip(request).encode()).hexdigest()[:32] if request is not None else "none"


def _pair_keys(subject: str, address: str) -> tuple[str, str, int, int]:
    """This window's failure-count key and the lock key of (account, address), the limit and the window."""
    limit, period = (int(part) for part in settings.RATE_LIMITS["login_account"].split("/"))
    window = int(now() // period)
    base = f"login:{subject}:{address}"
    return f"{base}:failures:{window}", f"{base}:locked", limit, period


def _slowdown_keys(subject: str) -> tuple[str, str]:
    return f"login:{subject}:failures", f"login:{subject}:last-failure"


def _slowdown_wait(failures: int) -> int:
    """Seconds an attempt must wait after the last failure, once `failures` failures are counted."""
    beyond = failures - settings.LOGIN_SLOWDOWN_AFTER
    if beyond < 0:
        return 0
    return min(2 ** (beyond + 1), settings.LOGIN_SLOWDOWN_MAX_SECONDS)


def _ensure_allowed(subject: str, address: str) -> None:
    """Raise LoginPaused when a brake holds; when the cache cannot tell (Redis is down), do as the
    `login_account` scope says while Redis is down (threadly.ratelimit.WHEN_REDIS_IS_DOWN)."""
    _, lock_key, _, _ = _pair_keys(subject, address)
    failures_key, last_key = _slowdown_keys(subject)
    with redis_guard.FailureWatch() as redis_calls:
        found = cache.get_many([lock_key, failures_key, last_key])
    if redis_calls.failed:
        uncounted("login_account")
    unlocks_at = found.get(lock_key)
    if unlocks_at is not None and unlocks_at > now():
        raise AccountLocked(retry_after=max(1, math.ceil(unlocks_at - now())))
    failures, last_failure = found.get(failures_key), found.get(last_key)
    if failures is None or last_failure is None:
        return
    waits_until = last_failure + _slowdown_wait(failures)
    if waits_until > now():
        raise LoginSlowedDown(retry_after=max(1, math.ceil(waits_until - now())))


def _count(key: str, timeout: int) -> int | None:
    """Add one to a cache counter; None when the cache lost it or is unreachable (django-redis answers None)."""
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:
        return None


def _record_failure(subject: str, address: str) -> None:
    failures_key, lock_key, limit, period = _pair_keys(subject, address)
    failures = _count(failures_key, period)
    if failures is not None and failures >= limit:
        lockout = settings.LOGIN_LOCKOUT_SECONDS
        cache.set(lock_key, now() + lockout, timeout=lockout)
        cache.delete(failures_key)
    window = settings.LOGIN_SLOWDOWN_WINDOW
    all_failures_key, last_key = _slowdown_keys(subject)
    last_failure = cache.get(last_key)
    if last_failure is None or now() - last_failure >= window:
        # A quiet window (on the clock of the limits, not only the cache's expiry) starts the count again.
        cache.set(all_failures_key, 0, timeout=window)
    if _count(all_failures_key, window) is not None:
        cache.touch(all_failures_key, window)
        cache.set(last_key, now(), timeout=window)


def _record_success(subject: str, address: str) -> None:
    """The right password clears what this address counted, and the slowdown: its owner is in."""
    failures_key, _, _, _ = _pair_keys(subject, address)
    cache.delete_many([failures_key, *_slowdown_keys(subject)])


def login_attempt(*, request, username: str, password: str) -> User | None:
    """Try a login: the user when the password is right, None when it is not.

    Raises LoginPaused (AccountLocked or LoginSlowedDown) before the password is tried, so a
    paused login answers the same to the right password as to a wrong one.
    """
    name = login_name(username)
    subject, address = _subject(name), _address(request)
    _ensure_allowed(subject, address)
    user = authenticate(request, username=name, password=password)
    if user is None:
        _record_failure(subject, address)
    else:
        _record_success(subject, address)
    return user
