from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.factories import UserFactory
from accounts.forms import ProfileForm
from accounts.tests.helpers import PASSWORD, image_upload, make_racing

EDIT_URL = reverse("accounts:profile_edit")

pytestmark = pytest.mark.django_db


def profile_data(user, **overrides) -> dict:
    data = {"display_name": user.display_name, "bio": user.bio, "email": user.email}
    return {**data, **overrides}


def stored_files(settings) -> list[Path]:
    media = Path(settings.MEDIA_ROOT)
    return sorted(path for path in media.rglob("*") if path.is_file()) if media.exists() else []


@pytest.mark.parametrize(
    "url_name",
    ["accounts:profile_edit", "accounts:delete", "accounts:password_change", "accounts:password_change_done"],
)
def test_settings_pages_send_visitors_to_log_in(client, url_name):
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_edit_profile_page_shows_the_current_values(user_client, user):
    response = user_client.get(EDIT_URL)

    assert response.status_code == 200
    assert response.context["form"].initial["display_name"] == "Old name"
    assert 'enctype="multipart/form-data"' in response.text


def test_edit_profile_saves_display_name_bio_and_email(user_client, user):
    data = profile_data(
        user,
        display_name="Ana Lima",
        bio="Writes about rivers.",
        email="ana.lima@example.com",
        current_password=PASSWORD,
    )

    response = user_client.post(EDIT_URL, data)

    assert response.status_code == 302
    assert response.url == user.get_absolute_url()
    user.refresh_from_db()
    assert (user.display_name, user.bio, user.email) == ("Ana Lima", "Writes about rivers.", "ana.lima@example.com")
    assert [str(message) for message in get_messages(response.wsgi_request)] == ["Your profile is saved."]


def test_edit_profile_rejects_a_bio_over_300_characters(user_client, user):
    old_bio = user.bio

    response = user_client.post(EDIT_URL, profile_data(user, display_name="New name", bio="x" * 301))

    assert response.status_code == 200
    assert response.context["form"].errors["bio"] == ["Ensure this value has at most 300 characters (it has 301)."]
    user.refresh_from_db()
    assert (user.display_name, user.bio) == ("Old name", old_bio)


def test_edit_profile_accepts_a_bio_of_exactly_300_characters(user_client, user):
    response = user_client.post(EDIT_URL, profile_data(user, bio="x" * 300))

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.bio == "x" * 300


def test_edit_profile_rejects_an_email_used_by_someone_else_in_another_case(user_client, user):
    UserFactory(email="taken@example.com")
    old_email = user.email

    response = user_client.post(EDIT_URL, profile_data(user, email="TAKEN@example.com"))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["An account with that email exists."]
    user.refresh_from_db()
    assert user.email == old_email


@pytest.mark.parametrize(
    ("image_format", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("GIF", "gif"), ("WEBP", "webp")]
)
def test_edit_profile_stores_an_avatar_in_a_web_format(user_client, user, settings, image_format, extension):
    upload = image_upload(f"me.{extension}", image_format=image_format, size=(16, 12))

    response = user_client.post(EDIT_URL, profile_data(user, avatar=upload))

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.avatar.name.startswith("avatars/")
    assert user.avatar.name.endswith(f".{extension}")
    assert stored_files(settings) == [Path(settings.MEDIA_ROOT) / user.avatar.name]
    with Image.open(user.avatar.path) as stored:
        assert (stored.format, stored.size) == (image_format, (16, 12))


def test_edit_profile_rejects_a_file_that_is_not_an_image(user_client, user, settings):
    fake = SimpleUploadedFile("me.png", b"this is text, not a picture", content_type="image/png")

    response = user_client.post(EDIT_URL, profile_data(user, display_name="New name", avatar=fake))

    assert response.status_code == 200
    assert response.context["form"].errors["avatar"]
    user.refresh_from_db()
    assert not user.avatar
    assert user.display_name == "Old name"
    assert stored_files(settings) == []


def test_edit_profile_rejects_an_image_in_a_format_browsers_do_not_show_everywhere(user_client, user, settings):
    bitmap = image_upload("me.bmp", image_format="BMP")

    response = user_client.post(EDIT_URL, profile_data(user, avatar=bitmap))

    assert response.status_code == 200
    assert response.context["form"].errors["avatar"] == ["Upload a JPEG, PNG, GIF or WebP image."]
    user.refresh_from_db()
    assert not user.avatar
    assert stored_files(settings) == []


def test_edit_profile_rejects_an_oversized_avatar_and_saves_nothing(user_client, user, settings):
    settings.AVATAR_MAX_BYTES = 100
    big = image_upload("big.png", size=(32, 32))
    assert big.size > 100

    response = user_client.post(EDIT_URL, profile_data(user, display_name="New name", avatar=big))

    assert response.status_code == 200
    assert "The avatar must be at most" in response.context["form"].errors["avatar"][0]
    user.refresh_from_db()
    assert user.display_name == "Old name"
    assert not user.avatar
    assert stored_files(settings) == []
    # The rejected values did not leak into the logged-in user shown in the page layout either.
    assert response.context["user"].display_name == "Old name"


def test_replacing_the_avatar_removes_the_old_file(user_client, user, settings, django_capture_on_commit_callbacks):
    user_client.post(EDIT_URL, profile_data(user, avatar=image_upload("first.png")))
    user.refresh_from_db()
    first = Path(user.avatar.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(EDIT_URL, profile_data(user, avatar=image_upload("second.png")))

    assert response.status_code == 302
    user.refresh_from_db()
    assert "second" in user.avatar.name
    assert stored_files(settings) == [Path(user.avatar.path)]
    assert not first.exists()


def test_clearing_the_avatar_removes_it_and_its_file(user_client, user, settings, django_capture_on_commit_callbacks):
    user_client.post(EDIT_URL, profile_data(user, avatar=image_upload("first.png")))
    user.refresh_from_db()
    assert user.avatar

    user_client.raise_request_exception = False

    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(EDIT_URL, profile_data(user, **{"avatar-clear": "on"}))

    assert response.status_code == 302, f"clearing the avatar answered {response.status_code}, not a redirect"
    user.refresh_from_db()
    assert user.avatar.name == "", f"avatar stored as {user.avatar.name!r} after 'Clear'"
    assert stored_files(settings) == []


def test_an_email_taken_while_the_form_was_checked_is_a_form_error(user_client, user, monkeypatch):
    """The database constraint decides a race for an email, and the page says so."""
    make_racing(monkeypatch, ProfileForm, lambda: UserFactory(email="Taken@Example.com"))
    user_client.raise_request_exception = False

    response = user_client.post(EDIT_URL, profile_data(user, email="taken@example.com", current_password=PASSWORD))

    assert response.status_code == 200
    assert "An account with that email exists." in response.text
    user.refresh_from_db()
    assert user.email != "taken@example.com"


def test_a_decompression_bomb_is_rejected_as_an_avatar(user_client, user, settings):
    settings.AVATAR_MAX_BYTES = 10 * 1024 * 1024
    bomb = image_upload("bomb.png", size=(64, 64))
    old_limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = 64 * 64 // 4  # 64x64 is then more than twice the limit: a "bomb"
    try:
        response = user_client.post(EDIT_URL, profile_data(user, avatar=bomb))
    finally:
        Image.MAX_IMAGE_PIXELS = old_limit

    assert response.status_code == 200
    user.refresh_from_db()
    assert not user.avatar
