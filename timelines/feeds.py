"""The Redis side of home feeds: one sorted set per reader, scored by post id, capped.

A feed `feeds:home:<user id>` holds post ids (member and score alike) and one marker member with a
negative score, so it sorts below every post and never comes out of a read by id:

- `building`: a rebuild has started. Pushes land in the feed, readers do not trust it yet.
- `floor`: the feed is ready; its score is -(floor + 1). Below `floor` the feed may be missing posts
  (trimmed to the cap, or built from a capped query), so pages continue from the database there.

Pushes go only into feeds that exist (EXISTS in the script): a reader whose feed is missing gets the
pull query and a rebuild, never a feed half filled by pushes alone. Every write keeps the cap and
moves the floor up to the lowest id left after a trim, in the same script, so no reader ever sees a
feed over its cap or a floor that lies.
"""

from collections.abc import Iterable

from django.conf import settings
from django_redis import get_redis_connection
from redis import Redis
from redis.exceptions import RedisError

BUILDING, FLOOR = "building", "floor"
READS_KEY = "feeds:stats:reads"
# What a Redis that cannot be reached raises through redis-py (timeouts and refused connections).
REDIS_ERRORS = (RedisError, OSError)

# KEYS: feeds; ARGV: cap, then post ids. Adds the ids to each feed that exists, trims it to the cap,
# and raises its floor past what the trim took.
_ADD = """
local cap = tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    for i = 2, #ARGV do redis.call('ZADD', key, ARGV[i], ARGV[i]) end
    local extra = redis.call('ZCARD', key) - 1 - cap
    if extra > 0 then
      redis.call('ZREMRANGEBYRANK', key, 1, extra)
      local marker = redis.call('ZSCORE', key, 'floor')
      if marker then
        local lowest = tonumber(redis.call('ZRANGE', key, 1, 1, 'WITHSCORES')[2])
        redis.call('ZADD', key, math.min(tonumber(marker), -(lowest + 1)), 'floor')
      end
    end
  end
end
return 0
"""

# KEYS: the feed; ARGV: cap, floor, ttl, then post ids. Ends a rebuild: adds the ids read from the
# database to what was pushed meanwhile, trims, and marks the feed ready with its floor.
_FINISH = """
local key, cap, floor, ttl = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('ZSCORE', key, 'building') == false then return 0 end
for i = 4, #ARGV do redis.call('ZADD', key, ARGV[i], ARGV[i]) end
local extra = redis.call('ZCARD', key) - 1 - cap
if extra > 0 then
  redis.call('ZREMRANGEBYRANK', key, 1, extra)
  floor = math.max(floor, tonumber(redis.call('ZRANGE', key, 1, 1, 'WITHSCORES')[2]))
end
redis.call('ZREM', key, 'building')
redis.call('ZADD', key, -(floor + 1), 'floor')
redis.call('EXPIRE', key, ttl)
return 1
"""


def enabled() -> bool:
    """Feeds need Redis; the embedded default (no REDIS_URL) reads every home page from the database."""
    return bool(settings.REDIS_URL)


def redis() -> Redis:
    return get_redis_connection("default")


def home_key(user_id: int) -> str:
    return f"feeds:home:{user_id}"


def feed_ttl_seconds() -> int:
    """A feed nobody reads goes away by itself after the active window (the fan-out stops writing to it then)."""
    return settings.HOME_FEED_ACTIVE_DAYS * 24 * 3600


def _script(source: str):
    return redis().register_script(source)


def ids_add(keys: list[str], post_ids: Iterable[int]) -> None:
    """Add posts to the feeds among `keys` that exist, in one round trip."""
    ids = list(post_ids)
    if keys and ids:
        _script(_ADD)(keys=keys, args=[settings.HOME_FEED_CAP, *ids])


def ids_remove(user_id: int, post_ids: Iterable[int]) -> None:
    if ids := list(post_ids):
        redis().zrem(home_key(user_id), *ids)


def feed_ids(user_id: int) -> list[int]:
    """Every post id in the feed, newest first (for pruning and tests)."""
    return [int(member) for member in redis().zrevrangebyscore(home_key(user_id), "+inf", "(0")]


def build_start(user_id: int) -> None:
    """Start a feed afresh: from here on pushes land in it, and readers wait for build_finish."""
    pipe = redis().pipeline()
    pipe.delete(home_key(user_id))
    pipe.zadd(home_key(user_id), {BUILDING: -1})
    pipe.expire(home_key(user_id), feed_ttl_seconds())
    pipe.execute()


def build_finish(user_id: int, post_ids: list[int], *, floor: int) -> bool:
    """False when another rebuild started meanwhile or the feed went away (that one finishes it)."""
    args = [settings.HOME_FEED_CAP, floor, feed_ttl_seconds(), *post_ids]
    return bool(_script(_FINISH)(keys=[home_key(user_id)], args=args))


def page_read(user_id: int, *, before: int | None, count: int, counted: bool) -> tuple[list[int], int] | None:
    """Up to `count` ids below `before`, newest first, and the feed's floor; None when the feed is not
    ready (missing or being rebuilt). One round trip, which also keeps a read feed alive and, when
    `counted`, counts a read for the metrics (timelines.metrics)."""
    key = home_key(user_id)
    pipe = redis().pipeline(transaction=False)
    pipe.zrevrangebyscore(key, f"({before}" if before else "+inf", "(0", start=0, num=count)
    pipe.zscore(key, FLOOR)
    pipe.expire(key, feed_ttl_seconds())
    if counted:
        pipe.incr(READS_KEY)
    members, marker, *_ = pipe.execute()
    if marker is None:
        return None
    return [int(member) for member in members], -int(marker) - 1


def feed_exists(user_id: int) -> bool:
    return bool(redis().exists(home_key(user_id)))


def rebuild_claim(user_id: int) -> bool:
    """One rebuild at a time per reader: True for the first asker within a minute."""
    return bool(redis().set(f"feeds:rebuilding:{user_id}", 1, nx=True, ex=60))


def rebuild_release(user_id: int) -> None:
    redis().delete(f"feeds:rebuilding:{user_id}")
