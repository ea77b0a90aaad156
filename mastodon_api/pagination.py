"""Mastodon's paging: `max_id` (older than), `since_id` (newer than, newest first), `min_id` (just
newer than, oldest first: reading forward), `limit` (20 by default, at most 40), and a `Link`
header with the `next` (older) link first, then `prev` (newer).

Ids grow with time, so every list pages by the id of the row it lists: a post, a notification, a
follow, a like, a bookmark, a block. The row's id is what the Link header carries, even when the
entity shown is another (a favourite lists statuses but pages by the like's id).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet

from mastodon_api import params

DEFAULT_LIMIT = 20
MAX_LIMIT = 40


@dataclass(frozen=True)
class PageRequest:
    max_id: int | None
    since_id: int | None
    min_id: int | None
    limit: int

    @property
    def forward(self) -> bool:
        """min_id asks for the rows just after it, read oldest first (then shown newest first)."""
        return self.min_id is not None


def _id_param(request, name: str) -> int | None:
    found = request.query_params.get(name)
    if found in (None, ""):
        return None
    found = str(found)
    # Mastodon's ids are strings of digits; anything else cannot match a row: an empty page.
    return int(found) if found.isdigit() and len(found) <= 18 else 0


def page_request(request, *, default: int = DEFAULT_LIMIT, maximum: int = MAX_LIMIT) -> PageRequest:
    limit = params.value(request, "limit", None, source=request.query_params)
    try:
        limit = int(limit) if limit not in (None, "") else default
    except ValueError:
        limit = default
    return PageRequest(
        max_id=_id_param(request, "max_id"),
        since_id=_id_param(request, "since_id"),
        min_id=_id_param(request, "min_id"),
        limit=max(1, min(limit, maximum)),
    )


def window(rows: QuerySet, page: PageRequest, *, field: str = "id") -> QuerySet:
    """`rows` cut to the page's bounds and order: newest first, or oldest first after min_id.
    The caller takes `page.limit` of them (and reverses a forward page)."""
    if page.max_id is not None:
        rows = rows.filter(**{f"{field}__lt": page.max_id})
    if page.since_id is not None:
        rows = rows.filter(**{f"{field}__gt": page.since_id})
    if page.min_id is not None:
        return rows.filter(**{f"{field}__gt": page.min_id}).order_by(field)
    return rows.order_by(f"-{field}")


def sliced(rows: QuerySet, page: PageRequest) -> list:
    """The page's rows, newest first."""
    found = list(window(rows, page)[: page.limit])
    return found[::-1] if page.forward else found


def link_header(request, ids: list[int]) -> str | None:
    """`Link: <…max_id=oldest>; rel="next", <…min_id=newest>; rel="prev"` for a page listed newest
    first by these ids; None for an empty page."""
    if not ids:
        return None
    bounds = {"max_id", "since_id", "min_id"}
    query = [(key, item) for key, items in request.query_params.lists() if key not in bounds for item in items]
    base = request.build_absolute_uri(request.path)

    def link(**bound) -> str:
        return f"{base}?{urlencode([*query, *bound.items()])}"

    return f'<{link(max_id=min(ids))}>; rel="next", <{link(min_id=max(ids))}>; rel="prev"'


def paged(response, request, ids: list[int]):
    """Put the Link header for a page of these row ids on `response`."""
    header = link_header(request, ids)
    if header:
        response["Link"] = header
    return response
