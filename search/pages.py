"""Keyset pages over a ranked result: the cursor is the last row's (score, id), opaque to clients."""

import base64
import json
import math
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from threadly.json_input import json_loads

INVALID_CURSOR = "This cursor is not valid; use the link to the next page."


@dataclass(frozen=True)
class SearchPage:
    items: list[Any]
    next_cursor: str | None


def encode_cursor(score: float, row_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([score, row_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[float, int] | None:
    """(score, id) from a cursor this module made; anything else is a ValidationError."""
    if not cursor:
        return None
    try:
        score, row_id = json_loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError) as error:
        raise ValidationError(INVALID_CURSOR, code="invalid_cursor") from error
    valid = isinstance(score, int | float) and math.isfinite(score) and isinstance(row_id, int)
    if not valid or isinstance(row_id, bool) or not 0 < row_id < 10**18:
        raise ValidationError(INVALID_CURSOR, code="invalid_cursor")
    return float(score), row_id


def ranked_page(queryset: QuerySet, *, cursor: str | None, size: int) -> SearchPage:
    """One page of `queryset` (annotated with `score`), best first, after the cursor's row."""
    after = decode_cursor(cursor)
    if after is not None:
        score, row_id = after
        queryset = queryset.filter(Q(score__lt=score) | Q(score=score, id__lt=row_id))
    rows = list(queryset.order_by("-score", "-id")[: size + 1])
    items = rows[:size]
    last = items[-1] if len(rows) > size else None
    return SearchPage(items=items, next_cursor=encode_cursor(last.score, last.pk) if last else None)
