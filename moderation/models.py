from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Report(models.Model):
    """Someone flags a post (a reply is a post) or a person for the moderators' queue."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam"
        ABUSE = "abuse", "Abuse or harassment"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DISMISSED = "dismissed", "Dismissed"
        ACTIONED = "actioned", "Action taken"

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made")
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="reports_about"
    )
    reason = models.CharField(max_length=10, choices=Reason.choices)
    text = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, person__isnull=True) | Q(post__isnull=True, person__isnull=False),
                name="report_has_one_target",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="report_queue")]

    def __str__(self) -> str:
        return f"Report #{self.pk} ({self.get_reason_display()}) about {self.target_label}"

    @property
    def target(self):
        return self.post or self.person

    @property
    def target_label(self) -> str:
        if self.post_id:
            return f"{'reply' if self.post.in_reply_to_id else 'post'} #{self.post_id}"
        return f"@{self.person}"

    @property
    def author(self):
        """Whose content or account the report is about."""
        if self.post_id:
            return self.post.author
        return self.person


class ModerationAction(models.TextChoices):
    """Everything a moderator or admin can do to a report, a post, a reply or an account: what the
    services accept, the admin's actions name and the audit log records. Anything else is an error."""

    DISMISS = "dismiss", "Dismissed a report"
    REMOVE = "remove", "Removed content"
    RESTORE = "restore", "Restored content"
    SUSPEND = "suspend", "Suspended an account"
    UNSUSPEND = "unsuspend", "Lifted a suspension"
    WARN = "warn", "Warned someone"
    SET_ROLE = "set_role", "Changed a role"


class AuditLogEntry(models.Model):
    """One moderator action: who, what, when and why. Written once, never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when done with a management command.",
    )
    actor_name = models.CharField(max_length=150, help_text="Kept when the account is deleted.")
    action = models.CharField(max_length=10, choices=ModerationAction.choices)
    target = models.CharField(max_length=200, help_text='What was acted on, e.g. "post #12 by @ana".')
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.get_action_display().lower()}: {self.target}"
