"""Rendering a page of posts: the full page, or just the next page for htmx's "Older posts"."""

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import render

from posts.hydration import hydrate
from posts.mentions import mark_linked_mentions
from posts.policy import mark_posts
from threadly.pagination import CursorPage, cursor_from, paginate_by_id


def render_marked_page(request, template: str, page: CursorPage, context: dict | None = None):
    """Render a page of posts already marked for the viewer (a hydrated page's are)."""
    context = {**(context or {}), "page": page}
    if request.htmx:
        return render(request, "posts/_post_list.html#page", context)
    return render(request, template, context)


def render_post_page(request, template: str, page: CursorPage, context: dict | None = None):
    """Render a page of posts (`page.items`), however the list was paged."""
    mark_posts(viewer=request.user, posts=page.items)
    mark_linked_mentions(page.items)
    return render_marked_page(request, template, page, context)


def render_post_list(request, template: str, posts: QuerySet, context: dict | None = None):
    page = paginate_by_id(posts, cursor=cursor_from(request), size=settings.PAGE_SIZE)
    return render_post_page(request, template, page, context)


def hydrated_page(request, posts: QuerySet, *, before: int | None, size: int) -> CursorPage:
    """A page of `posts` older than `before`, hydrated (posts.hydration) for request.user."""
    if before is not None:
        posts = posts.filter(id__lt=before)
    items = hydrate(request, posts.order_by("-id"), limit=size + 1, api=False)
    return CursorPage(items=items[:size], next_cursor=items[size - 1].pk if len(items) > size else None)


def render_hydrated_list(request, template: str, posts: QuerySet, context: dict | None = None):
    """render_post_list for the lists read most (home, Explore, profiles): the same markup, hydrated."""
    page = hydrated_page(request, posts, before=cursor_from(request), size=settings.PAGE_SIZE)
    return render_marked_page(request, template, page, context)
