"""The demo's conversations, drawn in memory for `seed_demo`: replies, reposts and quotes.

Replies form threads several levels deep (people answer the latest reply more often than the
first post) and a few long back-and-forths between a small cast. Every reply, repost and quote
comes after the post it answers, and the counters it moves are counted as it is drawn, so the
command can give all posts ids in time order and insert them in bulk without a recount.
"""

import bisect
import itertools
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from accounts.models import User
from posts.factories import PostFactory
from posts.models import Post

# Shares of the posts asked for: the rest are posts that start a conversation.
REPLY_SHARE, REPOST_SHARE, QUOTE_SHARE = 0.35, 0.10, 0.05
# A long thread: this many replies at most, among this many people.
LONG_THREAD_REPLIES, LONG_THREAD_CAST = 40, 4
# One long thread for every this many public first posts (at least one when there are replies).
ROOTS_PER_LONG_THREAD = 150


class SkewedPicker:
    """Pick indexes with Zipf-like weights: a few popular accounts (or posts), a long tail."""

    def __init__(self, rng: random.Random, size: int, exponent: float = 1.1):
        self.rng = rng
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(size)))

    def pick(self) -> int:
        return bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])


def planned_shares(count: int) -> tuple[int, int, int]:
    """How many of `count` posts are replies, reposts and quotes."""
    return int(count * REPLY_SHARE), int(count * REPOST_SHARE), int(count * QUOTE_SHARE)


@dataclass
class Conversations:
    replies: list[Post] = field(default_factory=list)
    reposts: list[Post] = field(default_factory=list)
    quotes: list[Post] = field(default_factory=list)
    # Each reply's thread root, by identity: the ids are only given when every post is drawn.
    roots: dict[int, Post] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.replies) + len(self.reposts) + len(self.quotes)

    def set_conversation_ids(self) -> None:
        """Once the posts have ids: each reply carries its thread's first post's id."""
        for reply in self.replies:
            reply.conversation_id = self.roots[id(reply)].pk


class ConversationDrawer:
    """Draw replies, reposts and quotes on `roots` (posts that start a conversation, oldest first)."""

    def __init__(self, rng: random.Random, people: list[User], roots: list[Post], now: datetime):
        self.rng, self.people, self.now = rng, people, now
        self.public_roots = [post for post in roots if post.visibility == Post.Visibility.PUBLIC][::-1]
        self.drawn = Conversations()
        self.threads: dict[int, list[Post]] = {id(root): [root] for root in self.public_roots}

    def draw(self, *, replies: int, reposts: int, quotes: int) -> Conversations:
        if not self.public_roots:
            return self.drawn
        long_threads = max(1, len(self.public_roots) // ROOTS_PER_LONG_THREAD) if replies else 0
        in_long_threads = min(replies // 3, long_threads * LONG_THREAD_REPLIES)
        for root in self.rng.sample(self.public_roots[: max(1, len(self.public_roots) // 2)], long_threads):
            self._draw_long_thread(root, in_long_threads // long_threads)
        self._draw_replies(replies - len(self.drawn.replies))
        answerable = sorted([*self.public_roots, *self.drawn.replies], key=lambda post: post.created_at, reverse=True)
        self._draw_reposts(answerable, reposts)
        self._draw_quotes(answerable, quotes)
        return self.drawn

    def _someone_but(self, person: User) -> User:
        someone = self.rng.choice(self.people)
        while someone is person:
            someone = self.rng.choice(self.people)
        return someone

    def _after(self, post: Post, *, max_minutes: float) -> datetime:
        return min(self.now, post.created_at + timedelta(minutes=self.rng.uniform(1, max_minutes)))

    def _reply(self, parent: Post, author: User, *, max_minutes: float) -> Post:
        root = self.drawn.roots.get(id(parent), parent)
        body = f"@{parent.author.username} {PostFactory.build(author=author).body}"
        reply = Post(
            author=author,
            body=body,
            visibility=Post.Visibility.PUBLIC,
            in_reply_to=parent,
            created_at=self._after(parent, max_minutes=max_minutes),
        )
        self.drawn.roots[id(reply)] = root
        self.threads[id(root)].append(reply)
        self.drawn.replies.append(reply)
        parent.reply_count += 1
        author.post_count += 1
        return reply

    def _draw_long_thread(self, root: Post, count: int) -> None:
        """A back-and-forth: mostly answering the latest reply, so the thread goes deep."""
        others = [person for person in self.people if person is not root.author]
        cast = [root.author, *self.rng.sample(others, min(LONG_THREAD_CAST - 1, len(others)))]
        thread = self.threads[id(root)]
        for _ in range(count):
            parent = thread[-1] if self.rng.random() < 0.75 else self.rng.choice(thread)
            speakers = [person for person in cast if person is not parent.author]
            self._reply(parent, self.rng.choice(speakers), max_minutes=45)

    def _draw_replies(self, count: int) -> None:
        """Replies spread over many posts, recent ones drawing more; some answer a reply, not the post."""
        picker = SkewedPicker(self.rng, len(self.public_roots), exponent=0.5)
        for _ in range(count):
            root = self.public_roots[picker.pick()]
            thread = self.threads[id(root)]
            parent = root if self.rng.random() < 0.5 else self.rng.choice(thread)
            if parent.author is not root.author and self.rng.random() < 0.3:
                author = root.author  # The first post's author answers back.
            else:
                author = self._someone_but(parent.author)
            self._reply(parent, author, max_minutes=600)

    def _draw_reposts(self, answerable: list[Post], count: int) -> None:
        """Reposts: public, no text of their own, once per person and post, never of one's own post."""
        picker = SkewedPicker(self.rng, len(answerable), exponent=0.6)
        taken: set[tuple[int, int]] = set()
        for _ in range(count * 2):
            if len(self.drawn.reposts) >= count:
                break
            original = answerable[picker.pick()]
            person = self._someone_but(original.author)
            if (id(person), id(original)) in taken:
                continue
            taken.add((id(person), id(original)))
            repost = Post(
                author=person,
                body="",
                visibility=Post.Visibility.PUBLIC,
                repost_of=original,
                created_at=self._after(original, max_minutes=24 * 60),
            )
            self.drawn.reposts.append(repost)
            original.repost_count += 1

    def _draw_quotes(self, answerable: list[Post], count: int) -> None:
        """Quote posts: a post of one's own words with another post as its card."""
        picker = SkewedPicker(self.rng, len(answerable), exponent=0.6)
        for _ in range(count):
            quoted, person = answerable[picker.pick()], self.rng.choice(self.people)
            quote = Post(
                author=person,
                body=PostFactory.build(author=person).body,
                visibility=Post.Visibility.PUBLIC,
                quoted_post=quoted,
                created_at=self._after(quoted, max_minutes=24 * 60),
            )
            self.drawn.quotes.append(quote)
            quoted.quote_count += 1
            person.post_count += 1
