from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, FloatField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.safestring import SafeString

from posts import policy
from posts.mentions import linked_mentions_of, mark_linked_mentions
from posts.models import Hashtag, Post
from posts.policy import Viewer
from posts.text import render_text
from search import backends
from search.pages import SearchPage, ranked_page
from search.query import MARK_END, MARK_START, parse_query
from social.selectors import people_not_hidden_from

TRENDING_CACHE_KEY = "search:trending-tags"
TRENDING_WINDOW = timedelta(hours=24)


def split_marks(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The backend's marked text as plain text and the (start, end) stretches it marked."""
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    start = None
    for character in marked:
        if character == MARK_START:
            start = len(plain) if start is None else start
        elif character == MARK_END:
            if start is not None:
                marks.append((start, len(plain)))
            start = None
        else:
            plain.append(character)
    if start is not None:
        marks.append((start, len(plain)))
    return "".join(plain), marks


def highlighted_html(post: Post, *, site: str = "") -> SafeString:
    """The post rendered as every post is (links, linked mentions), with the matching words marked."""
    text, marks = split_marks(post.highlight or post.body)
    return render_text(text, site=site, linked_mentions=linked_mentions_of(post), marks=marks)


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
    mark_linked_mentions(page.items)
    for post in page.items:
        post.highlight_html = highlighted_html(post)
    return page


def search_people(*, text: str, viewer: Viewer, cursor: str | None, size: int) -> SearchPage:
    """People by name, those the viewer follows first; each with `is_followed`."""
    people = backends.current().people_matching(viewer, text).filter(people_not_hidden_from(viewer))
    people = people.select_related("avatar_image", "header_image")
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
