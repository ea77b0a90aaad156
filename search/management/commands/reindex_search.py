import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from posts.models import Post
from search.backends.sqlite import has_fts5_index

BATCH = 10_000


class Command(BaseCommand):
    help = (
        "Rebuild the posts' search index, in batches with progress: on PostgreSQL the stored "
        "tsvector column and its GIN index, on SQLite the FTS5 table."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        if connection.vendor == "postgresql":
            recompute = "UPDATE posts_post SET body = body WHERE id > %s AND id <= %s"
            finish = ["REINDEX INDEX post_search_vector_gin", "ANALYZE posts_post"]
        elif has_fts5_index():
            self._execute("INSERT INTO search_post_fts(search_post_fts) VALUES ('delete-all')")
            recompute = (
                "INSERT INTO search_post_fts(rowid, body) SELECT id, body FROM posts_post WHERE id > %s AND id <= %s"
            )
            finish = ["INSERT INTO search_post_fts(search_post_fts) VALUES ('optimize')"]
        else:
            self.stdout.write("This database has no search index (SQLite without FTS5): search uses a simple match.")
            return
        total = Post.objects.count()
        last_id = Post.objects.order_by("-id").values_list("id", flat=True).first() or 0
        done = 0
        for start in range(0, last_id, BATCH):
            with transaction.atomic():
                done += self._execute(recompute, [start, start + BATCH])
            self.stdout.write(f"[{time.monotonic() - started:6.1f}s] {done:,}/{total:,} posts indexed")
        for statement in finish:
            self._execute(statement)
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt: {total:,} posts in {time.monotonic() - started:.1f}s.")
        )

    def _execute(self, sql: str, params=None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount
