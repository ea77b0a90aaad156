"""Cursor pagination by descending id: stable while new rows arrive, no OFFSET scans."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import BadRequest
from django.db.models import QuerySet


@dataclass(frozen=True)
class CursorPage:
    items: list[Any]
    next_cursor: int | None


def cursor_from(request, name: str = "before") -> int | None:
    """The cursor in the query string, or None; a malformed one is a 400, not a 500."""
    raw = request.GET.get(name)
    if raw in (None, ""):
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        raise BadRequest(f"The '{name}' cursor must be a positive whole number.")
    return int(raw)


def paginate_by_id(queryset: QuerySet, *, cursor: int | None, size: int, newest_first: bool = True) -> CursorPage:
    """One page of `queryset` ordered by id, continuing past the id `cursor`."""
    if cursor is not None:
        queryset = queryset.filter(id__lt=cursor) if newest_first else queryset.filter(id__gt=cursor)
    rows = list(queryset.order_by("-id" if newest_first else "id")[: size + 1])
    has_more = len(rows) > size
    items = rows[:size]
    return CursorPage(items=items, next_cursor=items[-1].id if has_more else None)
