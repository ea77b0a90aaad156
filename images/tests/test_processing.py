"""Uploading and processing images: what is refused at once, what the worker makes of the rest."""

import io
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageCms, PngImagePlugin

from images import services
from images.models import Image
from images.tests.pictures import (
    GPS_IFD,
    animated_gif,
    jpeg_with_gps_rotated,
    picture,
    uploaded,
)

pytestmark = pytest.mark.django_db


def stored_files(settings) -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def text_chunk(key: str, value: str) -> PngImagePlugin.PngInfo:
    info = PngImagePlugin.PngInfo()
    info.add_text(key, value)
    return info


def upload_and_process(django_capture_on_commit_callbacks, user, data: bytes, **kwargs) -> Image:
    with django_capture_on_commit_callbacks(execute=True):
        image = services.image_upload(uploader=user, upload=uploaded(data, **kwargs), purpose=Image.Purpose.POST)
    image.refresh_from_db()
    return image


def opened(field) -> PILImage.Image:
    with field.open("rb") as stored:
        image = PILImage.open(io.BytesIO(stored.read()))
        image.load()
    return image


def test_a_jpeg_loses_its_exif_gps_comment_and_xmp_and_is_turned_upright(
    alice, django_capture_on_commit_callbacks, settings
):
    image = upload_and_process(
        django_capture_on_commit_callbacks,
        alice,
        jpeg_with_gps_rotated(120, 80),
        name="me.jpg",
        content_type="image/jpeg",
    )

    assert image.state == Image.State.READY and image.content_type == "image/jpeg"
    stored = opened(image.file)
    assert stored.format == "JPEG"
    assert "exif" not in stored.info and "comment" not in stored.info and "xmp" not in stored.info
    assert dict(stored.getexif()) == {} and not stored.getexif().get_ifd(GPS_IFD)
    with image.file.open("rb") as raw:
        content = raw.read()
    assert b"Phone Camera" not in content and b"secret place" not in content and b"taken at home" not in content
    # Orientation 6 applied: 120×80 stands as 80×120, the red half now on top.
    assert (stored.width, stored.height) == (80, 120) == (image.width, image.height)
    red, _, blue = stored.getpixel((40, 10))
    assert red > 200 and blue < 60
    assert opened(image.thumbnail).getexif() == {}
    assert image.blurhash and image.upload.name == ""
    assert stored_files(settings) == {image.file.name, image.thumbnail.name}


def test_a_large_png_is_bounded_and_thumbnailed_keeping_its_shape(alice, django_capture_on_commit_callbacks, settings):
    settings.IMAGE_MAX_SIDE, settings.IMAGE_THUMBNAIL_SIDE = 200, 50
    image = upload_and_process(django_capture_on_commit_callbacks, alice, picture(400, 80, mode="RGBA"))

    assert (image.width, image.height) == (200, 40)
    assert (image.thumbnail_width, image.thumbnail_height) == (50, 10)
    stored = opened(image.file)
    assert stored.format == "PNG" and stored.mode == "RGBA" and stored.size == (200, 40)
    assert opened(image.thumbnail).size == (50, 10)
    assert image.file.name.endswith(".png") and image.file.name.startswith("images/")
    assert image.thumbnail.name.startswith("thumbnails/")


def test_a_webp_stays_webp(alice, django_capture_on_commit_callbacks):
    image = upload_and_process(
        django_capture_on_commit_callbacks, alice, picture(60, 40, "WEBP"), name="a.webp", content_type="image/webp"
    )

    assert image.state == Image.State.READY and image.content_type == "image/webp"
    assert opened(image.file).format == "WEBP" and image.file.name.endswith(".webp")


def test_an_animated_gif_keeps_its_frames_without_its_comment_and_gets_a_still_thumbnail(
    alice, django_capture_on_commit_callbacks
):
    image = upload_and_process(
        django_capture_on_commit_callbacks, alice, animated_gif(3), name="a.gif", content_type="image/gif"
    )

    stored = opened(image.file)
    assert stored.format == "GIF" and stored.n_frames == 3 and "comment" not in stored.info
    assert image.content_type == "image/gif"
    assert opened(image.thumbnail).format == "PNG"


def test_a_gif_of_too_many_pixels_in_all_its_frames_keeps_its_first_frame(
    alice, django_capture_on_commit_callbacks, settings
):
    # Each 40×40 frame fits; five of them pass the animation's budget of four times the limit.
    settings.IMAGE_MAX_PIXELS = 40 * 40
    image = upload_and_process(
        django_capture_on_commit_callbacks, alice, animated_gif(5), name="a.gif", content_type="image/gif"
    )

    assert image.state == Image.State.READY
    stored = opened(image.file)
    assert stored.format == "PNG" and image.content_type == "image/png"


def test_the_colour_profile_is_the_one_piece_of_metadata_kept(alice, django_capture_on_commit_callbacks):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = picture(60, 40, "PNG", icc_profile=srgb, pnginfo=text_chunk("Location", "52.37N 4.89E"))
    image = upload_and_process(django_capture_on_commit_callbacks, alice, data)

    stored = opened(image.file)
    assert stored.info.get("icc_profile") == srgb
    assert "Location" not in stored.info and not getattr(stored, "text", {})
