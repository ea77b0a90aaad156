"""Who is told of an event: the rules, in one place, for the fan-out task."""

from collections.abc import Iterator

from django.db.models import Q

from accounts.models import User
from notifications.models import Event
from posts.models import Post
from posts.policy import people_who_may_see
from social.models import Follow
from social.selectors import ids_refusing


def refusing_recipient_ids(actor: User) -> set[int]:
    """People who must not hear from `actor`: they blocked or muted them."""
    return ids_refusing(actor)


def _mentioned_ids(event: Event) -> set[int]:
    """The people an event's post mentions who may see it (posts.policy)."""
    ids = set(people_who_may_see(post=event.post, people=event.post.mentions.all()).values_list("id", flat=True))
    if event.post.in_reply_to is not None:
        ids.discard(event.post.in_reply_to.author_id)  # They hear of the reply itself.
    return ids


def _followers_to_tell_of_post(event: Event) -> Iterator[int]:
    """Followers of the author who want to hear of their posts, in id order, without the mentioned."""
    follows = Follow.objects.filter(
        followee_id=event.actor_id,
        notify_posts=True,
        follower__notify_followed_posts=True,
        follower__is_active=True,
    ).exclude(follower__in=event.post.mentions.all())
    return follows.order_by("follower_id").values_list("follower_id", flat=True).iterator(chunk_size=5000)


def _quoted_author_ids(event: Event) -> list[int]:
    """A quote's event tells the quoted post's author, if the quote is still attached and they may see it."""
    quote = event.post
    if quote.quoted_post_id is None or quote.quote_detached_at is not None:
        return []
    author = User.objects.filter(pk=quote.quoted_post.author_id)
    return list(people_who_may_see(post=quote, people=author).values_list("id", flat=True))


def _sharer_ids(event: Event) -> list[int]:
    """An edit's event tells who reposted the post or quoted it (a quote still attached and shown), if
    they may still see it: each person once, whether they reposted, quoted or both."""
    post = event.post
    shared = Q(repost_of=post) | Q(quoted_post=post, quote_detached_at=None, removed_at=None)
    people = User.objects.filter(pk__in=Post.objects.filter(shared).values("author_id"))
    return sorted(people_who_may_see(post=post, people=people).values_list("id", flat=True))


def recipient_ids(event: Event) -> Iterator[int]:
    """Every recipient of `event` once, never its actor nor anyone refusing them."""
    if event.kind == Event.Kind.WARNING:
        return iter([event.subject_id])  # A moderator's warning reaches its person whatever they block.
    if event.kind == Event.Kind.FOLLOW:
        candidates = iter([event.subject_id])
    elif event.kind in {Event.Kind.LIKE, Event.Kind.REPOST}:
        candidates = iter([event.post.author_id])  # A repost's event is about the original.
    elif event.kind == Event.Kind.REPLY:
        parent = event.post.in_reply_to
        candidates = iter([parent.author_id] if parent is not None else [])
    elif event.kind == Event.Kind.QUOTE:
        candidates = iter(_quoted_author_ids(event))
    elif event.kind == Event.Kind.EDIT:
        candidates = iter(_sharer_ids(event))
    elif event.kind == Event.Kind.MENTION:
        candidates = iter(sorted(_mentioned_ids(event)))
    else:
        candidates = _followers_to_tell_of_post(event)
    excluded = refusing_recipient_ids(event.actor) | {event.actor_id}
    return (recipient for recipient in candidates if recipient not in excluded)


def in_chunks(ids: Iterator[int], size: int) -> Iterator[list[int]]:
    chunk = []
    for recipient in ids:
        chunk.append(recipient)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
