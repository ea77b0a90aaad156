"""The pin and unpin buttons on one's own posts (profile pages): htmx swaps the button, a form goes back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_POST

from posts import pins, policy
from threadly.redirects import redirect_back


def _pin_toggled(request, post_id: int, *, pin: bool):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    try:
        (pins.post_pin if pin else pins.post_unpin)(user=request.user, post=post)
    except ValidationError as error:
        if request.htmx:
            return render(request, "400.html", {"message": error.messages[0]}, status=400)
        messages.error(request, error.messages[0])
        return redirect_back(request, request.user)
    if not request.htmx:
        messages.success(request, "Pinned to your profile." if pin else "Unpinned.")
        return redirect_back(request, request.user)
    post.pin_state = "pinned" if pin else "unpinned"
    return render(request, "posts/_post.html#pin_button", {"post": post})


@login_required
@require_POST
def pin(request, post_id: int):
    return _pin_toggled(request, post_id, pin=True)


@login_required
@require_POST
def unpin(request, post_id: int):
    return _pin_toggled(request, post_id, pin=False)
