"""Validation of account input that forms, the admin and services share."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from images import inspection

username_validator = RegexValidator(
    regex=r"^[A-Za-z0-9_]{3,30}\Z",
    message="Usernames are 3 to 30 letters, digits or underscores.",
    code="invalid_username",
)

# Names that would shadow a path: /api/threadly/v1/users/me is your own account.
RESERVED_USERNAMES = frozenset({"me", "admin", "api", "accounts", "static", "media", "threadly"})


def validate_username_not_reserved(username: str) -> None:
    if username.lower() in RESERVED_USERNAMES:
        raise ValidationError("That username is reserved.", code="reserved_username")


def validate_avatar(file) -> None:
    """Named by migration 0001 (avatars were a file field then): a picture is judged as every upload is."""
    inspection.inspect(file)
