from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from posts.services import posts_remove_all_of
from social.services import follows_remove_all_of


def _validate_profile_text(fields: dict) -> None:
    """The model's validators for the name and bio (no control characters), which the API's serializers lack."""
    errors = {}
    for name in ("display_name", "bio"):
        try:
            if name in fields:
                User._meta.get_field(name).run_validators(fields[name])
        except ValidationError as error:
            errors[name] = error.error_list
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def user_create(*, username: str, email: str, password: str, display_name: str = "") -> User:
    """Create an account; the caller has validated the input (a form or a serializer)."""
    _validate_profile_text({"display_name": display_name})
    return User.objects.create_user(
        username=username, email=User.objects.normalize_email(email), password=password, display_name=display_name
    )


PROFILE_FIELDS = ("display_name", "bio", "avatar", "email", "notify_followed_posts")


@transaction.atomic
def user_update_profile(*, user: User, **fields) -> User:
    """Save validated profile fields; a replaced avatar's file is removed once the change commits."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    _validate_profile_text(fields)
    old_avatar = User.objects.values_list("avatar", flat=True).get(pk=user.pk)
    for name, value in fields.items():
        # save_form_data knows that a cleared file field (False) means "no file".
        User._meta.get_field(name).save_form_data(user, value)
    user.save(update_fields=[*fields, "updated_at"])
    if old_avatar and old_avatar != user.avatar.name:
        transaction.on_commit(lambda: user.avatar.storage.delete(old_avatar))
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    """Moderators and admins are staff (they use the admin site); admins may do everything there."""
    if role not in User.Role.values:
        raise ValidationError(f"A role is one of: {', '.join(User.Role.values)}.", code="invalid_role")
    user.role = role
    user.is_staff = role in {User.Role.MODERATOR, User.Role.ADMIN}
    user.is_superuser = role == User.Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser", "updated_at"])
    return user


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account with its posts, likes, comments and follows, keeping others' counters right."""
    follows_remove_all_of(user)
    posts_remove_all_of(user)
    avatar = user.avatar.name
    user.delete()
    if avatar:
        transaction.on_commit(lambda: user.avatar.storage.delete(avatar))
