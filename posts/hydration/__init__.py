"""A page of posts in a fixed number of queries, whatever the page's length: hydrate().

The page's posts and everything that depends on the viewer or changes by the minute (liked,
reposted, bookmarked, follows the author, who may reply, live counters, versions) come in ONE
query (rows.page_values); what every viewer sees alike (the API's JSON, the post's HTML, quote
cards) comes from the rendering cache in one MGET (renderings). Then the viewer's part is filled
in: the API's flags and counters, or the page's buttons through posts/_post.html, the same
template every list renders.

A HydratedPost is a Post built from the page query's values, not loaded as a model: marked as
posts.policy.mark_posts marks a page, a repost row with its original as `repost_of`, and carrying
its renderings: `content_html` and `quote_card_html` for a page, `data` (PostSerializer's JSON)
for the API.
"""

from collections.abc import Callable

import orjson
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.db.models import QuerySet
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from rest_framework.request import Request

from posts.hydration.renderings import CW_SLOT, TIME_SLOT, Rendering, renderings_for
from posts.hydration.rows import PageQuery, marked_posts, page_values
from posts.models import Post
from posts.policy import original_of
from threadly.time_zones import fill_viewer_times

HydratedPost = Post

LIVE_COUNTERS = ("like_count", "reply_count", "repost_count", "quote_count")
# PostSerializer's fields that depend on the viewer, and the marks they read.
VIEWER_FIELDS = {
    "liked_by_me": "liked",
    "bookmarked_by_me": "bookmarked",
    "reposted_by_me": "reposted",
    "quote_state": "quote_state",
    "can_edit": "can_edit",
    "can_delete": "can_delete",
    "can_report": "can_report",
    "can_reply": "can_reply",
    "can_repost": "can_repost",
    "can_quote": "can_quote",
    "can_detach": "can_detach",
    "reply_refusal": "reply_refusal",
}


def hydrate(request, posts: QuerySet | PageQuery, *, limit: int, api: bool | None = None) -> list[HydratedPost]:
    """`posts[:limit]` (filtered and ordered newest first by the caller) ready to show to request.user:
    with `data` for the API (`api`, or a DRF request when None), else with the page's HTML pieces."""
    if api is None:
        api = isinstance(request, Request)
    page = marked_posts(viewer=request.user, rows=page_values(viewer=request.user, posts=posts, limit=limit))
    originals = [original_of(post) for post in page]
    cards = [post.quoted_post for post in originals if post.quote_state == "ok"]
    kind, card_kind = ("api", "apicard") if api else ("html", "card")
    wanted = {Rendering(card_kind, card.pk, card.version) for card in cards}
    shown = [*page, *originals] if api else originals
    wanted |= {Rendering(kind, post.pk, post.version) for post in shown}
    found = renderings_for(request, wanted)
    # A post deleted since the page's query has no rendering: it leaves the page.
    page = [post for post in page if Rendering(kind, original_of(post).pk, original_of(post).version) in found]
    if api:
        return [_with_data(post, found) for post in page if Rendering(kind, post.pk, post.version) in found]
    opened = cw_open(request.user)
    return [_with_html(post, found, opened) for post in page]


def hydrator(request, *, api: bool | None = None) -> Callable[[PageQuery, int], list[HydratedPost]]:
    """hydrate() for this request in the shape timelines.home_page takes: `(posts, limit) -> items`."""

    def hydrate_page(posts: PageQuery, limit: int) -> list[HydratedPost]:
        return hydrate(request, posts, limit=limit, api=api)

    return hydrate_page


def cw_open(viewer) -> str:
    """What CW_SLOT becomes for this reader: ` open` when they always expand content warnings.

    Filled in at each read rather than cached, because the renderings are shared by every reader;
    a template rendered for one reader (the thread page, search) reads the setting itself
    (posts/_cw_open.html).
    """
    return " open" if getattr(viewer, "expand_content_warnings", False) else ""


def _time(when) -> str:
    return conditional_escape(naturaltime(when))


def _card(post: Post, found: dict, kind: str):
    if post.quote_state != "ok":
        return None
    quoted = post.quoted_post
    return found.get(Rendering(kind, quoted.pk, quoted.version))


def _filled(rendering: bytes, when, opened: str) -> str:
    filled = rendering.decode().replace(TIME_SLOT, _time(when)).replace(CW_SLOT, opened)
    return mark_safe(fill_viewer_times(filled))


def _with_html(row: Post, found: dict, opened: str) -> HydratedPost:
    post = original_of(row)
    post.content_html = _filled(found[Rendering("html", post.pk, post.version)], post.created_at, opened)
    if (card := _card(post, found, "card")) is not None:
        post.quote_card_html = _filled(card, post.quoted_post.created_at, opened)
    elif post.quote_state == "ok":
        post.quote_state = "unavailable"  # The quoted post went between the two queries.
    return row


def _data_of(post: Post, found: dict) -> dict:
    data = orjson.loads(found[Rendering("api", post.pk, post.version)])
    for name in LIVE_COUNTERS:
        data[name] = getattr(post, name)
    for field, mark in VIEWER_FIELDS.items():
        data[field] = getattr(post, mark)
    card = _card(post, found, "apicard")
    if card is None and post.quote_state == "ok":
        data["quote_state"] = "unavailable"
    data["quoted_post"] = None if card is None else orjson.loads(card)
    return data


def _with_data(row: Post, found: dict) -> HydratedPost:
    row.data = _data_of(row, found)
    row.data["repost_of"] = row.data["reposted_by"] = None
    if row.repost_of_id:
        row.data["repost_of"] = _data_of(row.repost_of, found)
        row.data["reposted_by"] = row.data["author"]
    return row
