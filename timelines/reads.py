"""A page of someone's home timeline: the one door the rest of the project uses.

Read from the Redis feed when it is ready: one round trip for the ids below the cursor, then one
query (posts.policy.home_posts_among) that keeps those the viewer may still see, merged with the
posts of the pulled authors they follow. Deletions, removals, suspensions, blocks and mutes are
filtered there rather than chased through every feed: the query reads the live rows anyway, and a
fan-out of removals would race the pushes it undoes. Below the feed's floor, and whenever the feed is
missing or Redis cannot be reached, the pull query (posts.policy.home_posts) answers, so a page is
never empty for want of a feed.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from posts import policy
from posts.hydration.rows import PageQuery
from threadly.tasks import enqueue
from timelines import feeds, metrics, tasks
from timelines.fanout import active_since, pulled_author_ids

logger = logging.getLogger(__name__)

Hydrate = Callable[[QuerySet | PageQuery, int], list]
# How often a reader's last_active_at is written: the fan-out's notion of "active" needs no finer.
ACTIVITY_STEP = timedelta(hours=1)
# Feed ids read per round, per post on the page: room for some the viewer may no longer see.
OVERREAD = 2


@dataclass(frozen=True)
class FeedPage:
    items: list
    next_cursor: int | None
    source: str  # "feed" or "pull"


def _ids_statement(shape: tuple, *, viewer_id: int, **inputs) -> QuerySet:
    posts, limit = shape
    return posts(User(pk=viewer_id), limit, **inputs).values("pk")[:limit]


def ids_only(posts: QuerySet | PageQuery, limit: int) -> list:
    """The default hydrate: objects with `.pk` alone (a feed page read through the same compiled
    statement as the pages read it)."""
    if isinstance(posts, PageQuery):
        return [SimpleNamespace(pk=row["pk"]) for row in posts.values(_ids_statement, limit)]
    return [SimpleNamespace(pk=pk) for pk in posts.values_list("pk", flat=True)[:limit]]


def feed_page_posts(viewer: User, limit: int, *, post_ids, pulled_author_ids, below, above) -> QuerySet:
    """The rows of one round of a feed read (posts.policy.home_posts_among), as a PageQuery builds them."""
    page = policy.home_posts_among(
        viewer, post_ids=post_ids, pulled_author_ids=pulled_author_ids, below=below, above=above, limit=limit
    )
    return page.order_by("-id")


def _pull(viewer: User, *, before: int | None, limit: int, hydrate: Hydrate) -> list:
    posts = policy.home_posts(viewer)
    if before is not None:
        posts = posts.filter(pk__lt=before)
    return hydrate(posts.order_by("-id"), limit)


def _page(items: list, size: int, source: str) -> FeedPage:
    if len(items) > size:
        return FeedPage(items[:size], items[size - 1].pk, source)
    return FeedPage(items, None, source)


def _mark_active(viewer: User) -> bool:
    """Note that the viewer reads their home; True when they had been away past the active window,
    so that their feed, which the fan-out stopped writing to, must not be trusted."""
    now = timezone.now()
    seen = viewer.last_active_at
    if seen is not None and now - seen < ACTIVITY_STEP:
        return False
    User.objects.filter(pk=viewer.pk).update(last_active_at=now)
    viewer.last_active_at = now
    return seen is None or seen < active_since()


def _forget_stale_feed(viewer: User) -> None:
    """The fan-out skipped the reader while they were away: until the rebuild runs, their next pages
    must come from the database too, not from the feed the absence left behind."""
    try:
        feeds.redis().delete(feeds.home_key(viewer.pk))
    except feeds.REDIS_ERRORS:
        return


def _rebuild_soon(viewer: User) -> None:
    """A worker rebuilds the missing feed. Not kept when the broker cannot take it: nothing is lost,
    since the pull query serves meanwhile and a read after the claim expires (a minute) asks again."""
    try:
        claimed = feeds.rebuild_claim(viewer.pk)
    except feeds.REDIS_ERRORS:
        return
    if claimed:
        metrics.count("rebuilds")
        enqueue(tasks.rebuild_home_feed, viewer.pk)


def _from_feed(viewer: User, *, before: int | None, size: int, hydrate: Hydrate) -> list | None:
    """The page's items from the feed (and past its floor, the database); None when it is not ready.

    Each round reads ids below the cursor, down to a bound below which the feed may hold more (the
    last id read) or may miss some (its floor); posts the viewer may no longer see drop out in the
    query, so a round can come up short and the next one reads on from that bound.
    """
    items: list = []
    pulled = pulled_author_ids()
    while len(items) <= size:
        limit = size + 1 - len(items)
        read = feeds.page_read(viewer.pk, before=before, count=limit * OVERREAD, counted=not items)
        if read is None:
            return None
        ids, floor = read
        if before is not None and before <= floor:
            return items + _pull(viewer, before=before, limit=limit, hydrate=hydrate)
        more_in_feed = len(ids) == limit * OVERREAD
        # Never below the floor: a backfill into room an unfollow freed can leave older ids down there,
        # among which the feed misses what its trims took.
        lowest = max(ids[-1], floor) if more_in_feed else floor
        inputs = {"post_ids": ids, "pulled_author_ids": pulled, "below": before, "above": lowest - 1}
        items += hydrate(PageQuery(posts=feed_page_posts, viewer=viewer, inputs=inputs), limit)
        if lowest == 0:
            break
        before = lowest
    return items


def home_page(viewer: User, *, before: int | None, size: int, hydrate: Hydrate | None = None) -> FeedPage:
    """Up to `size` posts of the viewer's home timeline with ids below `before`, newest first, each as
    `hydrate(posts, limit)` makes it (by default objects with `.pk`), and the cursor of the next page."""
    hydrate = hydrate or ids_only
    if not feeds.enabled():
        return _page(_pull(viewer, before=before, limit=size + 1, hydrate=hydrate), size, "pull")
    stale = _mark_active(viewer)
    if stale:
        metrics.count("reads")
        _forget_stale_feed(viewer)
    try:
        items = None if stale else _from_feed(viewer, before=before, size=size, hydrate=hydrate)
    except feeds.REDIS_ERRORS:
        # Redis did not answer: asking it again to count a miss or claim a rebuild would only wait longer.
        logger.warning("Home feed of user %s unreadable; answering from the database", viewer.pk, exc_info=True)
        return _page(_pull(viewer, before=before, limit=size + 1, hydrate=hydrate), size, "pull")
    if items is not None:
        return _page(items, size, "feed")
    metrics.count("misses")
    _rebuild_soon(viewer)
    return _page(_pull(viewer, before=before, limit=size + 1, hydrate=hydrate), size, "pull")
