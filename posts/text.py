"""Post text: finding @mentions and #hashtags, and turning plain text into safe HTML."""

import re

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

MENTION = r"(?<![\w@/])@(?P<mention>[A-Za-z0-9_]{3,30})(?![\w@])"
HASHTAG = r"(?<![\w#&/])#(?P<hashtag>\w{1,100})(?!\w)"
URL = r"(?P<url>\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])"
TOKEN_RE = re.compile(f"{URL}|{MENTION}|{HASHTAG}")
MENTION_RE = re.compile(MENTION)
HASHTAG_RE = re.compile(HASHTAG)


def _without_urls(text: str) -> str:
    return re.sub(URL, " ", text)


def extract_mentions(text: str) -> list[str]:
    """Mentioned usernames, lower-cased, first occurrence order, no duplicates."""
    names = (match["mention"].lower() for match in MENTION_RE.finditer(_without_urls(text)))
    return list(dict.fromkeys(names))


def extract_hashtags(text: str) -> list[str]:
    """Hashtags without `#`, lower-cased, ignoring those made only of digits (#1 is not a tag)."""
    tags = (match["hashtag"].lower() for match in HASHTAG_RE.finditer(_without_urls(text)))
    return list(dict.fromkeys(tag for tag in tags if not tag.isdigit()))


def _link_for(match: re.Match, site: str) -> str:
    if url := match["url"]:
        return format_html('<a href="{}" rel="nofollow noopener ugc" target="_blank">{}</a>', url, url)
    if name := match["mention"]:
        href = site + reverse("social:profile", kwargs={"username": name})
        return format_html('<a href="{}" class="mention">@{}</a>', href, name)
    tag = match["hashtag"]
    if tag.isdigit():
        return escape(match.group(0))
    href = site + reverse("search:tag", kwargs={"tag": tag.lower()})
    return format_html('<a href="{}" class="hashtag">#{}</a>', href, tag)


def render_text(text: str, *, site: str = "") -> SafeString:
    """Escape the text, link URLs, mentions and hashtags, and keep its line breaks.

    `site` ("https://threadly.example") makes the links absolute, for HTML shown elsewhere (the API).
    """
    parts = []
    position = 0
    for match in TOKEN_RE.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(_link_for(match, site))
        position = match.end()
    parts.append(escape(text[position:]))
    html = "".join(parts).replace("\r\n", "\n").replace("\n", "<br>")
    return mark_safe(html)
