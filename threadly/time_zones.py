"""The viewer's time zone: theirs when they chose one (User.time_zone), else their browser's (the `tz`
cookie js/time-zone.js sets), else UTC. Every name is checked against zoneinfo's list first.

Post HTML is cached for every viewer alike (posts.hydration.renderings), so an absolute time in it
is a marker (`viewer_time_marker`) that `fill_viewer_times` turns into the viewer's time at read,
as TIME_SLOT is for the relative one.
"""

import functools
import re
import zoneinfo
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape

COOKIE = "tz"
MAX_LENGTH = 64
_MARKER = re.compile("\x00at:([0-9T:.+-]{19,40})\x00")


# Files in the zone database that are not places: the server's own zone, and helpers.
NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) - NOT_PLACES


def time_zone_names() -> list[str]:
    """Every IANA name this Python knows, sorted (the settings page's choices)."""
    return sorted(_known())


def time_zone_named(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone called `name`, or None for an empty or unknown name (never a file path or a guess)."""
    if not name or len(name) > MAX_LENGTH or name not in _known():
        return None
    return zoneinfo.ZoneInfo(name)


def validate_time_zone(name: str) -> None:
    if name and time_zone_named(name) is None:
        raise ValidationError("Choose a time zone from the list, such as Europe/Paris.", code="invalid_time_zone")


def viewer_time_zone(request) -> zoneinfo.ZoneInfo | None:
    user = getattr(request, "user", None)
    chosen = getattr(user, "time_zone", "") if user is not None and user.is_authenticated else ""
    return time_zone_named(chosen) or time_zone_named(request.COOKIES.get(COOKIE))


class ViewerTimeZoneMiddleware:
    """Activate the viewer's time zone for a page: templates show times in it. The API answers in
    UTC whoever asks (its clients convert), so its cached JSON holds for everyone; the probes and
    metrics show no time and must not read the session to find one."""

    # Views whose answers hold no time for a person, by module.
    UNTIMED = ("threadly.observability.",)

    def __init__(self, get_response):
        # Here, not at the top: accounts.models reads this module's validator before DRF can load.
        from threadly.api.errors import is_api_request

        self.get_response = get_response
        self.is_api_request = is_api_request

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.is_api_request(request) or view_func.__module__.startswith(self.UNTIMED):
            return None
        zone = viewer_time_zone(request)
        if zone is not None:
            timezone.activate(zone)
        return None


def viewer_time(moment: datetime) -> str:
    """`moment` as a template shows a datetime, in the active (the viewer's) time zone."""
    return localize(timezone.localtime(moment))


def viewer_time_marker(moment: datetime) -> str:
    """A stand-in for viewer_time(moment) in a rendering cached for every viewer."""
    return f"\x00at:{moment.astimezone(zoneinfo.ZoneInfo('UTC')).isoformat()}\x00"


def fill_viewer_times(html: str) -> str:
    """`html` with each viewer_time_marker replaced by the time it stands for, in the viewer's zone."""
    return _MARKER.sub(lambda match: conditional_escape(viewer_time(datetime.fromisoformat(match.group(1)))), html)


def time_zone_choices() -> list[tuple[str, str]]:
    """The settings page's list: the browser's zone first, then every place by its IANA name."""
    return [("", "Automatic (from your browser)"), *((name, name.replace("_", " ")) for name in time_zone_names())]
