"""`manage.py seed_demo`: realistic, deterministic demo data, inserted in bulk.

The whole graph (users, follows, posts, conversations of replies, reposts and quotes, likes, the
demo user's bookmarks) is drawn in memory first, so every denormalised counter is known before
the rows are written and no recount pass is needed. Posts get their ids in time order before they
are inserted, so that a reply can name its parent and its thread's first post within one batch.
"""

import random
import time
from datetime import timedelta

import factory
import factory.random
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import User
from moderation.services import role_set
from notifications.models import Event, Notification
from operations.demo_conversations import ConversationDrawer, Conversations, SkewedPicker, planned_shares
from operations.demo_pictures import demo_picture_posts
from posts.factories import PostFactory
from posts.models import Bookmark, Hashtag, Like, Post
from posts.text import extract_hashtags
from social.models import Follow

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "threadly-demo"
# Staff accounts with the same password, for trying the moderators' admin ("admin" is a reserved name).
DEMO_STAFF = {"moderator": User.Role.MODERATOR, "site_admin": User.Role.ADMIN}
# The demo user's notifications page: the newest few are unread.
DEMO_UNREAD = 8
# Posts the demo user kept, for the /bookmarks/ page.
DEMO_BOOKMARKS = 15
TOPICS = [
    "django", "python", "opensource", "selfhosting", "postgres", "coffee", "music", "books",
    "cycling", "photography", "gardening", "cooking", "travel", "webdev", "design", "science",
]  # fmt: skip
BATCH = 5_000


class Command(BaseCommand):
    help = (
        "Fill the database with demo users, follows, posts, threads of replies, reposts, quotes, likes and bookmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=200, help="How many users (default 200).")
        parser.add_argument(
            "--posts", type=int, default=2_000, help="How many posts, replies, reposts and quotes (default 2,000)."
        )
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
        posts_drawn, conversations = self._draw_posts_and_conversations(people, posts)
        likes = self._draw_likes(people, posts_drawn)
        with transaction.atomic():
            self._insert(User, people, "users")
            self._insert(
                Follow, [Follow(follower=people[a], followee=people[b]) for a, b in sorted(follows)], "follows"
            )
            self._insert_posts_in_time_order(posts_drawn, conversations)
            self._link_hashtags_and_mentions(people, posts_drawn)
            self._insert(Like, likes, "likes")
            self._insert(Bookmark, self._draw_demo_bookmarks(people[0], posts_drawn), "demo bookmarks")
            self._notify_demo(people[0], follows=follows, people=people, likes=likes, conversations=conversations)
            for person in people[-len(DEMO_STAFF) :]:
                role_set(user=person, role=DEMO_STAFF[person.username], actor=None)
        self._say(f"{demo_picture_posts(people, rng=self.rng)} posts with pictures")
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

    def _draw_posts_and_conversations(self, people: list[User], count: int):
        """`count` posts over the last 30 days, oldest first: first posts, then replies, reposts and quotes
        on them (operations.demo_conversations); first posts make up for any the drawing could not place."""
        replies, reposts, quotes = planned_shares(count)
        now = timezone.now()
        roots = self._draw_first_posts(people, count - replies - reposts - quotes, now)
        drawn = ConversationDrawer(self.rng, people, roots, now).draw(replies=replies, reposts=reposts, quotes=quotes)
        roots += self._draw_first_posts(people, count - len(roots) - len(drawn), now)
        posts = sorted([*roots, *drawn.replies, *drawn.reposts, *drawn.quotes], key=lambda post: post.created_at)
        self._say(
            f"drew {count:,} posts: {len(drawn.replies):,} replies, {len(drawn.reposts):,} reposts, "
            f"{len(drawn.quotes):,} quotes"
        )
        return posts, drawn

    def _draw_first_posts(self, people: list[User], count: int, now) -> list[Post]:
        """Posts that start a conversation, oldest first."""
        picker = SkewedPicker(self.rng, len(people), exponent=0.8)
        moments = sorted(now - timedelta(seconds=self.rng.uniform(60, 30 * 86_400)) for _ in range(count))
        posts = []
        for moment in moments:
            author = people[picker.pick()]
            visibility = Post.Visibility.FOLLOWERS if self.rng.random() < 0.1 else Post.Visibility.PUBLIC
            posts.append(Post(author=author, body=self._post_body(people), visibility=visibility, created_at=moment))
            author.post_count += 1
        return posts

    def _insert_posts_in_time_order(self, posts: list[Post], conversations: Conversations) -> None:
        """Number the posts after the newest stored one, oldest first, insert them, and move the id
        sequence past them: a reply's parent and thread root have their ids before any batch is sent."""
        first = (Post.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        for number, post in enumerate(posts, start=first):
            post.pk = number
        conversations.set_conversation_ids()
        self._insert(Post, posts, "posts")
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Post]):
                cursor.execute(statement)

    def _draw_likes(self, people: list[User], posts: list[Post]) -> list[Like]:
        """About two likes per post (reposts have nothing of their own to like), recent posts drawing more."""
        likeable = [post for post in reversed(posts) if post.repost_of is None]
        if not likeable:
            return []
        picker = SkewedPicker(self.rng, len(likeable), exponent=0.3)
        liked = {(self.rng.randrange(len(people)), picker.pick()) for _ in range(len(posts) * 2)}
        likes = [Like(user=people[person], post=likeable[index]) for person, index in sorted(liked)]
        for like in likes:
            like.post.like_count += 1
        self._say(f"drew {len(likes):,} likes")
        return likes

    def _draw_demo_bookmarks(self, demo: User, posts: list[Post]) -> list[Bookmark]:
        """Public posts and replies of others the demo user kept, recent ones more often, in the order kept."""
        keepable = [
            post
            for post in reversed(posts)
            if post.repost_of is None and post.author is not demo and post.visibility == Post.Visibility.PUBLIC
        ]
        if not keepable:
            return []
        picker = SkewedPicker(self.rng, len(keepable), exponent=0.4)
        kept = list(dict.fromkeys(keepable[picker.pick()] for _ in range(DEMO_BOOKMARKS * 2)))[:DEMO_BOOKMARKS]
        return [Bookmark(user=demo, post=post) for post in kept]

    def _notify_demo(self, demo: User, *, follows, people, likes, conversations) -> None:
        """The demo user's latest follows, likes, replies, reposts and quotes as notifications, the newest unread.

        A reply's notification names the reply, as the app's do; a repost's and a quote's name the post
        reposted or quoted.
        """
        followers = [people[a] for a, b in sorted(follows) if b == 0]
        liked = [like for like in likes if like.post.author is demo and like.user is not demo]
        replies = [
            reply for reply in conversations.replies if reply.in_reply_to.author is demo and reply.author is not demo
        ]
        reposts = [repost for repost in conversations.reposts if repost.repost_of.author is demo]
        quotes = [
            quote for quote in conversations.quotes if quote.quoted_post.author is demo and quote.author is not demo
        ]
        events = [
            *(Event(kind=Event.Kind.FOLLOW, actor=person, subject=demo) for person in followers[-15:]),
            *(Event(kind=Event.Kind.LIKE, actor=like.user, post=like.post) for like in liked[-30:]),
            *(Event(kind=Event.Kind.REPLY, actor=reply.author, post=reply) for reply in replies[-15:]),
            *(Event(kind=Event.Kind.REPOST, actor=repost.author, post=repost.repost_of) for repost in reposts[-10:]),
            *(Event(kind=Event.Kind.QUOTE, actor=quote.author, post=quote.quoted_post) for quote in quotes[-10:]),
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
