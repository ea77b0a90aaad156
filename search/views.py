from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_GET

from posts import policy
from posts.listing import render_post_list
from search import selectors
from search.forms import SearchForm
from threadly.pagination import BrokenCursor

SEARCHES = {
    "posts": lambda request, text, cursor: selectors.search_posts(
        text=text, viewer=request.user, cursor=cursor, size=settings.PAGE_SIZE
    ),
    "people": lambda request, text, cursor: selectors.search_people(
        text=text, viewer=request.user, cursor=cursor, size=settings.PAGE_SIZE
    ),
    "tags": lambda request, text, cursor: selectors.search_tags(text=text, cursor=cursor, size=settings.PAGE_SIZE),
}


def tag(request, tag: str):
    """Posts carrying #tag that the viewer may see, newest first."""
    tag = tag.lower()
    return render_post_list(request, "search/tag.html", policy.tag_posts(viewer=request.user, tag=tag), {"tag": tag})


@require_GET
def search(request):
    """Posts, people or tags matching the query; an empty or too long query says so."""
    form = SearchForm(request.GET)
    context = {"form": form, "page": None, "type": "posts", "text": "", "max_length": settings.SEARCH_QUERY_MAX_LENGTH}
    if form.is_valid():
        text, kind = form.cleaned_data["q"], form.cleaned_data["type"]
        context.update(type=kind, text=text)
        if text:
            try:
                page = SEARCHES[kind](request, text, form.cleaned_data["cursor"] or None)
            except ValidationError as error:
                raise BrokenCursor("cursor") from error
            else:
                if kind == "posts":
                    policy.mark_posts(viewer=request.user, posts=page.items)
                context["page"] = page
                if page.next_cursor:
                    context["more_url"] = "?" + urlencode({"q": text, "type": kind, "cursor": page.next_cursor})
    status = 400 if form.errors else 200
    if request.htmx and context["page"] is not None and form.cleaned_data.get("cursor"):
        return render(request, "search/search.html#results", context, status=status)
    return render(request, "search/search.html", context, status=status)


@require_GET
def trending(request):
    """The trending tags box, loaded by htmx beside the search and Explore pages."""
    return render(request, "search/_trending.html", {"trending": selectors.trending_tags()})
