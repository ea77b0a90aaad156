"""Benchmark: post search latency on PostgreSQL, with and without the GIN index (not a test).

    bin/with-services .venv/bin/python bench/search.py [--posts 1000000] [--users 20000] [--runs 30]

Needs PostgreSQL (bin/with-services starts a throwaway one). It migrates, seeds the demo data
with `manage.py seed_demo` when the database has fewer than --posts posts (1,000,000 posts
take several minutes), then VACUUM ANALYZEs the posts, which also merges the GIN index's
pending list that the bulk insert leaves behind.

The queries come from the seeded text: the most common word, a rarer word (one in about
0.05% of the posts), two words that occur in the same post, and a phrase of two adjacent
words from a real post. Each runs through `search_posts` (what the search page and the API
call: one page of the best matches, highlighted) --runs times after a warm-up, for an
anonymous viewer and for the demo user, who follows 30 accounts and so also sees their
followers-only posts. It prints the median and p95 in ms and the number of matches, and the
plan of the page's query, which must use the index `post_search_vector_gin`. Then it drops
that index in a transaction, times the same searches (the plan must be a Seq Scan) and rolls
the transaction back, so the index is there again afterwards.
"""

import argparse
import itertools
import os
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "threadly.settings")
os.environ.setdefault("SECRET_KEY", "threadly-bench-only-a-key-long-enough-for-hs256")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from posts.policy import searchable_posts  # noqa: E402
from search.backends import postgres  # noqa: E402
from search.selectors import search_posts  # noqa: E402

GIN_INDEX = "post_search_vector_gin"
SAMPLE_POSTS = 20_000
RARE_SHARE = 0.0005
WORD = re.compile(r"[a-z]+")


def sql(statement: str, params=None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def post_count() -> int:
    return sql("SELECT count(*) FROM posts_post")[0][0]


def seed(args: argparse.Namespace) -> None:
    posts = post_count()
    if posts >= args.posts:
        print(f"The database has {posts:,} posts already: not seeding.")
        return
    if User.objects.filter(username="demo").exists():
        sys.exit(f"The database has demo data with {posts:,} posts (< {args.posts:,}): use a fresh database.")
    print(f"Seeding {args.users:,} users and {args.posts:,} posts (seed_demo --seed {args.seed}) ...", flush=True)
    started = time.perf_counter()
    call_command("seed_demo", users=args.users, posts=args.posts, seed=args.seed)
    print(f"Seeded in {time.perf_counter() - started:.0f} s.", flush=True)


def vacuum_analyze() -> None:
    started = time.perf_counter()
    sql("VACUUM (ANALYZE) posts_post")
    sql("ANALYZE")
    print(f"VACUUM ANALYZE posts_post, ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)


def choose_queries(posts: int) -> dict[str, str]:
    """Queries from a sample of the public posts: words are runs of letters, as in the seeded text."""
    step = max(1, posts // SAMPLE_POSTS)
    bodies = [
        row[0]
        for row in sql("SELECT body FROM posts_post WHERE id %% %s = 0 AND visibility = 'public' ORDER BY id", [step])
    ]
    documents = [WORD.findall(body.lower()) for body in bodies]
    frequency = Counter(word for words in documents for word in set(words))
    words = sorted(frequency)
    # Words that are English stop words have an empty vector: searching for them finds nothing.
    lexemes = dict(sql("SELECT w, to_tsvector('english', w)::text FROM unnest(%s::text[]) AS w", [words]))
    searchable = {word for word in words if lexemes[word]}
    common = max(searchable, key=lambda word: (frequency[word], word))
    wanted = RARE_SHARE * len(bodies)
    rare = min(searchable, key=lambda word: (abs(frequency[word] - wanted), word))
    two_words = phrase = None
    for words_of_post in documents:
        if common not in words_of_post:
            continue
        others = [word for word in words_of_post if word in searchable and lexemes[word] != lexemes[common]]
        position = words_of_post.index(common)
        far = [word for word in others if abs(words_of_post.index(word) - position) > 2]
        if far and two_words is None:
            two_words = f"{common} {far[len(far) // 2]}"
    for words_of_post in documents[len(documents) // 2 :]:
        pairs = [
            (a, b)
            for a, b in itertools.pairwise(words_of_post)
            if a in searchable and b in searchable and lexemes[a] != lexemes[b]
        ]
        if pairs:
            phrase = '"{} {}"'.format(*pairs[len(pairs) // 2])
            break
    print(
        f"Queries from {len(bodies):,} sampled posts: '{common}' is in {frequency[common] / len(bodies):.1%} of them,"
        f" '{rare}' in {frequency[rare] / len(bodies):.2%}."
    )
    return {"common word": common, "rarer word": rare, "two words": two_words, "phrase": phrase}


def matches(text: str, viewer) -> int:
    return postgres.posts_matching(searchable_posts(viewer), text).count()


def timed(text: str, viewer, runs: int) -> tuple[float, float]:
    for _ in range(2):
        search_posts(text=text, viewer=viewer, cursor=None, size=settings.PAGE_SIZE)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        page = search_posts(text=text, viewer=viewer, cursor=None, size=settings.PAGE_SIZE)
        samples.append((time.perf_counter() - started) * 1000)
        assert page.items, text
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def plan_of(text: str, viewer) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the query `search_posts` sends for the first page."""
    with CaptureQueriesContext(connection) as captured:
        search_posts(text=text, viewer=viewer, cursor=None, size=settings.PAGE_SIZE)
    statements = [query["sql"] for query in captured.captured_queries if "search_vector" in query["sql"]]
    assert len(statements) == 1, statements
    return "\n".join(row[0] for row in sql("EXPLAIN (ANALYZE, BUFFERS) " + statements[0]))


def scans(plan: str) -> str:
    return " / ".join(line.strip().split("  (")[0].lstrip("-> ") for line in plan.splitlines() if "Scan" in line)


def measure(label: str, queries: dict[str, str], viewers: dict, runs: int, counts: dict) -> dict:
    """Times of every query for every viewer; checks each plan; prints one plan in full."""
    print(f"\n== {label}: {runs} runs per query and viewer, page size {settings.PAGE_SIZE}")
    results = {}
    for kind, text in queries.items():
        for who, viewer in viewers.items():
            plan = plan_of(text, viewer)
            if label == "with the GIN index":
                assert GIN_INDEX in plan, plan
            else:
                assert GIN_INDEX not in plan and "Seq Scan on posts_post" in plan, plan
            median, p95 = timed(text, viewer, runs)
            results[kind, who] = median, p95
            print(
                f"{kind:11} {text!r:26} {who:9} {counts[kind, who]:>7,} matches:"
                f" median {median:8.1f} ms, p95 {p95:8.1f} ms",
                flush=True,
            )
            print(f"    plan: {scans(plan)}")
    kind, text = next(iter(queries.items()))
    print(f"\nEXPLAIN (ANALYZE, BUFFERS), {kind} {text!r}, logged-in viewer, {label}:")
    print(plan_of(text, viewers["logged in"]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1_000_000, help="seed when the database has fewer posts")
    parser.add_argument("--users", type=int, default=20_000, help="users to seed")
    parser.add_argument("--seed", type=int, default=1, help="random seed for seed_demo")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query and viewer")
    parser.add_argument("--runs-without-index", type=int, help="timed runs without the index (default: --runs)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Needs PostgreSQL: run it under bin/with-services.")
    call_command("migrate", verbosity=0)
    seed(args)
    vacuum_analyze()
    posts = post_count()
    demo = User.objects.get(username="demo")
    viewers = {"anonymous": AnonymousUser(), "logged in": demo}
    server = sql("SHOW server_version")[0][0]
    shared_buffers = sql("SHOW shared_buffers")[0][0]
    table_size = sql("SELECT pg_size_pretty(pg_total_relation_size('posts_post'))")[0][0]
    index_size = sql("SELECT pg_size_pretty(pg_relation_size(%s::regclass))", [GIN_INDEX])[0][0]
    print(
        f"PostgreSQL {server} (shared_buffers {shared_buffers}), {User.objects.count():,} users, {posts:,} posts"
        f" ({table_size} with indexes and TOAST; {GIN_INDEX} {index_size}); logged-in viewer:"
        f" '{demo.username}', follows {demo.following_count}"
    )
    queries = choose_queries(posts)
    counts = {(kind, who): matches(text, viewer) for kind, text in queries.items() for who, viewer in viewers.items()}
    with_index = measure("with the GIN index", queries, viewers, args.runs, counts)
    runs_without = args.runs if args.runs_without_index is None else args.runs_without_index
    with transaction.atomic():
        sql(f"DROP INDEX {GIN_INDEX}")
        without_index = measure("without the GIN index", queries, viewers, runs_without, counts)
        transaction.set_rollback(True)
    assert sql("SELECT 1 FROM pg_indexes WHERE indexname = %s", [GIN_INDEX]), "the index is gone"

    print(f"\nSearch over {posts:,} posts, ms (median / p95); {args.runs} runs with the index, {runs_without} without:")
    print(f"{'query':36} {'viewer':9} {'matches':>8} {'GIN index':>17} {'no index':>17} {'speed-up':>8}")
    for kind, text in queries.items():
        for who in viewers:
            median, p95 = with_index[kind, who]
            slow_median, slow_p95 = without_index[kind, who]
            print(
                f"{kind + ' ' + text:36} {who:9} {counts[kind, who]:>8,} {median:>7.1f} / {p95:>7.1f}"
                f" {slow_median:>7.1f} / {slow_p95:>7.1f} {slow_median / median:>7.1f}x"
            )


if __name__ == "__main__":
    main()
