from django.conf import settings
from django.db import models
from django.utils import timezone

from threadly.text import ControlCharacterValidator


class Image(models.Model):
    """One uploaded picture and what the pipeline made of it.

    `upload` is the file as it came, kept only until it is processed: it may carry metadata (GPS) and
    is never served. Processing writes `file` (metadata stripped, orientation fixed, at most
    IMAGE_MAX_SIDE pixels a side), `thumbnail` and `blurhash`, then empties `upload`. Only a READY
    image is shown.
    """

    class Purpose(models.TextChoices):
        POST = "post", "Post"
        AVATAR = "avatar", "Avatar"
        HEADER = "header", "Profile header"

    class State(models.TextChoices):
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    uploader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="images")
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.POST)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROCESSING)
    # Why processing failed, in words for the uploader.
    failure = models.CharField(max_length=200, blank=True)
    alt_text = models.TextField(
        blank=True,
        max_length=settings.IMAGE_ALT_TEXT_MAX_LENGTH,
        validators=[ControlCharacterValidator(multiline=True)],
    )
    upload = models.FileField(upload_to="uploads/%Y/%m/", blank=True)
    file = models.FileField(upload_to="images/%Y/%m/", blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    thumbnail = models.FileField(upload_to="thumbnails/%Y/%m/", blank=True)
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True)
    # A few dozen characters that paint a blurred preview until the thumbnail has loaded.
    blurhash = models.CharField(max_length=100, blank=True)
    content_type = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["uploader", "-id"], name="image_uploader_id_desc")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} image #{self.pk} by {self.uploader_id}"

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY
