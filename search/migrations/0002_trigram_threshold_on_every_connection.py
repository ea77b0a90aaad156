"""People search's typo tolerance ("micheal" finds Michael) as a setting of the database itself.

pg_trgm's `%>` operator, the one the trigram indexes serve, matches above
`pg_trgm.word_similarity_threshold`; its default, 0.6, misses one swapped pair of letters, 0.3
does not. A startup option (`-c …`) would set it per connection, but PgBouncer refuses startup
options (or drops them, with `ignore_startup_parameters`), so a connection through it would
quietly search with 0.6. `ALTER DATABASE … SET` holds for every new session however it connects:
through PgBouncer, straight, on a streaming replica (the setting is replicated), from psql.

Calling a pg_trgm function first loads its library, so the setting is known and the database's
owner may set it; `set_config` also applies it to this session, which the test suite goes on using.
"""

from django.db import migrations

THRESHOLD = "0.3"

SET_FOR_THE_DATABASE = f"""
DO $$
BEGIN
    PERFORM word_similarity('', '');
    EXECUTE format('ALTER DATABASE %I SET pg_trgm.word_similarity_threshold = {THRESHOLD}', current_database());
    PERFORM set_config('pg_trgm.word_similarity_threshold', '{THRESHOLD}', false);
END
$$
"""
RESET_FOR_THE_DATABASE = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I RESET pg_trgm.word_similarity_threshold', current_database());
END
$$
"""


def set_threshold(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SET_FOR_THE_DATABASE, params=None)


def reset_threshold(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESET_FOR_THE_DATABASE, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [migrations.RunPython(set_threshold, reset_threshold)]
