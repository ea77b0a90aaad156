"""The tabs of a profile's posts: one list, so that a new tab is one more entry here."""

from dataclasses import dataclass

from accounts.models import User


@dataclass(frozen=True)
class ProfileTab:
    key: str
    label: str
    # The query string that selects the tab on the profile's address ("" for the first).
    query: str


PROFILE_TABS = (
    ProfileTab("posts", "Posts", ""),
    ProfileTab("replies", "Posts and replies", "?with_replies=1"),
    ProfileTab("media", "Media", "?media=1"),
)


@dataclass(frozen=True)
class ShownTab:
    label: str
    url: str
    current: bool


def profile_tabs(user: User, *, current: str) -> list[ShownTab]:
    """The profile's tabs for the template, `current` (a ProfileTab key) marked as the page shown."""
    base = user.get_absolute_url()
    return [ShownTab(tab.label, base + tab.query, tab.key == current) for tab in PROFILE_TABS]
