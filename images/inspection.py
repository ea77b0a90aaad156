"""What an uploaded file is, judged by its bytes: its real format, its size in pixels read from the
header without decoding it, and whether it is whole. Shared by the upload (refuse at once) and the
worker (which opens the stored file again and trusts nothing said at upload)."""

import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

# Pillow format name -> (content type, file extension). Only these are opened at all: Pillow is not
# asked to guess among its other plugins (no EPS, no PSD, no SVG).
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
ACCEPTED = "Upload a JPEG, PNG, WebP or GIF image."
# Errors Pillow raises for a file it cannot read: broken, truncated or not an image at all.
PILLOW_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError)


@dataclass(frozen=True)
class Inspected:
    format: str
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return FORMATS[self.format][0]

    @property
    def extension(self) -> str:
        return FORMATS[self.format][1]


@contextmanager
def opened(file):
    """Open `file` with Pillow (which reads only the header), as one of the accepted formats only.

    Pillow's global MAX_IMAGE_PIXELS is left alone (its warning is quiet, its error is ours); our own,
    lower limit is checked on the header's size by `check_pixels`, before anything is decoded.
    """
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
        try:
            image = PILImage.open(file, formats=list(FORMATS))
        except PILImage.DecompressionBombError as error:
            raise too_many_pixels() from error
        except PILLOW_ERRORS as error:
            raise ValidationError(ACCEPTED, code="not_an_image") from error
    with image:
        yield image


def too_many_pixels() -> ValidationError:
    limit = settings.IMAGE_MAX_PIXELS
    return ValidationError(f"The image is too large: at most {limit / 1_000_000:g} megapixels.", code="too_many_pixels")


def check_size(size: int) -> None:
    if size > settings.IMAGE_MAX_BYTES:
        limit = filesizeformat(settings.IMAGE_MAX_BYTES)
        raise ValidationError(f"The file is too large: at most {limit}.", code="too_large")


def check_pixels(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ValidationError(ACCEPTED, code="not_an_image")
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise too_many_pixels()


def _check_whole(image) -> None:
    """Refuse a truncated file. A JPEG is decoded at 1/8 scale (cheap, and it reads every byte); a PNG's
    chunks and checksums are verified; a GIF's or WebP's first frame is decoded (within the pixel limit)."""
    try:
        if image.format == "JPEG":
            image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
        elif image.format == "PNG":
            image.verify()
        else:
            image.load()
    except PILLOW_ERRORS as error:
        raise ValidationError("The image is damaged or incomplete.", code="truncated") from error


def inspect(file) -> Inspected:
    """The real format and size of `file`; ValidationError (with a code) when it is not a whole,
    accepted image within the limits."""
    check_size(file.size)
    with opened(file) as image:
        check_pixels(image.width, image.height)
        inspected = Inspected(format=image.format, width=image.width, height=image.height)
        _check_whole(image)
    file.seek(0)
    return inspected
