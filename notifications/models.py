from django.conf import settings
from django.db import models
from django.utils import timezone


class Event(models.Model):
    """Something that happened, written in the same transaction as the action: the outbox.

    Once committed it is handed to a Celery worker, which turns it into notifications;
    a periodic relay hands it over again while it is still pending (for example because
    Redis was down), and one that keeps failing is parked with its error.
    """

    class Kind(models.TextChoices):
        FOLLOW = "follow", "followed you"
        LIKE = "like", "liked your post"
        REPLY = "reply", "replied to your post"
        REPOST = "repost", "reposted your post"
        QUOTE = "quote", "quoted your post"
        MENTION = "mention", "mentioned you"
        POST = "post", "posted"
        WARNING = "warning", "warned you"
        EDIT = "edit", "edited a post you reposted or quoted"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        PARKED = "parked", "Parked"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The person acted upon (follow), or the post concerned (the others: for a reply, the reply).
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("posts.Post", null=True, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=1000, blank=True, help_text="A moderator's words, for a warning.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    chunk_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many delivery tasks its fan-out was split into."
    )
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    relayed_at = models.DateTimeField(null=True, blank=True, help_text="When the relay last handed it over again.")
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The relay's scan of what is still pending.
            models.Index(fields=["created_at"], condition=models.Q(status="pending"), name="event_pending_created"),
            # "Has this person just done the same thing?" before recording a like or a follow.
            models.Index(fields=["actor", "kind", "-created_at"], name="event_actor_kind_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_kind_display()} ({self.status})"


class DeliveredChunk(models.Model):
    """One delivery task of a fan-out, landed: the event is done when all of them have."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="delivered_chunks", db_index=False)
    index = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "index"], name="chunk_delivered_once")]

    def __str__(self) -> str:
        return f"event {self.event_id} chunk {self.index}"


class Notification(models.Model):
    """One person told of one event; unique, so a redelivered fan-out doubles nothing."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", db_index=False
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notifications")
    # Copied from the event so that a page of notifications needs no join through it.
    kind = models.CharField(max_length=10, choices=Event.Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("posts.Post", null=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "event"], name="notify_once_per_event")]
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_recipient_id"),
            models.Index(fields=["recipient"], condition=models.Q(read_at=None), name="notification_unread"),
            models.Index(fields=["created_at"], name="notification_created"),
        ]

    def __str__(self) -> str:
        return f"to {self.recipient_id}: {self.actor_id} {self.kind}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
