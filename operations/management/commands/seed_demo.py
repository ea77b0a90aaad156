"""`manage.py seed_demo`: realistic, deterministic demo data, inserted in bulk.

The whole graph (users, follows, posts, likes, replies) is drawn in memory first, so every
denormalised counter is known before the rows are written and no recount pass is needed.
"""

import bisect
import itertools
import random
import time
from datetime import timedelta

import factory
import factory.random
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import User
from moderation.services import role_set
from notifications.models import Event, Notification
from posts.factories import PostFactory
from posts.models import Hashtag, Like, Post
from posts.text import extract_hashtags
from social.models import Follow

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "threadly-demo"
# Staff accounts with the same password, for trying the moderators' admin ("admin" is a reserved name).
DEMO_STAFF = {"moderator": User.Role.MODERATOR, "site_admin": User.Role.ADMIN}
# The demo user's notifications page: the newest few are unread.
DEMO_UNREAD = 8
TOPICS = [
    "django", "python", "opensource", "selfhosting", "postgres", "coffee", "music", "books",
    "cycling", "photography", "gardening", "cooking", "travel", "webdev", "design", "science",
]  # fmt: skip
BATCH = 5_000


class SkewedPicker:
    """Pick indexes with Zipf-like weights: a few popular accounts, a long tail."""

    def __init__(self, rng: random.Random, size: int, exponent: float = 1.1):
        self.rng = rng
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(size)))

    def pick(self) -> int:
        return bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])


