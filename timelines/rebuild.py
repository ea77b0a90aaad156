"""Filling feeds from the database: a whole feed (rebuild) or one author's part of it (backfill, prune)."""

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts.models import User
from posts.models import Post
from social.models import Follow
from timelines import feeds


def home_candidates(user: User) -> QuerySet:
    """What a home feed holds: what the fan-out pushes, the posts of the reader and of the people they
    follow, and of replies those to these same people. Whether the reader may see one now (removed,
    its author suspended, muted or blocked, a followers-only post reposted, a repost seen first
    elsewhere) is asked at each read, never written into the feed: that can change back without a
    follow, and a post left out of a rebuild or a backfill would then be missing for good.
    """
    people = [*Follow.objects.filter(follower=user).values_list("followee_id", flat=True), user.pk]
    return Post.objects.filter(Q(conversation_id=None) | Q(in_reply_to__author_id__in=people), author_id__in=people)


def home_feed_rebuild(user: User) -> int:
    """Make the reader's feed anew from the database; how many ids it was given.

    The feed exists (marked as building) before the database is read, so a post published
    meanwhile is either in what the query reads or pushed into the feed: none falls between.
    """
    cap = settings.HOME_FEED_CAP
    feeds.build_start(user.pk)
    ids = list(home_candidates(user).order_by("-id").values_list("pk", flat=True)[:cap])
    feeds.build_finish(user.pk, ids, floor=ids[-1] if len(ids) == cap else 0)
    return len(ids)


def author_backfill(*, reader: User, author: User) -> int:
    """The author's posts, and the replies to them by people the reader follows, that the reader's
    home may now show (they followed, unmuted or unblocked the author): into the feed, if it exists."""
    if not feeds.feed_exists(reader.pk):
        return 0
    about_author = Q(author=author) | Q(in_reply_to__author=author)
    rows = home_candidates(reader).filter(about_author).order_by("-id")
    ids = list(rows.values_list("pk", flat=True)[: settings.HOME_FEED_CAP])
    feeds.ids_add([feeds.home_key(reader.pk)], ids)
    return len(ids)


def author_prune(*, reader_id: int, author_id: int) -> int:
    """Take the author's posts out of the reader's feed (unfollowed, muted, blocked either way).

    Only to free the room they take: reads filter them out anyway. Others' reposts and replies
    stay, for they show again when the author does (an unmute) without a backfill.
    """
    in_feed = feeds.feed_ids(reader_id)
    ids = list(Post.objects.filter(pk__in=in_feed, author_id=author_id).values_list("pk", flat=True))
    feeds.ids_remove(reader_id, ids)
    return len(ids)


def recent_posts_of(author_id: int) -> list[int]:
    """The author's latest posts (as many as a feed keeps), oldest first, to push again."""
    ids = Post.objects.filter(author_id=author_id).order_by("-id").values_list("pk", flat=True)
    return sorted(ids[: settings.HOME_FEED_CAP])
