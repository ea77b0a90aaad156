"""One search interface, two backends: PostgreSQL full-text search, or SQLite's FTS5.

The backend follows the database engine. Each returns querysets annotated with a `score`
(higher is better) that `search.pages.ranked_page` pages through, and posts with a
`highlight` (the body with matching words between MARK_START and MARK_END).
"""

from django.db import connection


def current():
    if connection.vendor == "postgresql":
        from search.backends import postgres

        return postgres
    from search.backends import sqlite

    return sqlite
