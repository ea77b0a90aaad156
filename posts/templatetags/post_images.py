"""The blurred placeholder of an image, as a tiny PNG in a data: address (CSP allows img-src data:).

Drawn where the post's rendering is made, which posts.hydration caches: a page shows it before the
thumbnail has loaded, with no JavaScript and no inline style.
"""

import base64
import io

import blurhash
from django import template
from PIL import Image as PILImage

register = template.Library()

# Enough pixels for a blur the browser stretches smoothly; a few hundred bytes of PNG.
PLACEHOLDER_SIDE = 16


@register.filter
def blurhash_src(image) -> str:
    """`{{ image|blurhash_src }}`: a data: PNG of the image's blurhash in its proportions, or "" without one."""
    if not image.blurhash or not image.thumbnail_width or not image.thumbnail_height:
        return ""
    ratio = image.thumbnail_width / image.thumbnail_height
    width, height = (PLACEHOLDER_SIDE, max(1, round(PLACEHOLDER_SIDE / ratio)))
    if ratio < 1:
        width, height = max(1, round(PLACEHOLDER_SIDE * ratio)), PLACEHOLDER_SIDE
    try:
        rows = blurhash.decode(image.blurhash, width, height)
    except ValueError:
        return ""
    picture = PILImage.new("RGB", (width, height))
    picture.putdata([tuple(max(0, min(255, round(value))) for value in pixel) for row in rows for pixel in row])
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
