"""Your avatar and profile header through the JSON API: uploading (through the images pipeline),
replacing and removing them, and their files."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.helpers import ME_URL, image_upload, stored_files, with_avatar
from images.models import Image

AVATAR_URL = reverse("api:me-avatar")
HEADER_URL = reverse("api:me-header")

pytestmark = pytest.mark.django_db


def files_of(settings, image: Image) -> list[Path]:
    return sorted(Path(settings.MEDIA_ROOT) / name for name in (image.file.name, image.thumbnail.name))


def test_put_avatar_processes_an_image_sent_as_multipart_and_shows_its_thumbnail(
    api_as, alice, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).put(AVATAR_URL, {"avatar": image_upload("me.png", size=(16, 12))}, format="multipart")

    assert response.status_code == 200
    assert response.json()["avatar"]["state"] == "processing"
    alice.refresh_from_db()
    avatar = alice.avatar_image
    assert avatar.purpose == "avatar" and avatar.state == "ready"
    body = api_as(alice).get(ME_URL).json()
    assert body["avatar_url"] == f"http://testserver/media/{avatar.thumbnail.name}"
    assert body["avatar"]["state"] == "ready" and body["avatar"]["id"] == avatar.pk
    assert stored_files(settings) == files_of(settings, avatar)


@pytest.mark.parametrize(
    ("make_upload", "status"),
    [
        (lambda: SimpleUploadedFile("me.png", b"this is text, not a picture", content_type="image/png"), 415),
        (lambda: image_upload("me.bmp", image_format="BMP"), 415),
    ],
    ids=["text", "bmp"],
)
def test_put_avatar_refuses_a_file_that_is_not_a_web_image(api_as, alice, settings, make_upload, status):
    response = api_as(alice).put(AVATAR_URL, {"avatar": make_upload()}, format="multipart")

    assert response.status_code == status
    assert response.json()["error"]["code"] == "unsupported_image"
    alice.refresh_from_db()
    assert alice.avatar_image is None
    assert stored_files(settings) == []


def test_put_avatar_refuses_an_oversized_image(api_as, alice, settings):
    settings.IMAGE_MAX_BYTES = 100
    big = image_upload("big.png", size=(32, 32))
    assert big.size > 100

    response = api_as(alice).put(AVATAR_URL, {"avatar": big}, format="multipart")

    assert response.status_code == 413
    assert response.json()["error"]["message"].startswith("The file is too large")
    alice.refresh_from_db()
    assert alice.avatar_image is None
    assert stored_files(settings) == []


def test_put_avatar_refuses_a_body_far_over_the_limit_before_reading_it(api_as, alice, settings):
    settings.IMAGE_MAX_BYTES = 100
    huge = SimpleUploadedFile("huge.png", b"x" * 70_000, content_type="image/png")

    response = api_as(alice).put(AVATAR_URL, {"avatar": huge}, format="multipart")

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert stored_files(settings) == []


def test_replacing_the_avatar_removes_the_old_image_and_files(
    api_as, alice, settings, django_capture_on_commit_callbacks
):
    old = with_avatar(alice).avatar_image

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).put(AVATAR_URL, {"avatar": image_upload("second.png")}, format="multipart")

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.avatar_image != old and not Image.objects.filter(pk=old.pk).exists()
    assert stored_files(settings) == files_of(settings, alice.avatar_image)


def test_delete_avatar_removes_it_and_its_files(api_as, alice, settings, django_capture_on_commit_callbacks):
    with_avatar(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).delete(AVATAR_URL)

    assert response.status_code == 204
    alice.refresh_from_db()
    assert alice.avatar_image is None and not Image.objects.exists()
    assert stored_files(settings) == []
    assert api_as(alice).get(ME_URL).json()["avatar_url"] is None


def test_put_header_with_alt_text_then_everyone_sees_it_on_the_profile(
    api_as, api_client, alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).put(
            HEADER_URL,
            {"header": image_upload("wide.png", size=(300, 100)), "alt_text": "A harbour at dawn"},
            format="multipart",
        )

    assert response.status_code == 200
    alice.refresh_from_db()
    header = alice.header_image
    assert header.purpose == "header" and header.alt_text == "A harbour at dawn"
    profile = api_client.get(reverse("api:user-detail", kwargs={"username": "alice"})).json()
    assert profile["header"]["state"] == "ready" and profile["header"]["alt_text"] == "A harbour at dawn"
    # In public use now: anyone may read the image itself, though only alice may describe it.
    image_url = reverse("api:image-detail", kwargs={"image_id": header.pk})
    assert api_client.get(image_url).status_code == 200
    assert api_as(bob).patch(image_url, {"alt_text": "mine"}, format="json").status_code == 403
    assert api_as(alice).delete(HEADER_URL).status_code == 204
    assert api_client.get(image_url).status_code == 404
