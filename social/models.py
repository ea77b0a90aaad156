from django.conf import settings
from django.db import models


class Follow(models.Model):
    # Both are the first column of an index below, so neither needs its own.
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following_set", db_index=False
    )
    followee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follower_set", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The follower hears of the followee's new posts only after ringing the bell (opt-in, as on Mastodon),
    # and not even then if they turned post notifications off for everyone.
    notify_posts = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followee"], name="follow_once"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followee")),
                name="follow_not_self",
                violation_error_message="You cannot follow yourself.",
            ),
        ]
        # Followers and following lists are read newest first by id.
        indexes = [
            models.Index(fields=["followee", "-id"], name="follow_followee_id_desc"),
            models.Index(fields=["follower", "-id"], name="follow_follower_id_desc"),
        ]

    def __str__(self) -> str:
        return f"{self.follower} follows {self.followee}"


class Block(models.Model):
    """`blocker` wants nothing to do with `blocked`: no follows, no seeing, no replies, no notifications."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks", db_index=False
    )
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocked_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} blocks {self.blocked}"


class Mute(models.Model):
    """`muter` no longer sees `muted`'s posts or notifications; `muted` is not told."""

    muter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes", db_index=False)
    muted = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="muted_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="mute_once"),
            models.CheckConstraint(condition=~models.Q(muter=models.F("muted")), name="mute_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.muter} mutes {self.muted}"
