from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.models import QuotePolicy
from threadly.text import ControlCharacterValidator

CONTENT_WARNING_MAX_LENGTH = 100


class Hashtag(models.Model):
    """A tag as written after `#`, stored lower-cased so #Django and #django are one."""

    name = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"#{self.name}"


class Post(models.Model):
    """A post, a reply (`in_reply_to`) or a repost (`repost_of`, no body of its own).

    A conversation is a tree of posts: every reply carries the id of its thread's first post in
    `conversation_id`, so a whole thread is one indexed query. It is a plain id, not a foreign
    key, so the thread holds together when its first post is deleted.
    """

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public"
        FOLLOWERS = "followers", "Followers only"

    class ReplyPolicy(models.TextChoices):
        EVERYONE = "everyone", "Everyone"
        FOLLOWING = "following", "People I follow"
        MENTIONED = "mentioned", "Only people I mention"

    QuotePolicy = QuotePolicy

    # Indexed by post_author_id_desc below (author first), so no separate index.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts", db_index=False)
    # The admin edits bodies through a form; the services clean them before this runs.
    body = models.TextField(blank=True, validators=[ControlCharacterValidator(multiline=True)])
    # Shown instead of the body (and all below it) until the reader opens the fold; blank for none.
    content_warning = models.CharField(
        max_length=CONTENT_WARNING_MAX_LENGTH, blank=True, validators=[ControlCharacterValidator()]
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    # A reply whose parent is deleted stays in its conversation, as a reply to a post that is gone.
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies", db_index=False
    )
    conversation_id = models.BigIntegerField(null=True, blank=True, editable=False)
    # The first post read through conversation_id, with no column nor constraint of its own: lists join
    # it like `in_reply_to`, where a subquery on conversation_id made PostgreSQL read every post.
    conversation = models.ForeignObject(
        "self", models.DO_NOTHING, from_fields=["conversation_id"], to_fields=["id"], null=True, related_name="+"
    )
    repost_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="reposts", db_index=False
    )
    quoted_post = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes", db_index=False
    )
    # Set when the quoted post's author detached it from this quote: the card says so instead.
    quote_detached_at = models.DateTimeField(null=True, blank=True)
    # The preview card of the post's first link (previews), set by a `media` task once fetched.
    link_card = models.ForeignKey(
        "previews.LinkCard", null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    reply_policy = models.CharField(
        "who may reply", max_length=10, choices=ReplyPolicy.choices, default=ReplyPolicy.EVERYONE
    )
    quote_policy = models.CharField(
        "who may quote", max_length=10, choices=QuotePolicy.choices, default=QuotePolicy.EVERYONE
    )
    like_count = models.PositiveIntegerField(default=0)
    # Shown direct replies; removed ones leave the count.
    reply_count = models.PositiveIntegerField(default=0)
    repost_count = models.PositiveIntegerField(default=0)
    quote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Set when a moderator removes the post: hidden everywhere, kept for the audit trail, restorable.
    removed_at = models.DateTimeField(null=True, blank=True)
    # Bumped (F() + 1) by every change to what the post shows apart from its live counters: its words,
    # settings, quote card's state, its author's name or avatar. The rendering cache (posts.hydration)
    # keys each post's rendering by it, so a stale rendering is never read, only left to expire.
    version = models.PositiveIntegerField(default=1, editable=False)
    hashtags = models.ManyToManyField(Hashtag, related_name="posts", blank=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="mentioned_in", blank=True)

    class Meta:
        # Timelines are read newest first by id (ids grow with time), per author or public.
        indexes = [
            models.Index(fields=["author", "-id"], name="post_author_id_desc"),
            models.Index(fields=["visibility", "-id"], name="post_visibility_id_desc"),
            models.Index(fields=["in_reply_to", "id"], name="post_in_reply_to_id"),
            models.Index(fields=["conversation_id", "id"], name="post_conversation_id"),
            models.Index(fields=["repost_of", "-id"], name="post_repost_of_id_desc"),
            models.Index(fields=["quoted_post", "-id"], name="post_quoted_post_id_desc"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "repost_of"],
                condition=models.Q(repost_of__isnull=False),
                name="repost_once_per_person_post",
            ),
        ]

    def __str__(self) -> str:
        if self.repost_of_id:
            return f"{self.author} reposted #{self.repost_of_id}"
        return f"{self.author} #{self.pk}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        return reverse("posts:detail", kwargs={"post_id": self.repost_of_id or self.pk})

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def images(self) -> list:
        """The images it shows, in order (those whose processing failed are left out); post_rows
        prefetches them, so that a list reads them in one query."""
        return [attachment.image for attachment in self.attachments.all() if attachment.image.state != "failed"]

    @property
    def thread_root_id(self) -> int:
        """The id of this conversation's first post (its own for a post that replies to nothing)."""
        return self.conversation_id or self.pk


class PostEdit(models.Model):
    """A version of a post that an edit replaced: what it said (text, warning, images) and to whom.

    Written by posts.services.post_update under a lock on the post, so two edits at once each keep the
    version they replaced, in order. `written_at` is when this version appeared (the post's creation or
    the edit before), `replaced_at` when the next one replaced it.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="edits", db_index=False)
    body = models.TextField(blank=True)
    content_warning = models.CharField(max_length=CONTENT_WARNING_MAX_LENGTH, blank=True)
    visibility = models.CharField(max_length=10, choices=Post.Visibility.choices)
    # The ids of the images the version showed, in order (posts.attachments.post_image_ids).
    image_ids = models.JSONField(default=list, blank=True)
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The history page reads a post's versions newest first.
        indexes = [models.Index(fields=["post", "-id"], name="postedit_post_id_desc")]

    def __str__(self) -> str:
        return f"#{self.post_id} as of {self.written_at:%Y-%m-%d %H:%M}"


class MovedComment(models.Model):
    """Where a comment from before replies were posts went, so that its old links still lead there."""

    comment_id = models.BigIntegerField(primary_key=True)
    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"comment {self.comment_id} is post #{self.post_id}"


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


class Bookmark(models.Model):
    """A post kept for later: private to the person who kept it."""

    # The unique (user, post) index serves "did I bookmark these?"; (user, -id) the list.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks", db_index=False
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="bookmark_once_per_user_post")]
        indexes = [models.Index(fields=["user", "-id"], name="bookmark_user_id_desc")]

    def __str__(self) -> str:
        return f"{self.user} kept #{self.post_id}"


class PostImage(models.Model):
    """An image on a post, in its place. An image belongs to one post at most: the unique image is
    what settles two posts attaching the same upload at once (posts.attachments)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments", db_index=False)
    image = models.OneToOneField("images.Image", on_delete=models.CASCADE, related_name="post_attachment")
    # 0 first; the (post, position) index also serves a post's images in order.
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "position"], name="post_image_place_once")]
        # In their place wherever they are read, prefetched (posts.selectors.post_rows) or not.
        ordering = ["position"]

    def __str__(self) -> str:
        return f"image #{self.image_id} on #{self.post_id} at {self.position}"


class Pin(models.Model):
    """One of the few posts a person shows first on their profile (posts.pins keeps them to PIN_LIMIT).

    Deleting the post deletes the pin; a post a moderator removes keeps its pin row but is neither
    shown (the policy hides it) nor counted against the limit.
    """

    # The unique (user, post) index serves "my pins" (user first); the post side is for the cascade.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pins", db_index=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="pins")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="pin_once_per_user_post")]

    def __str__(self) -> str:
        return f"{self.user} pinned #{self.post_id}"
