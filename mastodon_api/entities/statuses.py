"""Mastodon's Status (with its MediaAttachment, Mention, Tag, PreviewCard and Quote parts) from
hydrated posts: each post's `data` is Threadly's API JSON, read from the rendering cache with the
viewer's flags and live counters already in (posts.hydration). What that JSON lacks (the full
Account of each author, the author of each replied-to post, mentioned people's ids) comes in one
query each for the whole page.

A repost row is Mastodon's reblog: its own id and account (the reposter), empty content, and the
original status under `reblog`.
"""

import re
from datetime import datetime

from django.db.models import QuerySet
from django.db.models.functions import Lower

from accounts.models import User
from mastodon_api.entities import iso
from mastodon_api.entities.accounts import accounts_by_id
from posts.hydration import hydrate
from posts.models import Post

VISIBILITY = {Post.Visibility.PUBLIC: "public", Post.Visibility.FOLLOWERS: "private"}
MENTION_LINK = re.compile(r'href="[^"]*/@(\w+)" class="mention"')
TAG_LINK = re.compile(r'href="([^"]*/tags/([^/"]+)/)" class="hashtag"')


def iso_text(text: str | None) -> str | None:
    """DRF's ISO 8601 time as Mastodon's (milliseconds, Z)."""
    return iso(datetime.fromisoformat(text)) if text else None


def content_html(html: str) -> str:
    """The post's rendered text (lines joined by <br>) as Mastodon's paragraphs."""
    if not html:
        return ""
    paragraphs = re.split(r"(?:<br>){2,}", html)
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def media_attachment(image: dict) -> dict:
    """A MediaAttachment from Threadly's image JSON (images.api.serializers.ImageSerializer)."""
    ready = image["state"] == "ready"
    meta = {}
    if ready:
        meta = {
            "original": _size(image["width"], image["height"]),
            "small": _size(image["thumbnail_width"], image["thumbnail_height"]),
        }
    return {
        "id": str(image["id"]),
        "type": "image",
        "url": image["url"] if ready else None,
        "preview_url": image["thumbnail_url"] if ready else None,
        "remote_url": None,
        "preview_remote_url": None,
        "text_url": None,
        "meta": meta,
        "description": image["alt_text"] or None,
        "blurhash": image["blurhash"] or None,
    }


def _size(width, height) -> dict:
    if not width or not height:
        return {}
    return {"width": width, "height": height, "size": f"{width}x{height}", "aspect": width / height}


def preview_card(card: dict | None) -> dict | None:
    if card is None:
        return None
    return {
        "url": card["url"],
        "title": card["title"],
        "description": card["description"],
        "type": "link",
        "author_name": "",
        "author_url": "",
        "provider_name": card["site_name"] or card["domain"],
        "provider_url": "",
        "html": "",
        "width": card["image_width"] or 0,
        "height": card["image_height"] or 0,
        "image": card["image_url"],
        "image_description": "",
        "embed_url": "",
        "blurhash": None,
        "authors": [],
    }


class _PageFacts:
    """What a page of statuses needs beyond the posts' JSON, in one query each."""

    def __init__(self, request, datas: list[dict]):
        everything = _with_nested(datas)
        self.accounts = accounts_by_id(request, {data["author"]["id"] for data in everything})
        parent_ids = {data["in_reply_to"] for data in everything if data.get("in_reply_to")}
        self.parent_authors = (
            dict(Post.objects.filter(pk__in=parent_ids).values_list("pk", "author_id")) if parent_ids else {}
        )
        names = {name.lower() for data in everything for name in MENTION_LINK.findall(data["html"])}
        people = User.objects.annotate(lower_name=Lower("username")).filter(lower_name__in=names) if names else []
        self.mentioned = {person.username.lower(): person for person in people}
        self.request = request


def _with_nested(datas: list[dict]) -> list[dict]:
    found = []
    for data in datas:
        found.append(data)
        if data.get("repost_of"):
            found.append(data["repost_of"])
        for inner in (data, data.get("repost_of") or {}):
            if inner.get("quoted_post"):
                found.append(inner["quoted_post"])
    return found


