"""Fixtures for the search tests."""

import pytest
from django.conf import settings

from accounts.factories import UserFactory
from search.tests.helpers import follow


@pytest.fixture
def follower(alice):
    """Someone who follows alice."""
    user = UserFactory(username="fan")
    follow(user, alice)
    return user


# The SQLite backend's own structures are tested only where they exist: collected, not skipped,
# because CI (PostgreSQL) fails on any skip.
collect_ignore = (
    [] if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else ["test_search_sqlite.py"]
)
