from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from accounts import tasks
from accounts.models import User
from accounts.tokens import app_tokens_end
from images.cleanup import images_delete
from images.models import Image
from images.services import image_alt_text_set, image_upload
from posts.services import posts_remove_all_of, posts_version_bump_all_of
from social.services import follows_remove_all_of
from threadly.tasks import enqueue_on_commit_or_keep
from timelines import services as timelines


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


def email_is_new(*, old: str, new: str) -> bool:
    """Whether `new` is another address than `old`: as uniqueness does, case does not count, so
    recasing your own address needs no password and tells no one."""
    return old.casefold() != new.casefold()


PROFILE_FIELDS = (
    "display_name",
    "bio",
    "avatar_image",
    "header_image",
    "email",
    "notify_followed_posts",
    "default_quote_policy",
    "expand_content_warnings",
    "time_zone",
)
# The profile's pictures: the field on User, and what the images pipeline makes of an upload for it.
PROFILE_IMAGES = {"avatar_image": Image.Purpose.AVATAR, "header_image": Image.Purpose.HEADER}


@transaction.atomic
def user_update_profile(*, user: User, **fields) -> User:
    """Save validated profile fields (the caller has asked for the password when the email changes).

    A replaced avatar or header image is deleted with its files once the change commits; a new name or
    avatar shows on every post of theirs (their cached renderings go); a replaced email is told.
    """
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    _validate_profile_text(fields)
    for name in PROFILE_IMAGES.keys() & fields.keys():
        if fields[name] is not None and fields[name].uploader_id != user.pk:
            raise ValidationError({name: ["Use a picture you uploaded."]}, code="not_yours")
    old = User.objects.values("avatar_image_id", "header_image_id", "email").get(pk=user.pk)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save(update_fields=[*fields, "updated_at"])
    if {"display_name", "avatar_image"} & set(fields):
        posts_version_bump_all_of(author=user)
    replaced = [old[f"{name}_id"] for name in PROFILE_IMAGES if old[f"{name}_id"] != getattr(user, f"{name}_id")]
    images_delete(images=Image.objects.filter(pk__in=[pk for pk in replaced if pk is not None]))
    if "email" in fields and email_is_new(old=old["email"], new=user.email):
        enqueue_on_commit_or_keep(tasks.tell_old_email_of_change, user.pk, old["email"])
    return user


def user_profile_image_upload(*, user: User, field: str, upload, alt_text: str = "") -> Image:
    """A new avatar (`field` "avatar_image") or profile header ("header_image"), through the images
    pipeline: checked now (ValidationError), shown once processed; the one it replaces is deleted."""
    image = image_upload(uploader=user, upload=upload, purpose=PROFILE_IMAGES[field], alt_text=alt_text)
    user_update_profile(user=user, **{field: image})
    return image


@transaction.atomic
def user_profile_pictures_update(
    *,
    user: User,
    avatar=None,
    remove_avatar: bool = False,
    header=None,
    remove_header: bool = False,
    header_alt_text: str | None = None,
) -> User:
    """The profile page's pictures in one go: a new avatar or header (uploaded through the images
    pipeline), a removal, the header's description. ValidationError for a file that is not a picture."""
    if avatar is not None:
        user_profile_image_upload(user=user, field="avatar_image", upload=avatar)
    elif remove_avatar and user.avatar_image_id:
        user_update_profile(user=user, avatar_image=None)
    if header is not None:
        user_profile_image_upload(user=user, field="header_image", upload=header, alt_text=header_alt_text or "")
    elif remove_header and user.header_image_id:
        user_update_profile(user=user, header_image=None)
    elif header_alt_text is not None and user.header_image_id:
        image_alt_text_set(image=user.header_image, editor=user, alt_text=header_alt_text)
    return user


def avatar_image_changed(*, image: Image) -> int:
    """An avatar image became READY, or is about to be deleted: the posts of whoever wears it show the
    change (their cached renderings go)."""
    return sum(posts_version_bump_all_of(author=user) for user in User.objects.filter(avatar_image=image))


def email_change_notice_send(*, user_id: int, old_email: str) -> None:
    """Tell the address an account had that it has another now: if someone else changed it, the
    owner hears of it where they still read their mail."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    context = {"user": user}
    subject = render_to_string("accounts/email_changed_subject.txt", context).strip()
    send_mail(subject, render_to_string("accounts/email_changed_email.txt", context), None, [old_email])


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
def user_suspend(*, user: User) -> bool:
    """Suspend an account: it can no longer log in or use a token, and its posts and replies are hidden.

    Its sessions (the epoch is part of their hash), refresh tokens and apps' OAuth tokens end for good, so lifting the
    suspension later means logging in again. True when this call suspended it.
    """
    suspended = User.objects.filter(pk=user.pk, suspended_at=None).update(
        is_active=False, suspended_at=timezone.now(), session_epoch=F("session_epoch") + 1
    )
    if suspended:
        for token in OutstandingToken.objects.filter(user=user, blacklistedtoken=None):
            BlacklistedToken.objects.get_or_create(token=token)
        app_tokens_end(user=user)
    return bool(suspended)


@transaction.atomic
def user_unsuspend(*, user: User) -> bool:
    """Lift a suspension: the account may log in again. True when this call lifted it."""
    lifted = User.objects.filter(pk=user.pk).exclude(suspended_at=None).update(is_active=True, suspended_at=None)
    if lifted:
        timelines.feeds_author_returned(user)
    return bool(lifted)


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account with its posts, replies, likes and follows, keeping others' counters right."""
    follows_remove_all_of(user)
    posts_remove_all_of(user)
    images_delete(images=Image.objects.filter(uploader=user))
    user.delete()
