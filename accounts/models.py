from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.validators import username_validator, validate_username_not_reserved
from threadly.text import ControlCharacterValidator
from threadly.time_zones import validate_time_zone


class UserManager(DjangoUserManager):
    def named(self, username):
        """The account with this username in any capitalisation: every lookup by name goes through here.

        Usernames are ASCII, so a name that is not is no one's: PostgreSQL's case-insensitive
        match would otherwise let `vıctim` (dotless ı) or `ſam` (long s) reach `victim` or `sam`.
        """
        if not isinstance(username, str) or not username.isascii():
            return self.none()
        return self.filter(username__iexact=username)

    def get_by_natural_key(self, username):
        """Log in with any capitalisation of the username."""
        return self.named(username).get()


class QuotePolicy(models.TextChoices):
    """Who may quote a post: a person's default for new posts, and each post's own setting (posts)."""

    EVERYONE = "everyone", "Everyone"
    FOLLOWERS = "followers", "My followers"
    NOBODY = "nobody", "Nobody"


class User(AbstractUser):
    class Role(models.TextChoices):
        USER = "user", "User"
        MODERATOR = "moderator", "Moderator"
        ADMIN = "admin", "Admin"

    username = models.CharField(
        max_length=30,
        unique=True,
        validators=[username_validator, validate_username_not_reserved],
        help_text="3 to 30 letters, digits or underscores.",
        error_messages={"unique": "That username is taken."},
    )
    email = models.EmailField(unique=True, error_messages={"unique": "An account with that email exists."})
    display_name = models.CharField(max_length=50, blank=True, validators=[ControlCharacterValidator()])
    bio = models.CharField(max_length=300, blank=True, validators=[ControlCharacterValidator(multiline=True)])
    # Pictures through the images pipeline (cleaned, bounded, thumbnailed); lists show the thumbnail.
    avatar_image = models.ForeignKey(
        "images.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="avatar_of"
    )
    header_image = models.ForeignKey(
        "images.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="header_of"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.USER)
    follower_count = models.PositiveIntegerField(default=0)
    following_count = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)
    notify_followed_posts = models.BooleanField(
        "notify me of new posts by people I follow",
        default=True,
        help_text="Turn it off for everyone here, or for one person on their profile.",
    )
    default_quote_policy = models.CharField(
        "who may quote my posts",
        max_length=10,
        choices=QuotePolicy.choices,
        default=QuotePolicy.EVERYONE,
        help_text="Applies to new posts; each post can say otherwise.",
    )
    expand_content_warnings = models.BooleanField(
        "always expand posts with content warnings",
        default=False,
        help_text="Show their words and pictures at once instead of folded under the warning.",
    )
    time_zone = models.CharField(
        "time zone",
        max_length=64,
        blank=True,
        default="",
        validators=[validate_time_zone],
        help_text="Times are shown in it. Left empty, they follow your browser's.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # A suspended account is also inactive: it cannot log in or use a token, and its content is hidden.
    suspended_at = models.DateTimeField(null=True, blank=True)
    # Raised to end every session the account has (a suspension); part of the session hash.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    # When they last read their home timeline: fan-out pushes only to feeds read lately (timelines).
    last_active_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Too many followers to push to: their posts are read into followers' home pages at request time.
    # Set once by the fan-out and kept, so that no post of theirs is left neither pushed nor pulled.
    feed_pulled = models.BooleanField(default=False, editable=False)

    # AbstractUser's first_name/last_name are replaced by display_name.
    first_name = None
    last_name = None

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        # Who to follow's popular accounts (social.selectors.who_to_follow), most followed first.
        indexes = [models.Index(fields=["-follower_count", "-id"], name="user_popular")]
        constraints = [
            models.UniqueConstraint(
                Lower("username"),
                name="user_username_ci_unique",
                violation_error_message="That username is taken.",
            ),
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message="An account with that email exists.",
            ),
        ]

    def __str__(self) -> str:
        return self.username

    def get_absolute_url(self) -> str:
        return reverse("social:profile", kwargs={"username": self.username})

    def get_session_auth_hash(self) -> str:
        """Django's hash of the password, with the session epoch mixed in once it has been raised
        (so sessions from before the first raise stay valid when this is deployed)."""
        if not self.session_epoch:
            return super().get_session_auth_hash()
        key_salt = "accounts.User.get_session_auth_hash"
        return salted_hmac(key_salt, f"{self.password}:{self.session_epoch}", algorithm="sha256").hexdigest()

    @property
    def name(self) -> str:
        return self.display_name or self.username

    @property
    def is_moderator(self) -> bool:
        """Moderators and admins may remove anybody's content."""
        return self.role in {self.Role.MODERATOR, self.Role.ADMIN} or self.is_superuser


class RevokedTokenFamily(models.Model):
    """A login's API tokens, ended: every refresh and access token descended from that login
    carries its family id (accounts.tokens), and none of them works once the family is here.

    Logging out ends the family; so does presenting a refresh token that was already swapped,
    since only a stolen copy would be presented twice.
    """

    family = models.CharField(max_length=64, primary_key=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    revoked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.family
