"""JSON from outside (request bodies, cursors), decoded with a bound on how deeply it nests."""

import json
from typing import Any

# Threadly's bodies nest two or three levels; anything far deeper is an attack or a mistake.
MAX_DEPTH = 32
TOO_DEEP = f"The JSON is nested more than {MAX_DEPTH} levels deep."


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether lists and objects nest past `limit`, walked without recursion."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in item)
    return False


def json_loads(data: str | bytes, **options) -> Any:
    """`json.loads`, where nesting too deep is a ValueError like any other malformed JSON.

    The standard decoder recurses once per level and raises RecursionError near a thousand
    levels (24 KB of `[`), which no caller expects; a shallower document that still nests past
    MAX_DEPTH is refused too, so nothing downstream recurses through it.
    """
    try:
        value = json.loads(data, **options)
    except RecursionError as error:
        raise ValueError(TOO_DEEP) from error
    if _depth_exceeds(value, MAX_DEPTH):
        raise ValueError(TOO_DEEP)
    return value
