"""The search index, in the database itself so that it is current after every write.

PostgreSQL: a stored, generated `tsvector` column on posts with a GIN index, and trigram
indexes for people and tag prefixes. SQLite: an FTS5 table kept in step by triggers (when
this SQLite has FTS5; otherwise search falls back to a simple match). The column and tables
are not Django fields: only the search backends read them.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE posts_post ADD COLUMN search_vector tsvector"
    " GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED",
    "CREATE INDEX post_search_vector_gin ON posts_post USING gin (search_vector)",
    "CREATE INDEX user_username_trgm ON accounts_user USING gin (lower(username) gin_trgm_ops)",
    "CREATE INDEX user_display_name_trgm ON accounts_user USING gin (lower(display_name) gin_trgm_ops)",
    "CREATE INDEX hashtag_name_prefix ON posts_hashtag (name varchar_pattern_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS hashtag_name_prefix",
    "DROP INDEX IF EXISTS user_display_name_trgm",
    "DROP INDEX IF EXISTS user_username_trgm",
    "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_post_fts USING fts5("
    "body, content='posts_post', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_post_inserted AFTER INSERT ON posts_post BEGIN"
    " INSERT INTO search_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER search_post_deleted AFTER DELETE ON posts_post BEGIN"
    " INSERT INTO search_post_fts(search_post_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER search_post_edited AFTER UPDATE OF body ON posts_post BEGIN"
    " INSERT INTO search_post_fts(search_post_fts, rowid, body) VALUES ('delete', old.id, old.body);"
    " INSERT INTO search_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "INSERT INTO search_post_fts(search_post_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_post_edited",
    "DROP TRIGGER IF EXISTS search_post_deleted",
    "DROP TRIGGER IF EXISTS search_post_inserted",
    "DROP TABLE IF EXISTS search_post_fts",
]


def _sqlite_has_fts5(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        return bool(cursor.fetchone()[0])


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        statements = POSTGRES_FORWARD
    elif connection.vendor == "sqlite" and _sqlite_has_fts5(connection):
        statements = SQLITE_FORWARD
    else:
        return
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_notify_followed_posts"),
        ("posts", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
