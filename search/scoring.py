"""How results are ordered, shared by both backends."""

import math

from django.conf import settings
from django.db.models import Case, Exists, FloatField, OuterRef, Value, When

from social.models import Follow

# A post this much older needs twice the relevance to rank level with a newer one. Added to
# the log of the relevance as age in seconds since 1970, so a post's score never changes with
# the clock and cursors stay valid between page loads.
RECENCY_PER_SECOND = math.log(2) / settings.SEARCH_RECENCY_HALF_LIFE.total_seconds()

# People you follow come before the rest, whose similarity is at most 1.
FOLLOWED_BONUS = 2.0


def followed_by(viewer) -> Exists | Value:
    """Whether the viewer follows the person of each row (for people lists)."""
    if not viewer.is_authenticated:
        return Value(False)
    return Exists(Follow.objects.filter(follower=viewer, followee=OuterRef("pk")))


def followed_first() -> Case:
    """The bonus of a row annotated with `is_followed`."""
    return Case(When(is_followed=True, then=Value(FOLLOWED_BONUS)), default=Value(0.0), output_field=FloatField())
