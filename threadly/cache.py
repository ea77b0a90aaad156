"""The cache of the embedded default (no REDIS_URL): a table in the database, shared by every process.

An in-process cache (locmem) is one per gunicorn worker: each counts its own share of a rate
limit and keeps its own stale badge after another worker delivered a notification. The
database is already what the workers share. A file cache would be too, but its `add` is a
check-then-write and its `incr` a read-then-write, both without a lock, so concurrent hits are
lost; Django's DatabaseCache makes `add` atomic through the table's primary key (the loser of
two INSERTs gets False), and this subclass makes `incr` atomic too.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now


class SharedDatabaseCache(DatabaseCache):
    """DatabaseCache whose `incr` reads and writes the counter in one transaction holding its row.

    Django's `incr` is `get` then `set`: two workers counting at once both write n + 1. Here the
    row is locked while it is read (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the settings'
    IMMEDIATE transactions take the database's write lock at BEGIN), so each increment sees the
    last one.
    """

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table, key_column = quote_name(self._table), quote_name("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote_name('value')}, {quote_name('expires')} FROM {table} WHERE {key_column} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode(), validate=True))
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {quote_name('value')} = %s WHERE {key_column} = %s", [encoded, key])
        return value

    @staticmethod
    def _expired(connection, expires) -> bool:
        """As DatabaseCache reads `expires`: through the backend's converters, aware or naive as stored."""
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return expires < now()
