"""Reusing a query's compiled SQL from one request to the next: for the few hot queries whose building
and compiling by the ORM costs more than PostgreSQL takes to run them (a home page's, whose policy
has dozens of conditions).

A statement is built once per process and shape, from marker values standing for its inputs; the
SQL and the positions of the markers among its parameters are kept, and each later call only puts
the real inputs in those positions. Inputs are the values that vary (a person's id, ids, bounds);
anything else that changes the SQL's text (how many ids, whether a bound is given, the LIMIT) is
part of the shape. Only on PostgreSQL, whose driver gives the values Django would: elsewhere the
query is built and run as usual.
"""

import itertools
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

# Far below any id or count a query could carry, so that a marker is never mistaken for a real value.
_MARKERS = itertools.count(-(2**62))


@dataclass(frozen=True)
class Statement:
    sql: str
    # For each parameter: the name of the input it takes (and its index, for a list), or a constant.
    params: tuple[tuple[str | None, int | None, object], ...]
    names: tuple[str, ...]


def _markers_for(inputs: dict) -> dict:
    """Stand-ins of the same shape as `inputs`: an int for an int, a list of ints for a list, None
    for None (which is part of the statement's key, like a list's length)."""
    markers = {}
    for name, value in inputs.items():
        if isinstance(value, list):
            markers[name] = [next(_MARKERS) for _ in value]
        else:
            markers[name] = None if value is None else next(_MARKERS)
    return markers


def _compiled(build: Callable[..., QuerySet], shape: Hashable, inputs: dict) -> Statement | None:
    """The statement, or None when the query can match nothing (an empty IN list, say)."""
    markers = _markers_for(inputs)
    queryset = build(shape, **markers)
    try:
        sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return None
    where = {}
    for name, marker in markers.items():
        for index, value in enumerate(marker if isinstance(marker, list) else [marker]):
            if value is not None:
                where[value] = (name, index if isinstance(marker, list) else None)
    mapped = tuple((*where[param], None) if param in where else (None, None, param) for param in params)
    query = queryset.query
    # As Django's ValuesIterable names a row's columns.
    names = tuple(query.selected or (*query.extra_select, *query.values_select, *query.annotation_select))
    return Statement(sql=sql, params=mapped, names=names)


_statements: dict[tuple, Statement | None] = {}
# Shapes come and go (how many ids a page has, how many accounts are pulled): a bound on the memory.
MAX_STATEMENTS = 1000


def _statement(build: Callable[..., QuerySet], shape: Hashable, inputs: dict) -> Statement | None:
    sizes = tuple((name, len(value) if isinstance(value, list) else value is None) for name, value in inputs.items())
    key = (build, shape, sizes)
    if key not in _statements:
        if len(_statements) >= MAX_STATEMENTS:
            _statements.clear()
        _statements[key] = _compiled(build, shape, inputs)
    return _statements[key]


def values_of(build: Callable[..., QuerySet], *, shape: Hashable, **inputs: int | list[int] | None) -> list[dict]:
    """The rows of `build(shape, **inputs)` (a values() queryset) as dicts: built and compiled the
    first time for this `build`, `shape`, number of ids in each list input and None-ness of the
    others, then only run.

    `build` must be a module-level function (it keys the cache), and every input must reach the SQL
    as a parameter of its own: an int, or a list whose items each become one.
    """
    if connection.vendor != "postgresql":
        return list(build(shape, **inputs))
    statement = _statement(build, shape, inputs)
    if statement is None:
        return []
    params = [
        constant if name is None else (inputs[name][index] if index is not None else inputs[name])
        for name, index, constant in statement.params
    ]
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        return [dict(zip(statement.names, row, strict=True)) for row in cursor.fetchall()]
