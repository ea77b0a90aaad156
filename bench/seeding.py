"""The home-feed benchmark's data, drawn in memory and written with PostgreSQL's COPY (bench/home_feeds.py).

Every row is drawn first, so that each denormalised counter (followers, following, posts, replies,
reposts) is known before anything is written and no recount pass is needed; posts get ids in time
order, so that a reply names its parent and its thread's first post before it is written. COPY
through psycopg writes the 300,000 posts in seconds, where ORM inserts take minutes.

`seeded_database` can keep a pg_dump of what it wrote and restore it on the next run (--reuse):
bin/with-services starts an empty PostgreSQL every time.
"""

import hashlib
import os
import random
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone

from accounts.models import User
from operations.demo_conversations import SkewedPicker
from posts.models import Post
from social.models import Follow

READER_FOLLOWS = (10, 100, 1_000, 5_000)
# The cast of the fan-out and posting figures, outside the --users people: bench_pushed is followed by
# PUSHED_FOLLOWERS of the fans, bench_star (pulled, never pushed) by all of them, bench_quiet by ten.
FANS, PUSHED_FOLLOWERS, QUIET_FOLLOWERS = 100_000, 10_000, 10
# bench_star writes this share of the first posts (600 of 300,000, enough to fill its followers' feeds
# to the cap) and is one of each reader's followees: every home page then merges an account read at
# request time, as it would on a real network.
STAR_SHARE = 0.002
REPLY_SHARE, REPOST_SHARE, FOLLOWERS_ONLY_SHARE = 0.15, 0.10, 0.10
WORDS = [
    "the", "a", "of", "to", "and", "in", "is", "it", "that", "for", "on", "with", "as", "was", "at", "by",
    "this", "we", "be", "from", "or", "an", "are", "have", "not", "django", "python", "postgres", "redis",
    "feed", "timeline", "coffee", "music", "release", "today", "read", "thread", "fast", "slow", "garden",
    "bike", "photo", "book", "city", "train", "weekend", "idea", "question", "answer", "bug", "fix",
    "deploy", "test", "cache",
]  # fmt: skip
DUMP_DIR = Path(os.environ.get("BENCH_DUMP_DIR", "/tmp/threadly-bench"))


@dataclass(frozen=True)
class Cast:
    """Who the benchmark reads and posts as, by username."""

    readers: dict[int, str]  # followees -> username
    pushed: str = "bench_pushed"
    star: str = "bench_star"
    quiet: str = "bench_quiet"


def say(started: float, message: str) -> None:
    print(f"  [{time.monotonic() - started:5.1f}s] {message}", flush=True)


def copy_rows(model, columns: list[str], rows) -> int:
    """COPY `rows` (tuples in the order of `columns`) into the model's table; every other column gets
    its field's default (the database's own for an omitted identity or a db_default)."""
    now = timezone.now()
    filled = []
    for field in model._meta.concrete_fields:
        if field.column in columns or field.primary_key:
            continue
        default = now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) else None
        default = default or field.get_default()
        if not isinstance(default, DatabaseDefault):
            filled.append((field.column, default))
    names = ", ".join(connection.ops.quote_name(name) for name in [*columns, *(name for name, _ in filled)])
    defaults = tuple(value for _, value in filled)
    count = 0
    with connection.cursor() as cursor, cursor.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row + defaults)
            count += 1
    return count


