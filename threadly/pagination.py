"""Cursor pagination by descending id: stable while new rows arrive, no OFFSET scans.

A list page's link to its next page carries a cursor (`before`, or `after` for replies, `cursor`
for search results). A damaged one is the same 400 on every list page, also under DEBUG: a page
saying the link is broken, with a link to the list's first page (BrokenLinkMiddleware).
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.db.models import QuerySet
from django.shortcuts import render

PAGE_CURSORS = ("before", "after")
CURSOR_PARAMETERS = (*PAGE_CURSORS, "cursor")


@dataclass(frozen=True)
class CursorPage:
    items: list[Any]
    next_cursor: int | None


class BrokenCursor(BadRequest):
    """A list page was asked for a page by a cursor that none of its links could have carried."""

    def __init__(self, name: str):
        super().__init__(f"The '{name}' part of the address is not a page of this list.")
        self.name = name


def _checked_cursor(request, name: str) -> int | None:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18 or int(raw) == 0:
        raise BrokenCursor(name)
    return int(raw)


def cursor_from(request, name: str = "before") -> int | None:
    """The list's cursor `name` in the query string, or None.

    A malformed `before` or `after` is refused whichever of the two the list reads, so that
    every list answers a damaged link alike.
    """
    for other in PAGE_CURSORS:
        if other != name:
            _checked_cursor(request, other)
    return _checked_cursor(request, name)


def first_page_url(request) -> str:
    """The same list from its start: the address without its cursors (the search words stay)."""
    query = [(key, value) for key, value in request.GET.items() if key not in CURSOR_PARAMETERS]
    return request.path + ("?" + urlencode(query) if query else "")


class BrokenLinkMiddleware:
    """Turn BrokenCursor into the broken-link page, before DEBUG's technical page could show."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, BrokenCursor):
            return None
        return render(request, "400_broken_link.html", {"first_page_url": first_page_url(request)}, status=400)


def paginate_by_id(queryset: QuerySet, *, cursor: int | None, size: int, newest_first: bool = True) -> CursorPage:
    """One page of `queryset` ordered by id, continuing past the id `cursor`."""
    if cursor is not None:
        queryset = queryset.filter(id__lt=cursor) if newest_first else queryset.filter(id__gt=cursor)
    rows = list(queryset.order_by("-id" if newest_first else "id")[: size + 1])
    has_more = len(rows) > size
    items = rows[:size]
    return CursorPage(items=items, next_cursor=items[-1].id if has_more else None)
