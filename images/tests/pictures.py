"""Files the image tests upload: real pictures made here with Pillow, and things that only pose as one."""

import io
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

# EXIF tags: Orientation, and the pointer to the GPS block.
ORIENTATION = 0x0112
GPS_IFD = 0x8825


def picture(width: int = 120, height: int = 80, image_format: str = "PNG", mode: str = "RGB", **save) -> bytes:
    """A picture whose left half is red and right half blue, so a rotation shows in its pixels."""
    image = PILImage.new(mode, (width, height), "blue")
    ImageDraw.Draw(image).rectangle((0, 0, width // 2 - 1, height - 1), fill="red")
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save)
    return buffer.getvalue()


def jpeg_with_gps_rotated(width: int = 120, height: int = 80) -> bytes:
    """A JPEG as a phone leaves it: GPS coordinates, a camera model, a comment, XMP, and Orientation 6
    (turn 90° clockwise to show it upright)."""
    image = PILImage.new("RGB", (width, height), "blue")
    ImageDraw.Draw(image).rectangle((0, 0, width // 2 - 1, height - 1), fill="red")
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6
    exif[0x0110] = "Phone Camera 9000"
    exif[GPS_IFD] = {1: "N", 2: (52.0, 22.0, 12.5), 3: "E", 4: (4.0, 53.0, 30.0)}
    buffer = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>secret place</rdf:Description></x:xmpmeta>'
    image.save(buffer, format="JPEG", exif=exif, comment=b"taken at home", xmp=xmp)
    return buffer.getvalue()


def animated_gif(frames: int = 3, side: int = 40) -> bytes:
    colors = ("red", "green", "blue")
    images = [PILImage.new("RGB", (side, side), colors[index % 3]) for index in range(frames)]
    buffer = io.BytesIO()
    images[0].save(
        buffer, format="GIF", save_all=True, append_images=images[1:], duration=120, loop=0, comment=b"secret"
    )
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny file whose header claims `width` × `height` pixels: a decompression bomb's shape."""
    data = bytearray(picture(2, 2))
    # IHDR's width and height sit right after the signature (8), length (4) and type (4); its
    # checksum follows its 13 bytes and is made again so that the header reads as sound.
    data[16:24] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return bytes(data)


def uploaded(data: bytes, name: str = "picture.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
