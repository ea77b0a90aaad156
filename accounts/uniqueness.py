"""Whether a username or an email is taken: one check and one message for the signup and profile
pages, the API's register and me endpoints and the admin's user forms, and for the race they all
lose the same way (the database's unique constraint, turned into the same message).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from accounts.models import User

USERNAME_TAKEN = "That username is taken."
EMAIL_TAKEN = "An account with that email exists."
# The code the API turns into a 409 (threadly.api.errors.validated_data).
TAKEN = "taken"

# The database's unique constraints, by the field they guard.
_CONSTRAINT_FIELDS = {
    "user_username_ci_unique": "username",
    "accounts_user_username_key": "username",
    "user_email_ci_unique": "email",
    "accounts_user_email_key": "email",
}
_MESSAGES = {"username": USERNAME_TAKEN, "email": EMAIL_TAKEN}


def _others(exclude: User | None):
    users = User.objects.all()
    return users.exclude(pk=exclude.pk) if exclude is not None and exclude.pk else users


def validate_username_available(username: str, *, exclude: User | None = None) -> str:
    """The username, unless another account has it in any capitalisation."""
    if _others(exclude).filter(username__iexact=username).exists():
        raise ValidationError(USERNAME_TAKEN, code=TAKEN)
    return username


def validate_email_available(email: str, *, exclude: User | None = None) -> str:
    """The email, normalised, unless another account has it in any capitalisation."""
    email = User.objects.normalize_email(email)
    if _others(exclude).filter(email__iexact=email).exists():
        raise ValidationError(EMAIL_TAKEN, code=TAKEN)
    return email


def taken_errors(error: IntegrityError) -> dict[str, str] | None:
    """{field: message} when `error` is another account taking a username or email first; else None."""
    diagnostics = getattr(error.__cause__, "diag", None)
    constraint = getattr(diagnostics, "constraint_name", None)
    field = _CONSTRAINT_FIELDS.get(constraint)
    if field is None:
        text = str(error)
        field = next((field for field in ("email", "username") if field in text), None)
    return {field: _MESSAGES[field]} if field else None