class Drawing:
    """Users, follows and posts drawn in memory with their counters (lists indexed by user or post)."""

    def __init__(self, *, users: int, posts: int, seed: int):
        self.rng = random.Random(seed)
        self.names = [f"hf_{n}" for n in range(users - len(READER_FOLLOWS))]
        self.names += [f"reader_{count}" for count in READER_FOLLOWS]  # last: the long tail, quiet
        self.fans_from = len(self.names) + 3
        self.names += ["bench_pushed", "bench_star", "bench_quiet", *(f"bench_fan_{n}" for n in range(FANS))]
        self.followers = [0] * len(self.names)
        self.following = [0] * len(self.names)
        self.post_count = [0] * len(self.names)
        self.follows: list[tuple[int, int]] = []
        self.post_rows: list[list] = []
        self.draw_follows(users)
        self.draw_posts(users, posts)
        # Since they last read their home: within the last 30 days (about half of them active, whose feeds
        # the fan-out writes); the readers and the cast are made active every run (cast_activate). Drawn
        # last, so that the follows and posts are those drawn before feeds had readers to track.
        self.away = [timedelta(days=self.rng.uniform(0, 30)) for _ in range(users)]
        self.away += [timedelta(0)] * (len(self.names) - users)

    def follow(self, follower: int, followee: int) -> None:
        self.follows.append((follower, followee))
        self.following[follower] += 1
        self.followers[followee] += 1

    def draw_follows(self, users: int) -> None:
        """Everyone follows 5 to 50 people, popular ones more often; each reader follows exactly their
        number of people: bench_star and others drawn uniformly; the fans follow the fan-out and posting
        authors."""
        people = users - len(READER_FOLLOWS)
        picker = SkewedPicker(self.rng, people)
        for follower in range(people):
            wanted = self.rng.randint(5, 50)
            chosen = {picker.pick() for _ in range(wanted * 2)} - {follower}
            for followee in sorted(chosen)[:wanted]:
                self.follow(follower, followee)
        pushed, star, quiet = range(self.fans_from - 3, self.fans_from)
        for offset, count in enumerate(READER_FOLLOWS):
            for followee in [star, *sorted(self.rng.sample(range(people), count - 1))]:
                self.follow(people + offset, followee)
        for fan in range(self.fans_from, self.fans_from + FANS):
            self.follow(fan, star)
            if fan - self.fans_from < PUSHED_FOLLOWERS:
                self.follow(fan, pushed)
            if fan - self.fans_from < QUIET_FOLLOWERS:
                self.follow(fan, quiet)

    def body(self) -> str:
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(6, 40))).capitalize() + "."

    def recent(self, pool: list[int]) -> int:
        """One of the newest entries of `pool`: people answer and repost what is on their screens."""
        return pool[-1 - min(len(pool) - 1, int(self.rng.expovariate(1 / 300)))]

    def draw_posts(self, users: int, count: int) -> None:
        """`count` posts over 30 days, oldest first: first posts, replies to recent posts (in their
        thread, with its visibility) and reposts of recent public posts (one per person and post)."""
        picker = SkewedPicker(self.rng, users, exponent=0.8)
        start = timezone.now() - timedelta(days=30)
        step = timedelta(days=30) / max(count, 1)
        replyable: list[int] = []  # indexes of posts that are not reposts
        public: list[int] = []
        reposted: set[tuple[int, int]] = set()
        for index in range(count):
            author, kind, roll = picker.pick(), self.rng.random(), self.rng.random()
            if self.rng.random() < STAR_SHARE:
                author, kind = self.fans_from - 2, 1.0  # bench_star's posts start conversations
            # [author, body, visibility, in_reply_to, conversation, repost_of, reply_count, repost_count, created]
            row = [author, self.body(), "public", None, None, None, 0, 0, start + step * index]
            if replyable and kind < REPLY_SHARE:
                parent = self.recent(replyable)
                row[1:5] = [row[1], self.post_rows[parent][2], parent, self.post_rows[parent][4] or parent]
                self.post_rows[parent][6] += 1
            elif public and kind < REPLY_SHARE + REPOST_SHARE:
                original = self.recent(public)
                if (author, original) not in reposted:
                    reposted.add((author, original))
                    row[1], row[5] = "", original
                    self.post_rows[original][7] += 1
            elif roll < FOLLOWERS_ONLY_SHARE:
                row[2] = "followers"
            self.post_rows.append(row)
            if row[5] is None:
                self.post_count[author] += 1
                replyable.append(index)
                if row[2] == "public":
                    public.append(index)


