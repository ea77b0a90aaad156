from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from notifications import tasks
from notifications.models import DeliveredChunk, Event, Notification
from notifications.recipients import in_chunks, recipient_ids
from notifications.selectors import unread_count_key
from posts.models import Post
from threadly.tasks import enqueue, enqueue_on_commit

# Undoing and redoing these within NOTIFICATION_REPEAT_WINDOW tells nobody twice.
REPEATABLE_KINDS = {Event.Kind.LIKE, Event.Kind.FOLLOW, Event.Kind.REPOST}


def _repeated(*, kind: str, actor: User, subject: User | None, post: Post | None) -> bool:
    since = timezone.now() - settings.NOTIFICATION_REPEAT_WINDOW
    return Event.objects.filter(kind=kind, actor=actor, subject=subject, post=post, created_at__gte=since).exists()


def event_record(
    *,
    kind: str,
    actor: User,
    subject: User | None = None,
    post: Post | None = None,
    note: str = "",
) -> Event | None:
    """Write the event in the caller's transaction and hand it to a worker once that commits.

    None when it repeats a like or follow the actor just undid.
    """
    if kind in REPEATABLE_KINDS and _repeated(kind=kind, actor=actor, subject=subject, post=post):
        return None
    event = Event.objects.create(kind=kind, actor=actor, subject=subject, post=post, note=note)
    enqueue_on_commit(tasks.fan_out_event, event.pk)
    return event


def events_record_for_post(post: Post) -> None:
    """A new post: its author's followers are told (of a reply, the author of the post it answers),
    the people it mentions, and the author it quotes."""
    if post.in_reply_to is None:
        event_record(kind=Event.Kind.POST, actor=post.author, post=post)
    elif post.in_reply_to.author_id != post.author_id:
        event_record(kind=Event.Kind.REPLY, actor=post.author, post=post)
    if post.mentions.exists():
        event_record(kind=Event.Kind.MENTION, actor=post.author, post=post)
    if post.quoted_post_id is not None and post.quoted_post.author_id != post.author_id:
        event_record(kind=Event.Kind.QUOTE, actor=post.author, post=post)


def event_record_for_edit(post: Post) -> Event | None:
    """An edit of a post's words: the people who reposted or quoted it are told (notifications.recipients),
    one event per edit; none is written for a post nobody shared."""
    shared = Post.objects.filter(Q(repost_of=post) | Q(quoted_post=post, quote_detached_at=None))
    if not shared.exists():
        return None
    return event_record(kind=Event.Kind.EDIT, actor=post.author, post=post)


def notifications_deliver(*, event: Event, recipient_ids: list[int]) -> None:
    """Insert one notification per recipient; those already there (a redelivered chunk) are skipped."""
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=recipient,
                event=event,
                kind=event.kind,
                actor_id=event.actor_id,
                post_id=event.post_id,
                created_at=event.created_at,
            )
            for recipient in recipient_ids
        ],
        ignore_conflicts=True,
    )
    cache.delete_many([unread_count_key(recipient) for recipient in recipient_ids])


def _mark_done(event_id: int) -> None:
    Event.objects.filter(pk=event_id).update(status=Event.Status.DONE, processed_at=timezone.now(), last_error="")


def event_fan_out(event: Event) -> None:
    """Deliver an event: at once when it has one chunk of recipients, else one task a chunk.

    Every chunk is idempotent, so a fan-out that is retried, redelivered after a crash or
    relayed repeats its chunks harmlessly. A chunked event stays pending until every chunk
    has landed, so a chunk lost with a dead worker is sent again by the relay.
    """
    chunks = list(in_chunks(recipient_ids(event), settings.NOTIFICATION_CHUNK_SIZE))
    if len(chunks) <= 1:
        notifications_deliver(event=event, recipient_ids=chunks[0] if chunks else [])
        _mark_done(event.pk)
        return
    Event.objects.filter(pk=event.pk).update(chunk_count=len(chunks), relayed_at=timezone.now())
    for index, chunk in enumerate(chunks):
        tasks.deliver_notifications.delay(event.pk, index, chunk)


@transaction.atomic
def event_chunk_deliver(*, event: Event, index: int, recipient_ids: list[int]) -> None:
    """Deliver one chunk and record it; the last chunk to land marks the event done.

    The event row is locked only to count the landed chunks, so chunks of one event insert
    in parallel and two finishing together cannot both miss being the last.
    """
    notifications_deliver(event=event, recipient_ids=recipient_ids)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    DeliveredChunk.objects.get_or_create(event=locked, index=index)
    landed = DeliveredChunk.objects.filter(event=locked, index__lt=locked.chunk_count or 0).count()
    if locked.chunk_count and landed >= locked.chunk_count:
        _mark_done(event.pk)


def event_park(*, event_id: int, error: str) -> None:
    """An event whose fan-out or one of its chunks kept failing: kept aside with its error, for
    admin or `relay_outbox --parked`, which run the whole fan-out again (chunks are idempotent)."""
    Event.objects.filter(pk=event_id).update(status=Event.Status.PARKED, last_error=error[:2000])


def event_retry(event_id: int) -> bool:
    """Mark an event pending and hand it to the workers; False when the broker is unreachable."""
    Event.objects.filter(pk=event_id).update(status=Event.Status.PENDING, relayed_at=timezone.now())
    return enqueue(tasks.fan_out_event, event_id)


def events_relay(
    *, pending_for: timedelta, include_parked: bool = False, on_progress: Callable[[int], None] | None = None
) -> int:
    """Hand over again the events still pending after `pending_for` (and parked ones, if asked).

    Returns how many were handed over; stops at the first broker failure.
    """
    stale = timezone.now() - pending_for
    waiting = Q(status=Event.Status.PENDING) & (Q(relayed_at__lt=stale) | Q(relayed_at=None, created_at__lt=stale))
    if include_parked:
        waiting |= Q(status=Event.Status.PARKED)
    relayed = 0
    for event_id in Event.objects.filter(waiting).order_by("id").values_list("id", flat=True).iterator():
        if not event_retry(event_id):
            break
        relayed += 1
        if on_progress and relayed % 1000 == 0:
            on_progress(relayed)
    return relayed


def unread_count_forget(user: User) -> None:
    """The cached badge count is stale (someone was muted or blocked): count again next time."""
    cache.delete(unread_count_key(user.pk))


def notifications_mark_read(*, user: User, ids: list[int] | None = None, up_to: int | None = None) -> int:
    """Mark the user's notifications read: these ids, or those up to an id (an app's reading marker),
    or all. Returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at=None)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    if up_to is not None:
        unread = unread.filter(pk__lte=up_to)
    changed = unread.update(read_at=timezone.now())
    cache.delete(unread_count_key(user.pk))
    return changed


def notifications_dismiss(*, user: User, ids: list[int] | None = None) -> int:
    """Delete the user's notifications: these ids, or all (an app's "clear"). Returns how many went;
    another person's ids delete nothing."""
    mine = Notification.objects.filter(recipient=user)
    if ids is not None:
        mine = mine.filter(pk__in=ids)
    deleted, _ = mine.delete()
    cache.delete(unread_count_key(user.pk))
    return deleted


def notifications_prune(*, older_than: timedelta) -> tuple[int, int]:
    """Delete notifications and finished events older than `older_than`: (notifications, events)."""
    cutoff = timezone.now() - older_than
    notifications, _ = Notification.objects.filter(created_at__lt=cutoff).delete()
    events, _ = Event.objects.filter(status=Event.Status.DONE, created_at__lt=cutoff, notifications=None).delete()
    return notifications, events
