"""Helpers shared by the accounts tests."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts import services
from accounts.models import User

# The password UserFactory gives every user.
PASSWORD = "threadly-test-password"

# What the API shows anyone of a person: the contract API clients rely on, email never among it.
PUBLIC_PROFILE_FIELDS = {
    "id",
    "username",
    "display_name",
    "avatar_url",
    "avatar",
    "header",
    "bio",
    "follower_count",
    "following_count",
    "post_count",
    "created_at",
    "followed_by_me",
    "url",
    "html_url",
}


def image_upload(name: str = "avatar.png", *, image_format: str = "PNG", size: tuple[int, int] = (8, 8)):
    """A real image made with Pillow; a gradient so that bigger sizes compress to more bytes."""
    image = Image.new("RGB", size)
    image.putdata([(x * 7 % 256, y * 13 % 256, (x * y) % 256) for y in range(size[1]) for x in range(size[0])])
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def make_racing(monkeypatch, form_class, meanwhile) -> None:
    """Run `meanwhile()` right after `form_class` validates: another request wins the race to the database."""
    check_form = form_class.is_valid

    def validate_then_lose_the_race(form):
        valid = check_form(form)
        meanwhile()
        return valid

    monkeypatch.setattr(form_class, "is_valid", validate_then_lose_the_race)


# The JSON API's way in, for the tests of it.
TOKEN_URL = reverse("api:token")
ME_URL = reverse("api:me")
# A password Django's validators accept, for new accounts.
NEW_PASSWORD = "plum-kettle-orbit-93"


def bearer(client, access: str):
    """The API client, sending `access` as its token from now on."""
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def tokens_for(api_client, username: str, password: str = PASSWORD) -> dict:
    """{"access": ..., "refresh": ...} as the token endpoint gives them."""
    response = api_client.post(TOKEN_URL, {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def stored_files(settings) -> list[Path]:
    """Every file under MEDIA_ROOT, to check what an upload or a deletion left on disk."""
    media = Path(settings.MEDIA_ROOT)
    return sorted(path for path in media.rglob("*") if path.is_file()) if media.exists() else []


def with_avatar(user: User) -> User:
    """`user`, with a processed avatar saved through the service."""
    from images.factories import ImageFactory

    services.user_update_profile(user=user, avatar_image=ImageFactory(uploader=user, purpose="avatar", alt_text=""))
    user.refresh_from_db()
    assert user.avatar_image.is_ready
    return user
