"""Redis as the cache (django-redis) and the broker's socket timeouts, from the environment. Read by
threadly/settings.py; tests that point the cache at a Redis of their own build it with `redis_cache`.

Every call goes through the process's circuit breaker (threadly.redis_guard): a Redis that is down
costs REDIS_BREAKER_FAILURES timeouts, then none until REDIS_BREAKER_COOLDOWN_SECONDS pass. The
timeouts are short because Redis answers a cache read in well under a millisecond on its network:
a second is already an outage, and every request that meets one waits for it.
"""

import environ


def redis_cache(
    url: str, *, key_prefix: str = "threadly", connect_timeout: float = 0.5, socket_timeout: float = 1.0
) -> dict:
    """The CACHES entry of a Redis at `url`: its client guarded by the breaker, and an unreachable
    Redis answering as a miss (IGNORE_EXCEPTIONS) rather than an error."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "REDIS_CLIENT_CLASS": "threadly.redis_guard.GuardedRedis",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": connect_timeout,
            "SOCKET_TIMEOUT": socket_timeout,
        },
    }


def cache_from_env(env: environ.Env, url: str) -> dict:
    return redis_cache(
        url,
        key_prefix=env.str("CACHE_KEY_PREFIX", default="threadly"),
        connect_timeout=env.float("REDIS_CONNECT_TIMEOUT", default=0.5),
        socket_timeout=env.float("REDIS_SOCKET_TIMEOUT", default=1.0),
    )


def broker_socket_options(env: environ.Env) -> dict:
    """kombu's Redis transport waits forever for a reply by default: a frozen Redis (a stopped
    process, a dead peer behind NAT) would hang a request's publish for good. With these it fails
    and the outbox relay sends later."""
    return {
        "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.5),
        "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=2.0),
    }


def breaker_settings(env: environ.Env) -> tuple[int, float]:
    """REDIS_BREAKER_FAILURES (failed calls in a row that open it) and REDIS_BREAKER_COOLDOWN_SECONDS
    (how long Redis is then skipped before one trial call)."""
    return env.int("REDIS_BREAKER_FAILURES", default=3), env.float("REDIS_BREAKER_COOLDOWN_SECONDS", default=10.0)
