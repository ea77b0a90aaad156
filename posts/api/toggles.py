"""The on/off endpoints of a post (like, repost, bookmark): one shape for the three, as on the pages
(posts.toggles)."""

from collections.abc import Callable

from django.urls import reverse
from rest_framework import status
from rest_framework.response import Response

from posts import policy


def toggled_on(request, post_id: int, *, act: Callable, state: Callable) -> Response:
    """Act on the post a row shows (for a repost row, its original): 201 with its state and Location
    when this call changed it, 200 with the same state when it was already so (a repeat is harmless)."""
    post = policy.original_of(policy.post_for_viewer(post_id=post_id, viewer=request.user))
    if not act(user=request.user, post=post):
        return Response(state(post))
    location = request.build_absolute_uri(reverse("api:post-detail", kwargs={"post_id": post.pk}))
    return Response(state(post), status=status.HTTP_201_CREATED, headers={"Location": location})


def toggled_off(request, post_id: int, *, act: Callable) -> Response:
    """Undo on the post a row shows; 204 whether or not there was anything to undo."""
    act(user=request.user, post=policy.original_of(policy.post_for_viewer(post_id=post_id, viewer=request.user)))
    return Response(status=status.HTTP_204_NO_CONTENT)
