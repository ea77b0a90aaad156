"""Mastodon's Tag: a hashtag's name, its page on the site and its recent use."""

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone


def tag(request, name: str, *, uses: int | None = None) -> dict:
    """A Tag; `uses` (a trend's count over the last day) fills today's history. Threadly counts the
    posts carrying a tag, not the people, so a day's `accounts` is its posts' number, an upper bound."""
    history = []
    if uses is not None:
        midnight = datetime.combine(timezone.now().astimezone(timezone.UTC).date(), time(), tzinfo=timezone.UTC)
        history = [{"day": str(int(midnight.timestamp())), "uses": str(uses), "accounts": str(uses)}]
    return {
        "id": name,
        "name": name,
        "url": request.build_absolute_uri(reverse("search:tag", kwargs={"tag": name})),
        "history": history,
        "following": False,
    }
