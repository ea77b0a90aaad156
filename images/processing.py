"""What the `media` worker makes of an upload: a clean, bounded picture, a thumbnail and a blurhash.

Clean means built anew from pixels: no EXIF (GPS, camera, orientation: the orientation is applied
first), no XMP, no comments; only the ICC colour profile is carried over, so colours stay right. The
stored upload is opened again and checked again: nothing said at upload time is trusted.
"""

import io
from dataclasses import dataclass

import blurhash
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from PIL import ImageOps, ImageSequence

from images import inspection

# An animated GIF keeps its animation while all its frames together stay within this many times the
# still-image pixel limit and this many frames; past that, only its first frame is kept.
GIF_PIXEL_BUDGET_FACTOR = 4
GIF_MAX_FRAMES = 300
JPEG_QUALITY = 85
WEBP_QUALITY = 85
BLURHASH_SOURCE_SIDE = 32
# An avatar is drawn 40 px wide in lists and 96 px on a profile: its thumbnail is 96 px at 2x, not the
# thumbnail a post's grid needs.
AVATAR_THUMBNAIL_SIDE = 192


@dataclass(frozen=True)
class Rendition:
    content: bytes
    extension: str
    width: int
    height: int


@dataclass(frozen=True)
class Processed:
    file: Rendition
    thumbnail: Rendition
    content_type: str
    blurhash: str


def _bounded(image: PILImage.Image, side: int) -> PILImage.Image:
    bounded = image.copy()
    bounded.thumbnail((side, side), PILImage.Resampling.LANCZOS)
    return bounded


def _flat_mode(image: PILImage.Image, image_format: str) -> PILImage.Image:
    """Pixels in a mode the output format writes well and resizes smoothly (a palette is expanded)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image_format == "JPEG":
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if has_alpha:
        return image if image.mode == "RGBA" else image.convert("RGBA")
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


def _encode(image: PILImage.Image, image_format: str, icc_profile: bytes | None) -> bytes:
    """Save `image` with nothing but its pixels (and the colour profile): its `info` (EXIF, XMP,
    comments, text chunks) is dropped, since some encoders read it as well as their arguments."""
    image.info = {}
    options: dict = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "JPEG":
        options |= {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
    elif image_format == "WEBP":
        options |= {"quality": WEBP_QUALITY}
    elif image_format == "PNG":
        options |= {"optimize": True}
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def _rendition(image: PILImage.Image, image_format: str, icc_profile: bytes | None) -> Rendition:
    extension = inspection.FORMATS[image_format][1]
    return Rendition(_encode(image, image_format, icc_profile), extension, image.width, image.height)


def _blurhash(image: PILImage.Image) -> str:
    small = _bounded(image, BLURHASH_SOURCE_SIDE).convert("RGB")
    rows = [[small.getpixel((x, y)) for x in range(small.width)] for y in range(small.height)]
    return blurhash.encode(rows, components_x=4, components_y=3)


def _animation(source: PILImage.Image, side: int) -> Rendition | None:
    """The GIF's frames, each bounded to `side`, as an animated GIF; None when it has one frame or is
    past the frame budget (a bomb of many frames is never decoded whole)."""
    if not getattr(source, "is_animated", False):
        return None
    budget = settings.IMAGE_MAX_PIXELS * GIF_PIXEL_BUDGET_FACTOR
    frames, durations = [], []
    for index, frame in enumerate(ImageSequence.Iterator(source)):
        budget -= source.width * source.height
        if budget < 0 or index >= GIF_MAX_FRAMES:
            return None
        frames.append(_bounded(frame.convert("RGBA"), side))
        durations.append(frame.info.get("duration", 100))
    loop = source.info.get("loop", 0)
    for frame in frames:
        frame.info = {}
    buffer = io.BytesIO()
    frames[0].save(
        buffer, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=loop, disposal=2
    )
    return Rendition(buffer.getvalue(), "gif", frames[0].width, frames[0].height)


def _process_open(source: PILImage.Image, thumbnail_side: int) -> Processed:
    image_format = source.format
    content_type = inspection.FORMATS[image_format][0]
    # A CMYK profile would misdescribe the RGB pixels it is converted to: then none is kept.
    icc_profile = source.info.get("icc_profile") if source.mode != "CMYK" else None
    animation = _animation(source, settings.IMAGE_MAX_SIDE) if image_format == "GIF" else None
    source.seek(0)
    upright = _flat_mode(ImageOps.exif_transpose(source), image_format)
    # A GIF's still rendition (its thumbnail, or the whole of a too-large animation) is a PNG.
    still_format = "PNG" if image_format == "GIF" else image_format
    file = animation or _rendition(_bounded(upright, settings.IMAGE_MAX_SIDE), still_format, icc_profile)
    if animation is None and image_format == "GIF":
        content_type = inspection.FORMATS["PNG"][0]
    thumbnail = _rendition(_bounded(upright, thumbnail_side), still_format, icc_profile)
    return Processed(file=file, thumbnail=thumbnail, content_type=content_type, blurhash=_blurhash(upright))


def process_bytes(data: bytes, *, thumbnail_side: int | None = None) -> Processed:
    """Check `data` again as at upload, then make the renditions; ValidationError (with words for the
    uploader) for anything that is not a whole, accepted image within the limits."""
    inspection.check_size(len(data))
    with inspection.opened(io.BytesIO(data)) as source:
        inspection.check_pixels(source.width, source.height)
        try:
            return _process_open(source, thumbnail_side or settings.IMAGE_THUMBNAIL_SIDE)
        except inspection.PILLOW_ERRORS as error:
            raise ValidationError("The image is damaged or incomplete.", code="truncated") from error


def still_jpeg(data: bytes, *, side: int) -> Rendition:
    """A small still JPEG of `data` (upright, metadata dropped, at most `side` a side), checked as an
    upload is: for pictures made outside the upload pipeline, such as a link card's. ValidationError
    for anything that is not a whole, accepted image within the limits."""
    with inspection.opened(io.BytesIO(data)) as source:
        inspection.check_pixels(source.width, source.height)
        try:
            source.draft("RGB", (side, side))
            upright = _flat_mode(ImageOps.exif_transpose(source), "JPEG")
            return _rendition(_bounded(upright, side), "JPEG", icc_profile=None)
        except inspection.PILLOW_ERRORS as error:
            raise ValidationError("The image is damaged or incomplete.", code="truncated") from error
