from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from threadly.text import ControlCharacterValidator


class Hashtag(models.Model):
    """A tag as written after `#`, stored lower-cased so #Django and #django are one."""

    name = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"#{self.name}"


class Post(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public"
        FOLLOWERS = "followers", "Followers only"

    # Indexed by post_author_id_desc below (author first), so no separate index.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts", db_index=False)
    # The admin edits bodies through a form; the services clean them before this runs.
    body = models.TextField(validators=[ControlCharacterValidator(multiline=True)])
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    like_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Set when a moderator removes the post: hidden everywhere, kept for the audit trail, restorable.
    removed_at = models.DateTimeField(null=True, blank=True)
    hashtags = models.ManyToManyField(Hashtag, related_name="posts", blank=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="mentioned_in", blank=True)

    class Meta:
        # Timelines are read newest first by id (ids grow with time), per author or public.
        indexes = [
            models.Index(fields=["author", "-id"], name="post_author_id_desc"),
            models.Index(fields=["visibility", "-id"], name="post_visibility_id_desc"),
        ]

    def __str__(self) -> str:
        return f"{self.author} #{self.pk}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("posts:detail", kwargs={"post_id": self.pk})

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


class Comment(models.Model):
    # Indexed by comment_post_id below.
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments", db_index=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments")
    # The admin edits bodies through a form; the services clean them before this runs.
    body = models.TextField(validators=[ControlCharacterValidator(multiline=True)])
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["post", "id"], name="comment_post_id")]

    def __str__(self) -> str:
        return f"{self.author} on #{self.post_id}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        return f"{reverse('posts:detail', kwargs={'post_id': self.post_id})}#comment-{self.pk}"


class Like(models.Model):
    # Both are the first column of an index below: the unique (user, post) and (post, -id).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="likes", db_index=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes", db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="like_once_per_user_post")]
        indexes = [models.Index(fields=["post", "-id"], name="like_post_id_desc")]

    def __str__(self) -> str:
        return f"{self.user} likes #{self.post_id}"