def write(drawing: Drawing, started: float) -> None:
    """COPY the drawing after the stored rows, and move the id sequences past them."""
    user_base = max(User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0, 0) + 1
    post_base = max(Post.objects.order_by("-pk").values_list("pk", flat=True).first() or 0, 0) + 1
    password = make_password("bench-password")
    now, pulled_over = timezone.now(), settings.HOME_FEED_PUSH_MAX_FOLLOWERS
    columns = ["id", "username", "email", "password", "follower_count", "following_count", "post_count"]
    columns += ["last_active_at", "feed_pulled"]
    copy_rows(User, columns, (
        (user_base + n, name, f"{name}@example.com", password, drawing.followers[n], drawing.following[n],
         drawing.post_count[n], now - drawing.away[n], drawing.followers[n] > pulled_over)
        for n, name in enumerate(drawing.names)
    ))  # fmt: skip
    say(started, f"users: {len(drawing.names):,}")
    copy_rows(
        Follow,
        ["follower_id", "followee_id"],
        ((user_base + follower, user_base + followee) for follower, followee in drawing.follows),
    )
    say(started, f"follows: {len(drawing.follows):,}")

    def post_id(index):
        return None if index is None else post_base + index

    columns = ["id", "author_id", "body", "visibility", "in_reply_to_id", "conversation_id", "repost_of_id"]
    columns += ["reply_count", "repost_count", "created_at"]
    copy_rows(Post, columns, (
        (post_base + n, user_base + author, body, visibility, post_id(parent), post_id(root), post_id(original),
         replies, reposts, created)
        for n, (author, body, visibility, parent, root, original, replies, reposts, created)
        in enumerate(drawing.post_rows)
    ))  # fmt: skip
    say(started, f"posts: {len(drawing.post_rows):,}")
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [User, Post]):
            cursor.execute(statement)
        cursor.execute("ANALYZE")


def _dump_path(users: int, posts: int, seed: int) -> Path:
    """One dump per size, seed, and state of the migrations and of this module (either changes the rows)."""
    leaves = sorted(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())
    source = Path(__file__).read_bytes()
    digest = hashlib.sha256(repr((users, posts, seed, leaves)).encode() + source).hexdigest()[:12]
    return DUMP_DIR / f"home-feeds-{users}-{posts}-{seed}-{digest}.dump"


def _pg_tool(name: str) -> str:
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(candidates[0]) if candidates else shutil.which(name) or name


def _database_url() -> str:
    settings = connection.settings_dict
    return f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def cast_activate() -> int:
    """The readers and the fan-out cast read their home just now (a restored dump's "now" is old): the
    fan-out writes their feeds, and their reads trust them."""
    cast = User.objects.filter(username__regex=r"^(reader|bench)_")
    return cast.update(last_active_at=timezone.now())


def seeded_database(*, users: int, posts: int, seed: int, reuse: bool) -> Cast:
    """Migrate and fill the (empty) database, or restore the dump of an earlier run when `reuse`."""
    started = time.monotonic()
    dump = _dump_path(users, posts, seed)
    cast = Cast(readers={count: f"reader_{count}" for count in READER_FOLLOWS})
    if reuse and dump.exists():
        connection.close()
        subprocess.run([_pg_tool("pg_restore"), "--no-owner", "-d", _database_url(), str(dump)], check=True)
        connection.cursor().execute("ANALYZE")  # a dump carries no planner statistics
        say(started, f"restored {dump}")
        cast_activate()
        return cast
    call_command("migrate", verbosity=0)
    say(started, "migrated")
    drawing = Drawing(users=users, posts=posts, seed=seed)
    say(started, f"drew {len(drawing.follows):,} follows and {len(drawing.post_rows):,} posts")
    write(drawing, started)
    if reuse:
        DUMP_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([_pg_tool("pg_dump"), "-Fc", "-Z1", "-f", str(dump), _database_url()], check=True)
        say(started, f"kept {dump} for --reuse")
    cast_activate()
    return cast
