"""The viewer-independent renderings of posts, cached in Redis by (kind, post id, version).

Kinds: `html` (posts/_post_content.html: header and text), `card` (posts/_quote_card.html when it
shows the post), `api` (OriginalPostSerializer's fields, viewer's and live ones left as None) and
`apicard` (QuoteCardSerializer). The API's carry absolute links, so their keys name the site too.
A post's version moves with whatever they show (posts.services._version_bump), so an entry is never
stale, only unread until its TTL ends it; a post with an image still processing is rendered at each
read until it is ready, and only then stored. The relative time is not cached: TIME_SLOT stands for it;
nor are absolute times, which depend on the viewer's time zone (threadly.time_zones' markers).
Nor is whether a content warning's fold starts open, which is the reader's setting
(User.expand_content_warnings): CW_SLOT stands in the `<details>` tag for ` open` or nothing, so one
cached rendering serves the reader who expands and the one who does not (posts.hydration.cw_open).

One MGET reads a page's entries; the misses are read in one query (rendering_rows) and one for their
images, rendered and stored with one pipelined SET. Without Redis (the embedded default) every
rendering is a miss: the same queries, none per post. A Redis error is a miss too, and while Redis's
circuit breaker is open (threadly.redis_guard) the cache is not asked at all.
"""

import contextlib
from dataclasses import dataclass
from datetime import UTC

import orjson
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from redis.exceptions import RedisError

from posts.api.serializers import OriginalPostSerializer, QuoteCardSerializer, site_of
from posts.mentions import mark_linked_mentions
from posts.models import Post
from posts.selectors import rendering_rows
from threadly import redis_guard

TIME_SLOT = "\x00time\x00"
CW_SLOT = "\x00cw-open\x00"
# The shape of what is cached. Raise it when a template or serializer of the renderings changes what
# they hold (a new field, the API's address), so that a deploy never reads the shape before it.
RENDERING_FORMAT = 2


@dataclass(frozen=True)
class Rendering:
    kind: str
    post_id: int
    version: int


def _cache():
    """The raw Redis client, or None without Redis or while its circuit breaker skips it."""
    if not settings.REDIS_URL or redis_guard.skipping():
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def _key(request, rendering: Rendering) -> str:
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "threadly")
    site = f"{site_of(request)}:" if rendering.kind.startswith("api") else ""
    return f"{prefix}:post:{RENDERING_FORMAT}:{rendering.kind}:{site}{rendering.post_id}:{rendering.version}"


def _rendered(request, post: Post, kind: str) -> bytes:
    # For every viewer alike: in UTC whatever the viewer's zone (threadly.time_zones fills theirs in).
    with timezone.override(UTC):
        return _rendered_in_utc(request, post, kind)


def _rendered_in_utc(request, post: Post, kind: str) -> bytes:
    if kind == "html":
        return render_to_string(
            "posts/_post_content.html", {"post": post, "time_slot": TIME_SLOT, "cw_slot": CW_SLOT}
        ).encode()
    if kind == "card":
        return render_to_string(
            "posts/_quote_card.html", {"quoted": post, "state": "ok", "time_slot": TIME_SLOT, "cw_slot": CW_SLOT}
        ).encode()
    if kind == "apicard":
        return orjson.dumps(QuoteCardSerializer(post, context={"request": request}).data)
    # What depends on the viewer is left None here: the page fills it in (posts.hydration.api).
    post.liked = post.reposted = post.bookmarked = post.quote_state = post.reply_refusal = None
    for flag in ("edit", "delete", "report", "reply", "repost", "quote", "detach"):
        setattr(post, f"can_{flag}", None)
    return orjson.dumps(OriginalPostSerializer(post, context={"request": request}).data)


def _processing(post: Post) -> bool:
    """A post with an image still processing shows a placeholder for it: its rendering is not stored,
    so that the next read shows the image once ready, with no word needed from the `media` queue."""
    return any(image.state == image.State.PROCESSING for image in post.images)


def renderings_for(request, wanted: set[Rendering]) -> dict[Rendering, bytes]:
    """Each wanted rendering: one MGET, then one query and one pipelined SET for the misses."""
    wanted = list(wanted)
    if not wanted:
        return {}
    keys = [_key(request, rendering) for rendering in wanted]
    cache = _cache()
    cached = [None] * len(wanted)
    if cache is not None:
        try:
            cached = cache.mget(keys)
        except RedisError:
            cache = None
    found = {rendering: value for rendering, value in zip(wanted, cached, strict=True) if value is not None}
    missing = [(key, rendering) for key, rendering in zip(keys, wanted, strict=True) if rendering not in found]
    if not missing:
        return found
    posts = {post.pk: post for post in rendering_rows().filter(pk__in={rendering.post_id for _, rendering in missing})}
    mark_linked_mentions(posts.values())
    fresh = {}
    for key, rendering in missing:
        if (post := posts.get(rendering.post_id)) is not None:
            found[rendering] = _rendered(request, post, rendering.kind)
            if not _processing(post):
                fresh[key] = found[rendering]
    if cache is not None and fresh:
        with contextlib.suppress(RedisError), cache.pipeline(transaction=False) as pipeline:
            for key, value in fresh.items():
                pipeline.set(key, value, ex=settings.POST_RENDERING_CACHE_SECONDS)
            pipeline.execute()
    return found
