import hashlib
from urllib.parse import urlsplit

from django.db import models
from django.utils import timezone


def url_hash(url: str) -> str:
    """A card's key: a long URL cannot be indexed as it is, its SHA-256 can."""
    return hashlib.sha256(url.encode()).hexdigest()


class LinkCard(models.Model):
    """What a link looks like in a post: read from the page's OpenGraph tags, shared by every post that
    links to the same (normalised) URL, fetched again once LINK_PREVIEW_TTL has passed.

    The picture is stored here as a small thumbnail (the pages' CSP lets images come only from the
    site itself), never hot-linked. Only a READY card is shown.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    url = models.TextField()
    url_hash = models.CharField(max_length=64, unique=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    # Why the last fetch failed, for the admin and the logs (never shown to readers).
    failure = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300, blank=True)
    description = models.CharField(max_length=500, blank=True)
    site_name = models.CharField(max_length=100, blank=True)
    image = models.FileField(upload_to="link_cards/%Y/%m/", blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    fetched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Card for {self.url[:80]} ({self.state})"

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY

    @property
    def domain(self) -> str:
        """The host the link goes to, as the card names it (without a leading www.)."""
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")
