from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from accounts.models import User
from notifications.models import Event, Notification
from posts.policy import seeable_posts_q
from social.selectors import authors_not_hidden_from

# Several of these about one post (or several follows) read better as one line.
GROUPABLE_KINDS = {Event.Kind.LIKE, Event.Kind.REPLY, Event.Kind.FOLLOW, Event.Kind.REPOST}


def unread_count_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(user: User) -> int:
    """The badge's number, from the cache; workers delete the key when they deliver."""
    key = unread_count_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = notifications_for(user).filter(read_at=None).count()
        cache.set(key, count, timeout=settings.NOTIFICATION_BADGE_CACHE_SECONDS)
    return count


def notifications_for(user: User) -> QuerySet:
    """The user's notifications with what a page shows of them, in one query.

    Those from people the user blocked or muted, or who blocked them, are left out (and come
    back on undo). `post_visible` says whether the user may still read the post (posts.policy: a
    moderator may have removed it, or they unfollowed the author of a followers-only one since), so its
    words are shown only then; `parent_visible` says the same of the post a reply answers, and
    `quoted_visible` of the post a quote quotes (the recipient's own, which a moderator may have removed).
    """
    post_visible = Q(post=None) | seeable_posts_q(user, prefix="post__")
    parent_visible = Q(post__in_reply_to__isnull=False) & seeable_posts_q(user, prefix="post__in_reply_to__")
    quoted_visible = Q(post__quoted_post__isnull=False) & seeable_posts_q(user, prefix="post__quoted_post__")
    return (
        Notification.objects.filter(recipient=user)
        .filter(Q(kind=Event.Kind.WARNING) | authors_not_hidden_from(user, field="actor"))
        .select_related("actor__avatar_image", "post__in_reply_to", "post__quoted_post", "event")
        .annotate(
            post_visible=ExpressionWrapper(post_visible, output_field=BooleanField()),
            parent_visible=ExpressionWrapper(parent_visible, output_field=BooleanField()),
            quoted_visible=ExpressionWrapper(quoted_visible, output_field=BooleanField()),
        )
    )


@dataclass
class NotificationGroup:
    """Notifications of one kind about one thing, newest first: "ana and 3 others liked your post"."""

    items: list[Notification] = field(default_factory=list)

    @property
    def first(self) -> Notification:
        return self.items[0]

    @property
    def kind(self) -> str:
        return self.first.kind

    @property
    def actors(self) -> list[User]:
        return list({item.actor_id: item.actor for item in self.items}.values())

    @property
    def others_count(self) -> int:
        return len(self.actors) - 1

    @property
    def is_unread(self) -> bool:
        return any(item.is_unread for item in self.items)

    @property
    def ids(self) -> list[int]:
        return [item.pk for item in self.items]

    @property
    def created_at(self) -> datetime:
        return self.first.created_at


def _about(notification: Notification) -> int | None:
    """What a notification is about, for grouping: replies group by the post they answer."""
    if notification.kind == Event.Kind.REPLY and notification.post is not None:
        return notification.post.in_reply_to_id
    return notification.post_id


def group_notifications(page: list[Notification]) -> list[NotificationGroup]:
    """Fold a page's neighbouring likes, replies or follows about the same thing into groups."""
    groups: list[NotificationGroup] = []
    for notification in page:
        previous = groups[-1].first if groups else None
        if (
            previous is not None
            and notification.kind in GROUPABLE_KINDS
            and (notification.kind, _about(notification)) == (previous.kind, _about(previous))
        ):
            groups[-1].items.append(notification)
        else:
            groups.append(NotificationGroup(items=[notification]))
    return groups
