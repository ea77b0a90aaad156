from django.http import Http404

from accounts.models import User


def user_by_username(username: str) -> User:
    """The active user with this username in any capitalisation, or 404."""
    user = User.objects.named(username).filter(is_active=True).select_related("avatar_image", "header_image").first()
    if user is None:
        raise Http404("No such user.")
    return user
