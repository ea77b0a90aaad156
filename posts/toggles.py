"""The on/off buttons of a post (like, repost, bookmark): one shape for the three."""

from collections.abc import Callable

from django.shortcuts import render

from posts import policy
from threadly.redirects import redirect_back


def post_toggled(request, post_id: int, *, act: Callable, flag: str, value: bool, button: str):
    """Act on the post a row shows (for a repost row, its original); answer htmx with the button
    (`button`, a partial of posts/_post.html) in its new state, a plain form by going back."""
    post = policy.original_of(policy.post_for_viewer(post_id=post_id, viewer=request.user))
    act(user=request.user, post=post)
    if not request.htmx:
        return redirect_back(request, post)
    setattr(post, flag, value)
    post.can_repost = policy.repost_refusal(request.user, post, seen=True) is None
    return render(request, f"posts/_post.html#{button}", {"post": post})