def _mentions(data: dict, facts: _PageFacts) -> list[dict]:
    found = []
    for name in dict.fromkeys(name.lower() for name in MENTION_LINK.findall(data["html"])):
        person = facts.mentioned.get(name)
        if person is not None:
            url = facts.request.build_absolute_uri(person.get_absolute_url())
            found.append({"id": str(person.pk), "username": person.username, "acct": person.username, "url": url})
    return found


def _tags(data: dict) -> list[dict]:
    tags = {}
    for url, name in TAG_LINK.findall(data["html"]):
        tags.setdefault(name, {"name": name, "url": url})
    return list(tags.values())


def _quote(data: dict, facts: _PageFacts) -> dict | None:
    state = data.get("quote_state")
    if state is None:
        return None
    if state == "ok" and data.get("quoted_post"):
        return {"state": "accepted", "quoted_status": _card_status(data["quoted_post"], facts)}
    return {"state": "revoked" if state == "detached" else "unauthorized", "quoted_status": None}


def _card_status(card: dict, facts: _PageFacts) -> dict:
    """A quoted post, shown from its card's JSON: the counters and flags are not on a card."""
    full = {
        "in_reply_to": None,
        "visibility": Post.Visibility.PUBLIC,
        "link_card": None,
        "quote_state": None,
        "like_count": 0,
        "reply_count": 0,
        "repost_count": 0,
        "quote_count": 0,
        "edited_at": None,
        **card,
    }
    return _status(full, facts)


def _status(data: dict, facts: _PageFacts) -> dict:
    parent = data.get("in_reply_to")
    author_id = data["author"]["id"]
    return {
        "id": str(data["id"]),
        "uri": data["html_url"],
        "url": data["html_url"],
        "created_at": iso_text(data["created_at"]),
        "edited_at": iso_text(data.get("edited_at")),
        "account": facts.accounts.get(author_id),
        "content": content_html(data["html"]),
        "text": None,
        "visibility": VISIBILITY.get(data["visibility"], "public"),
        "sensitive": bool(data["content_warning"]),
        "spoiler_text": data["content_warning"],
        "media_attachments": [media_attachment(image) for image in data["images"]],
        "application": None,
        "mentions": _mentions(data, facts),
        "tags": _tags(data),
        "emojis": [],
        "reblogs_count": data["repost_count"],
        "favourites_count": data["like_count"],
        "replies_count": data["reply_count"],
        "quotes_count": data["quote_count"],
        "in_reply_to_id": str(parent) if parent else None,
        "in_reply_to_account_id": str(facts.parent_authors[parent]) if parent in facts.parent_authors else None,
        "reblog": None,
        "quote": _quote(data, facts),
        "poll": None,
        "card": preview_card(data.get("link_card")),
        "language": None,
        "favourited": data.get("liked_by_me", False),
        "reblogged": data.get("reposted_by_me", False),
        "muted": False,
        "bookmarked": data.get("bookmarked_by_me", False),
        "pinned": False,
        "filtered": [],
    }


def _row_status(data: dict, facts: _PageFacts) -> dict:
    if not data.get("repost_of"):
        return _status(data, facts)
    original = _status(data["repost_of"], facts)
    reblog = _status({**data, "html": "", "content_warning": "", "images": [], "link_card": None}, facts)
    reblog.update(reblog=original, quote=None, reblogged=original["reblogged"], favourited=original["favourited"])
    reblog.update(bookmarked=original["bookmarked"], visibility="public")
    return reblog


def statuses(request, posts) -> list[dict]:
    """Statuses for hydrated posts (each with `.data`), in their order; a post whose author went
    missing meanwhile is left out."""
    datas = [post.data for post in posts]
    facts = _PageFacts(request, datas)
    found = [_row_status(data, facts) for data in datas]
    return [status for status in found if status["account"] is not None]


def hydrated(request, posts: QuerySet, *, limit: int) -> list:
    """`posts` (already filtered by the visibility policy, ordered) hydrated for the API."""
    return hydrate(request, posts, limit=limit, api=True)


def status_of(request, post_id: int, visible: QuerySet) -> dict | None:
    """One status among `visible` (a policy list), or None when it is not the viewer's to see."""
    found = statuses(request, hydrated(request, visible.filter(pk=post_id), limit=1))
    return found[0] if found else None
