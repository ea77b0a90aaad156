"""The test database read through a real streaming replica (bin/with-services --replica)."""

import os

import environ
from django.conf import settings

REPLICA = "replica_1"


def add_replica_alias() -> None:
    """With TEST_REPLICA_DATABASE_URL, `replica_1` reads the test database on the replica.

    A TEST MIRROR of default: Django makes no database for it and gives it the test database's
    name, which the replica has, since it streams the whole cluster. Nothing routes reads to it
    unless a test turns the router on (tests/integration/test_read_replicas.py).
    """
    url = os.environ.get("TEST_REPLICA_DATABASE_URL")
    if not url or REPLICA in settings.DATABASES:
        return
    primary = settings.DATABASES["default"]
    replica = environ.Env.db_url_config(url)
    settings.DATABASES[REPLICA] = {
        **primary,
        "HOST": replica["HOST"],
        "PORT": replica["PORT"],
        "TEST": {**primary.get("TEST", {}), "MIRROR": "default"},
    }
