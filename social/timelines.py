"""The home and public timelines: pull queries over the follow graph, newest first."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from accounts.models import User
from posts.selectors import public_posts, timeline_posts
from social.selectors import authors_not_hidden_from, followee_ids


def home_timeline_for(user: User) -> QuerySet:
    """Posts by the people `user` follows (whatever their visibility) and by `user`.

    The followees' ids are read first and passed as a list: with real ids PostgreSQL's
    planner knows how many posts they have, and picks the (author, id) index for a quiet
    feed instead of walking the whole posts table backwards as it does for a subquery.
    """
    author_ids = [*followee_ids(user).values_list("followee_id", flat=True), user.pk]
    return timeline_posts().filter(author_id__in=author_ids).filter(authors_not_hidden_from(user))


def public_timeline(viewer: User | AnonymousUser) -> QuerySet:
    """Every public post (the Explore page, open to visitors too), less those hidden from the viewer."""
    return public_posts().filter(authors_not_hidden_from(viewer))
