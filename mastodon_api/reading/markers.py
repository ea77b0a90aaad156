"""Reading positions (Mastodon's markers), shared by a person's apps: where they stopped in their
home timeline and in their notifications. Moving the notifications marker marks those notifications
read, so the site's unread badge agrees with the apps."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.models import User
from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities import iso
from mastodon_api.models import Marker
from notifications import services as notifications

TIMELINES = Marker.Timeline.values


def marker_save(*, user: User, timeline: str, last_read_id: int) -> Marker:
    """Set the marker, its version one more than before, in one statement however many apps race:
    an update, else an insert, else (another app inserted meanwhile) the update again."""
    for _ in range(2):
        moved = Marker.objects.filter(user=user, timeline=timeline).update(
            last_read_id=last_read_id, version=F("version") + 1, updated_at=timezone.now()
        )
        if not moved:
            try:
                with transaction.atomic():
                    Marker.objects.create(user=user, timeline=timeline, last_read_id=last_read_id, version=1)
            except IntegrityError:
                continue
        break
    if timeline == Marker.Timeline.NOTIFICATIONS:
        notifications.notifications_mark_read(user=user, up_to=last_read_id)
    return Marker.objects.get(user=user, timeline=timeline)


def markers_of(user: User, timelines: list[str]) -> list[Marker]:
    return list(Marker.objects.filter(user=user, timeline__in=timelines))


def marker_entities(markers: list[Marker]) -> dict:
    return {
        marker.timeline: {
            "last_read_id": str(marker.last_read_id),
            "version": marker.version,
            "updated_at": iso(marker.updated_at),
        }
        for marker in markers
    }


def _posted_id(request, timeline: str) -> str | None:
    """`home[last_read_id]=…` from a form, or `{"home": {"last_read_id": …}}` from JSON."""
    data = request.data
    nested = data.get(timeline) if hasattr(data, "get") else None
    if isinstance(nested, dict):
        return nested.get("last_read_id")
    return params.value(request, f"{timeline}[last_read_id]")


class MarkerView(MastodonView):
    required_scopes = {"GET": "read:statuses", "POST": "write:statuses"}

    def get(self, request):
        wanted = [name for name in params.values(request, "timeline") if name in TIMELINES]
        return Response(marker_entities(markers_of(request.user, wanted)))

    def post(self, request):
        saved = []
        for timeline in TIMELINES:
            posted = _posted_id(request, timeline)
            if posted not in (None, ""):
                posted = str(posted)
                if not posted.isdigit() or len(posted) > 18:
                    raise ValidationError({f"{timeline}[last_read_id]": ["must be an id"]})
                saved.append(marker_save(user=request.user, timeline=timeline, last_read_id=int(posted)))
        return Response(marker_entities(saved))
