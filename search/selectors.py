from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, FloatField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from posts import policy
from posts.models import Hashtag
from posts.policy import Viewer
from search import backends
from search.pages import SearchPage, ranked_page
from search.query import MARK_END, MARK_START, parse_query
from social.selectors import people_not_hidden_from

TRENDING_CACHE_KEY = "search:trending-tags"
TRENDING_WINDOW = timedelta(hours=24)


def highlighted_html(text: str) -> SafeString:
    """Escaped text with the backend's marks turned into <mark> elements."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html.replace("\n", "<br>"))


def search_posts(*, text: str, viewer: Viewer, cursor: str | None, size: int) -> SearchPage:
    """Posts the viewer may see matching `text`, best first, each with `highlight_html`.

    A query that requires nothing (only exclusions or operators) finds nothing on either backend,
    rather than every post without the excluded words.
    """
    if parse_query(text).is_empty:
        return SearchPage(items=[], next_cursor=None)
    backend = backends.current()
    page = ranked_page(backend.posts_matching(policy.searchable_posts(viewer), text), cursor=cursor, size=size)
    backend.mark_page(page.items, text)
    for post in page.items:
        post.highlight_html = highlighted_html(post.highlight or post.body)
    return page


def search_people(*, text: str, viewer: Viewer, cursor: str | None, size: int) -> SearchPage:
    """People by name, those the viewer follows first; each with `is_followed`."""
    people = backends.current().people_matching(viewer, text).filter(people_not_hidden_from(viewer))
    return ranked_page(people, cursor=cursor, size=size)


def tags_starting_with(prefix: str) -> QuerySet:
    """Tags by prefix with the number of posts that count (posts.policy); a tag with none is not listed."""
    prefix = prefix.lower().lstrip("#")
    return (
        Hashtag.objects.filter(name__startswith=prefix)
        .annotate(post_count=Count("posts", filter=policy.counted_posts_q("posts__")))
        .filter(post_count__gt=0)
        .annotate(score=Cast("post_count", FloatField()))
    )


def search_tags(*, text: str, cursor: str | None, size: int) -> SearchPage:
    """Tags starting with `text`, the most used in posts that count first."""
    return ranked_page(tags_starting_with(text), cursor=cursor, size=size)


def trending_tags(limit: int = 10) -> list[tuple[str, int]]:
    """The tags of the most posts that count (posts.policy) in the last 24 hours: (name, uses), cached a few minutes."""
    trending = cache.get(TRENDING_CACHE_KEY)
    if trending is None:
        since = timezone.now() - TRENDING_WINDOW
        tags = (
            Hashtag.objects.filter(policy.counted_posts_q("posts__"), posts__created_at__gte=since)
            .annotate(uses=Count("posts"))
            .order_by("-uses", "name")
            .values_list("name", "uses")[:limit]
        )
        trending = list(tags)
        cache.set(TRENDING_CACHE_KEY, trending, timeout=settings.TRENDING_TAGS_CACHE_SECONDS)
    return trending