class Command(BaseCommand):
    help = "Fill the database with demo users, follows, posts, likes and replies."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=200, help="How many users (default 200).")
        parser.add_argument("--posts", type=int, default=2_000, help="How many posts (default 2,000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the database has users.")

    def handle(self, *args, users: int, posts: int, seed: int, if_empty: bool, **options):
        if users < 2 + len(DEMO_STAFF) or posts < 0:
            raise CommandError(f"--users must be at least {2 + len(DEMO_STAFF)} and --posts at least 0.")
        if User.objects.exists():
            if if_empty:
                self.stdout.write("The database already has users; no demo data added.")
                return
            if User.objects.filter(username__iexact=DEMO_USERNAME).exists():
                raise CommandError("Demo data is already loaded (user 'demo' exists). Use a fresh database.")
        self.rng = random.Random(seed)
        factory.random.reseed_random(seed)
        self.started = time.monotonic()
        people = self._draw_users(users)
        follows = self._draw_follows(people)
        posts_drawn = self._draw_posts(people, posts)
        likes, replies = self._draw_likes_and_replies(people, posts_drawn)
        with transaction.atomic():
            self._insert(User, people, "users")
            self._insert(
                Follow, [Follow(follower=people[a], followee=people[b]) for a, b in sorted(follows)], "follows"
            )
            self._insert(Post, posts_drawn, "posts")
            self._link_hashtags_and_mentions(people, posts_drawn)
            self._insert(Like, likes, "likes")
            for reply in replies:
                reply.conversation_id = reply.in_reply_to.pk
            self._insert(Post, replies, "replies")
            self._notify_demo(people[0], follows=follows, people=people, likes=likes, replies=replies)
            for person in people[-len(DEMO_STAFF) :]:
                role_set(user=person, role=DEMO_STAFF[person.username], actor=None)
        if connection.vendor == "postgresql":
            # Fresh statistics, so that the planner knows the new tables' sizes at once.
            connection.cursor().execute("ANALYZE")
        self._say(
            f"Done: {users:,} users, {len(follows):,} follows, {posts:,} posts. "
            f"Log in as '{DEMO_USERNAME}' (or {' or '.join(repr(name) for name in DEMO_STAFF)}, staff) "
            f"with password '{DEMO_PASSWORD}'."
        )

    def _say(self, message: str) -> None:
        self.stdout.write(f"[{time.monotonic() - self.started:6.1f}s] {message}")

    def _insert(self, model, rows: list, label: str) -> list:
        """Bulk insert in batches with progress output; returns the rows (with ids)."""
        for start in range(0, len(rows), BATCH):
            model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
            done = min(start + BATCH, len(rows))
            if done == len(rows) or done % (BATCH * 10) == 0:
                self._say(f"{label}: {done:,}/{len(rows):,}")
        return rows

    def _draw_users(self, count: int) -> list[User]:
        # Hash once: Force skips the factory's per-user hashing, which would take minutes.
        password = factory.Transformer.Force(make_password(DEMO_PASSWORD))
        now = timezone.now()
        demo = UserFactory.build(username=DEMO_USERNAME, display_name="Demo Person", password=password)
        others = [UserFactory.build(password=password) for _ in range(count - 1 - len(DEMO_STAFF))]
        for number, person in enumerate(others, start=1):
            person.username = self._username_for(person.display_name, number)
            person.email = f"{person.username}@example.com"
        # Last, where the follow graph's long tail is: staff are not the popular accounts.
        staff = [
            UserFactory.build(
                username=name, email=f"{name}@example.com", display_name=f"Demo {role.label}", password=password
            )
            for name, role in DEMO_STAFF.items()
        ]
        people = [demo, *others, *staff]
        for person in people:
            person.created_at = now - timedelta(days=self.rng.uniform(31, 400))
        return people

    @staticmethod
    def _username_for(display_name: str, number: int) -> str:
        """A readable, unique username from the person's first name: "Ana Lima" -> "ana_12"."""
        first = "".join(ch for ch in display_name.split()[0].lower() if ch.isascii() and ch.isalnum())
        return f"{first[:20] or 'user'}_{number}"

    def _draw_follows(self, people: list[User]) -> set[tuple[int, int]]:
        """Each person follows 5–50 others, chosen with a skew; the demo user follows 30."""
        picker = SkewedPicker(self.rng, len(people))
        follows: set[tuple[int, int]] = set()
        for follower in range(len(people)):
            wanted = min(len(people) - 1, 30 if follower == 0 else self.rng.randint(5, 50))
            chosen: set[int] = set()
            for _ in range(wanted * 4):
                if len(chosen) >= wanted:
                    break
                followee = picker.pick()
                if followee != follower:
                    chosen.add(followee)
            follows.update((follower, followee) for followee in chosen)
        for follower, followee in follows:
            people[follower].following_count += 1
            people[followee].follower_count += 1
        self._say(f"drew {len(follows):,} follows")
        return follows

    def _post_body(self, people: list[User]) -> str:
        body = PostFactory.build(author=people[0]).body
        if self.rng.random() < 0.35:
            body += " " + " ".join(f"#{tag}" for tag in self.rng.sample(TOPICS, self.rng.randint(1, 2)))
        if self.rng.random() < 0.1:
            body = f"@{self.rng.choice(people).username} {body}"
        return body

    def _draw_posts(self, people: list[User], count: int) -> list[Post]:
        """Posts spread over the last 30 days, oldest first so that ids grow with time."""
        picker = SkewedPicker(self.rng, len(people), exponent=0.8)
        now = timezone.now()
        moments = sorted(now - timedelta(seconds=self.rng.uniform(60, 30 * 86_400)) for _ in range(count))
        posts = []
        for moment in moments:
            author = people[picker.pick()]
            visibility = Post.Visibility.FOLLOWERS if self.rng.random() < 0.1 else Post.Visibility.PUBLIC
            posts.append(Post(author=author, body=self._post_body(people), visibility=visibility, created_at=moment))
            author.post_count += 1
        self._say(f"drew {count:,} posts")
        return posts

    def _draw_likes_and_replies(self, people: list[User], posts: list[Post]) -> tuple[list[Like], list[Post]]:
        """About two likes and a third of a reply per post, recent posts drawing more."""
        if not posts:
            return [], []
        picker = SkewedPicker(self.rng, len(posts), exponent=0.3)
        newest_first = posts[::-1]
        liked = {(self.rng.randrange(len(people)), picker.pick()) for _ in range(len(posts) * 2)}
        likes = [Like(user=people[person], post=newest_first[index]) for person, index in sorted(liked)]
        replies = []
        for _ in range(len(posts) // 3):
            post = newest_first[picker.pick()]
            reply = PostFactory.build(in_reply_to=post, author=self.rng.choice(people))
            reply.created_at = min(timezone.now(), post.created_at + timedelta(minutes=self.rng.uniform(1, 600)))
            replies.append(reply)
            post.reply_count += 1
            reply.author.post_count += 1
        for like in likes:
            like.post.like_count += 1
        self._say(f"drew {len(likes):,} likes and {len(replies):,} replies")
        return likes, replies

    def _notify_demo(self, demo: User, *, follows, people, likes, replies) -> None:
        """The demo user's latest follows, likes and replies as notifications, the newest unread."""
        followers = [people[a] for a, b in sorted(follows) if b == 0]
        liked = [like for like in likes if like.post.author == demo and like.user != demo]
        replies = [reply for reply in replies if reply.in_reply_to.author == demo and reply.author != demo]
        events = [
            *(Event(kind=Event.Kind.FOLLOW, actor=person, subject=demo) for person in followers[-15:]),
            *(Event(kind=Event.Kind.LIKE, actor=like.user, post=like.post) for like in liked[-30:]),
            *(Event(kind=Event.Kind.REPLY, actor=reply.author, post=reply) for reply in replies[-15:]),
        ]
        self.rng.shuffle(events)
        for event in events:
            event.status = Event.Status.DONE
        self._insert(Event, events, "demo notification events")
        read_at = timezone.now()
        notifications = [
            Notification(
                recipient=demo,
                event=event,
                kind=event.kind,
                actor=event.actor,
                post=event.post,
                read_at=read_at if index < len(events) - DEMO_UNREAD else None,
            )
            for index, event in enumerate(events)
        ]
        self._insert(Notification, notifications, "demo notifications")

    def _link_hashtags_and_mentions(self, people: list[User], posts: list[Post]) -> None:
        Hashtag.objects.bulk_create([Hashtag(name=tag) for tag in TOPICS], ignore_conflicts=True)
        tag_ids = dict(Hashtag.objects.filter(name__in=TOPICS).values_list("name", "id"))
        by_username = {person.username.lower(): person.pk for person in people}
        post_tags, post_mentions = [], []
        for post in posts:
            post_tags += [
                Post.hashtags.through(post_id=post.pk, hashtag_id=tag_ids[tag])
                for tag in extract_hashtags(post.body)
                if tag in tag_ids
            ]
            mentioned = by_username.get(post.body.split()[0][1:].lower()) if post.body.startswith("@") else None
            if mentioned:
                post_mentions.append(Post.mentions.through(post_id=post.pk, user_id=mentioned))
        self._insert(Post.hashtags.through, post_tags, "hashtag links")
        self._insert(Post.mentions.through, post_mentions, "mentions")
