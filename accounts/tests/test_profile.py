from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.factories import UserFactory
from accounts.forms import ProfileForm
from accounts.tests.helpers import PASSWORD, image_upload, make_racing
from images.models import Image as ImageRow

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
    ("image_format", "extension"),
    # A still GIF is kept as a PNG (lossless, and smaller); an animated one stays a GIF (images tests).
    [("PNG", "png"), ("JPEG", "jpg"), ("GIF", "png"), ("WEBP", "webp")],
)
def test_edit_profile_sends_an_avatar_in_a_web_format_through_the_images_pipeline(
    user_client, user, settings, image_format, extension, django_capture_on_commit_callbacks
):
    upload = image_upload(f"me.{image_format.lower()}", image_format=image_format, size=(16, 12))

    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(EDIT_URL, profile_data(user, avatar=upload))

    assert response.status_code == 302
    user.refresh_from_db()
    avatar = user.avatar_image
    assert avatar.purpose == "avatar" and avatar.state == "ready" and avatar.uploader == user
    assert avatar.file.name.endswith(f".{extension}")
    assert stored_files(settings) == sorted(
        Path(settings.MEDIA_ROOT) / name for name in (avatar.file.name, avatar.thumbnail.name)
    )
    with Image.open(avatar.file.path) as stored:
        assert stored.size == (16, 12)


def test_edit_profile_rejects_a_file_that_is_not_an_image(user_client, user, settings):
    fake = SimpleUploadedFile("me.png", b"this is text, not a picture", content_type="image/png")

    response = user_client.post(EDIT_URL, profile_data(user, display_name="New name", avatar=fake))

    assert response.status_code == 200
    assert response.context["form"].errors["avatar"]
    user.refresh_from_db()
    assert user.avatar_image is None
    assert user.display_name == "Old name"
    assert stored_files(settings) == []


def test_edit_profile_rejects_an_image_in_a_format_browsers_do_not_show_everywhere(user_client, user, settings):
    bitmap = image_upload("me.bmp", image_format="BMP")

    response = user_client.post(EDIT_URL, profile_data(user, avatar=bitmap))

    assert response.status_code == 200
    assert response.context["form"].errors["avatar"] == ["Upload a JPEG, PNG, WebP or GIF image."]
    user.refresh_from_db()
    assert user.avatar_image is None
    assert stored_files(settings) == []


def test_edit_profile_rejects_an_oversized_avatar_and_saves_nothing(user_client, user, settings):
    settings.IMAGE_MAX_BYTES = 100
    big = image_upload("big.png", size=(32, 32))
    assert big.size > 100

    response = user_client.post(EDIT_URL, profile_data(user, display_name="New name", avatar=big))

    assert response.status_code == 200
    assert "The file is too large: at most 100" in response.context["form"].errors["avatar"][0]
    user.refresh_from_db()
    assert user.display_name == "Old name"
    assert user.avatar_image is None
    assert stored_files(settings) == []
    # The rejected values did not leak into the logged-in user shown in the page layout either.
    assert response.context["user"].display_name == "Old name"


def test_replacing_the_avatar_removes_the_old_image_and_its_files(
    user_client, user, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user_client.post(EDIT_URL, profile_data(user, avatar=image_upload("first.png")))
    user.refresh_from_db()
    first = user.avatar_image

    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(EDIT_URL, profile_data(user, avatar=image_upload("second.png")))

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.avatar_image != first and not ImageRow.objects.filter(pk=first.pk).exists()
    avatar = user.avatar_image
    assert stored_files(settings) == sorted(
        Path(settings.MEDIA_ROOT) / name for name in (avatar.file.name, avatar.thumbnail.name)
    )


def test_removing_the_avatar_removes_it_and_its_files(user_client, user, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user_client.post(EDIT_URL, profile_data(user, avatar=image_upload("first.png")))
    user.refresh_from_db()
    assert user.avatar_image

    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(EDIT_URL, profile_data(user, remove_avatar="on"))

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.avatar_image is None and not ImageRow.objects.exists()
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
    settings.IMAGE_MAX_PIXELS = 64 * 64 - 1
    bomb = image_upload("bomb.png", size=(64, 64))

    response = user_client.post(EDIT_URL, profile_data(user, avatar=bomb))

    assert response.status_code == 200
    assert response.context["form"].errors["avatar"][0].startswith("The image is too large")
    user.refresh_from_db()
    assert user.avatar_image is None


def test_a_header_image_with_its_description_shows_on_the_profile(
    user_client, client, user, django_capture_on_commit_callbacks
):
    header = image_upload("wide.png", size=(600, 200))
    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(
            EDIT_URL, profile_data(user, header=header, header_alt_text="Hills under snow at sunrise")
        )

    assert response.status_code == 302
    user.refresh_from_db()
    image = user.header_image
    assert image.purpose == "header" and image.state == "ready" and image.alt_text == "Hills under snow at sunrise"
    page = client.get(user.get_absolute_url()).content.decode()
    assert f'<img class="profile-banner" src="{image.file.url}" width="600" height="200"' in page
    assert 'alt="Hills under snow at sunrise"' in page


def test_the_header_description_alone_can_change_and_the_header_be_removed(
    user_client, user, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user_client.post(EDIT_URL, profile_data(user, header=image_upload("wide.png", size=(60, 20))))
    user.refresh_from_db()
    assert user_client.get(EDIT_URL).context["form"]["header_alt_text"].value() == ""

    user_client.post(EDIT_URL, profile_data(user, header_alt_text="A grey sky"))
    user.header_image.refresh_from_db()
    assert user.header_image.alt_text == "A grey sky"
    assert user_client.get(EDIT_URL).context["form"]["header_alt_text"].value() == "A grey sky"

    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(EDIT_URL, profile_data(user, remove_header="on"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.header_image is None and not ImageRow.objects.exists()
    assert stored_files(settings) == []


def test_the_profile_form_offers_the_pictures_with_labels(user_client):
    page = user_client.get(EDIT_URL).content.decode()

    assert 'enctype="multipart/form-data"' in page
    for name in ("avatar", "header", "header_alt_text", "remove_avatar", "remove_header"):
        assert f'<label for="id_{name}">' in page
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in page
