"""Validation of account input that forms, the admin and services share."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

username_validator = RegexValidator(
    regex=r"^[A-Za-z0-9_]{3,30}\Z",
    message="Usernames are 3 to 30 letters, digits or underscores.",
    code="invalid_username",
)

# Names that would shadow a path: /api/v1/users/me is your own account.
RESERVED_USERNAMES = frozenset({"me", "admin", "api", "accounts", "static", "media", "threadly"})


def validate_username_not_reserved(username: str) -> None:
    if username.lower() in RESERVED_USERNAMES:
        raise ValidationError("That username is reserved.", code="reserved_username")


AVATAR_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def validate_avatar(file) -> None:
    """Accept only real images in a web format, no larger than the configured size."""
    if file.size > settings.AVATAR_MAX_BYTES:
        limit = filesizeformat(settings.AVATAR_MAX_BYTES)
        raise ValidationError(f"The avatar must be at most {limit}.", code="avatar_too_large")
    position = file.tell()
    try:
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError("Upload a JPEG, PNG, GIF or WebP image.", code="avatar_not_image") from error
    finally:
        file.seek(position)
    if image_format not in AVATAR_FORMATS:
        raise ValidationError("Upload a JPEG, PNG, GIF or WebP image.", code="avatar_not_image")
