"""What Mastodon's API keeps that Threadly has no room for elsewhere: an OAuth app's Mastodon
details, and each person's reading positions (markers)."""

from django.conf import settings
from django.db import models
from oauth2_provider.models import Application


class ClientApp(models.Model):
    """The Mastodon side of an OAuth application (django-oauth-toolkit's `Application`): its
    website and the scopes it registered with (`POST /api/v1/apps`)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="client_app")
    website = models.URLField(max_length=2000, blank=True)
    scopes = models.CharField(max_length=1000, default="read")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.application.name


class Marker(models.Model):
    """Where a person stopped reading a timeline (`home` or `notifications`), shared by their apps."""

    class Timeline(models.TextChoices):
        HOME = "home"
        NOTIFICATIONS = "notifications"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="markers")
    timeline = models.CharField(max_length=20, choices=Timeline.choices)
    last_read_id = models.BigIntegerField()
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "timeline"], name="one_marker_per_timeline")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.timeline} at {self.last_read_id}"
