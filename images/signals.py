"""What the images room announces to the rooms above it, which it may not import.

`image_described` is sent (inside the writing transaction) when an image's alt text changes: a post
carrying the image shows that text in its cached rendering, so posts re-renders it (posts.apps).
"""

from django.dispatch import Signal

# Sent with `image_id`.
image_described = Signal()
