"""Your avatar through the JSON API: uploading, replacing and removing it, and its files."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.helpers import ME_URL, image_upload, stored_files, with_avatar

AVATAR_URL = reverse("api:me-avatar")

pytestmark = pytest.mark.django_db


# Your avatar


def test_put_avatar_stores_an_image_sent_as_multipart(api_as, alice, settings):
    response = api_as(alice).put(AVATAR_URL, {"avatar": image_upload("me.png", size=(16, 12))}, format="multipart")

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.avatar.name.startswith("avatars/") and alice.avatar.name.endswith(".png")
    assert response.json()["avatar_url"] == f"http://testserver/media/{alice.avatar.name}"
    assert response.json()["email"] == alice.email
    assert stored_files(settings) == [Path(settings.MEDIA_ROOT) / alice.avatar.name]


@pytest.mark.parametrize(
    "make_upload",
    [
        lambda: SimpleUploadedFile("me.png", b"this is text, not a picture", content_type="image/png"),
        lambda: image_upload("me.bmp", image_format="BMP"),
    ],
    ids=["text", "bmp"],
)
def test_put_avatar_refuses_a_file_that_is_not_a_web_image(api_as, alice, settings, make_upload):
    response = api_as(alice).put(AVATAR_URL, {"avatar": make_upload()}, format="multipart")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["fields"]) == ["avatar"]
    alice.refresh_from_db()
    assert not alice.avatar
    assert stored_files(settings) == []


def test_put_avatar_refuses_an_oversized_image(api_as, alice, settings):
    settings.AVATAR_MAX_BYTES = 100
    big = image_upload("big.png", size=(32, 32))
    assert big.size > 100

    response = api_as(alice).put(AVATAR_URL, {"avatar": big}, format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["avatar"][0].startswith("The avatar must be at most")
    alice.refresh_from_db()
    assert not alice.avatar
    assert stored_files(settings) == []


def test_put_avatar_refuses_a_body_far_over_the_limit_before_reading_it(api_as, alice, settings):
    settings.AVATAR_MAX_BYTES = 100
    huge = SimpleUploadedFile("huge.png", b"x" * 70_000, content_type="image/png")

    response = api_as(alice).put(AVATAR_URL, {"avatar": huge}, format="multipart")

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert stored_files(settings) == []


def test_replacing_the_avatar_removes_the_old_file(api_as, alice, settings, django_capture_on_commit_callbacks):
    with_avatar(alice)
    old_file = Path(alice.avatar.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).put(AVATAR_URL, {"avatar": image_upload("second.png")}, format="multipart")

    assert response.status_code == 200
    alice.refresh_from_db()
    assert "second" in alice.avatar.name
    assert not old_file.exists()
    assert stored_files(settings) == [Path(alice.avatar.path)]


def test_delete_avatar_removes_it_and_its_file(api_as, alice, settings, django_capture_on_commit_callbacks):
    with_avatar(alice)
    old_file = Path(alice.avatar.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(alice).delete(AVATAR_URL)

    assert response.status_code == 204
    alice.refresh_from_db()
    assert alice.avatar.name == ""
    assert not old_file.exists()
    assert stored_files(settings) == []
    assert api_as(alice).get(ME_URL).json()["avatar_url"] is None
