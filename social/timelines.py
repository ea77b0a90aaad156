"""The home and public timelines: pull queries over the follow graph, newest first."""

from django.db.models import Q, QuerySet

from accounts.models import User
from posts.selectors import public_posts, timeline_posts
from social.selectors import followee_ids


def home_timeline_for(user: User) -> QuerySet:
    """Posts by the people `user` follows (whatever their visibility) and by `user`."""
    return timeline_posts().filter(Q(author=user) | Q(author__in=followee_ids(user)))


def public_timeline() -> QuerySet:
    """Every public post: the Explore page, open to visitors too."""
    return public_posts()
