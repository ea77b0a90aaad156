"""Post text: finding @mentions and #hashtags, and turning plain text into safe HTML."""

import re
from collections.abc import Collection, Sequence

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


def first_link(text: str) -> str | None:
    """The first http(s) link, as rendering finds links: the one a post's preview card shows."""
    return next((match["url"] for match in TOKEN_RE.finditer(text) if match["url"]), None)


Span = tuple[int, int]


def _marked(html: str, marked: bool) -> str:
    return f"<mark>{html}</mark>" if marked and html else html


def _text_html(text: str, start: int, end: int, marks: Sequence[Span]) -> str:
    """text[start:end] escaped, its marked stretches (clipped to it) in <mark> elements."""
    parts = []
    position = start
    for mark_start, mark_end in marks:
        mark_start, mark_end = max(mark_start, position), min(mark_end, end)
        if mark_start >= mark_end:
            continue
        parts.append(escape(text[position:mark_start]))
        parts.append(_marked(escape(text[mark_start:mark_end]), True))
        position = mark_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def _link_for(match: re.Match, site: str, linked_mentions: Collection[str], marked: bool) -> str:
    """A link for the token, its whole text marked when a mark touches it, so a mark never splits a link."""
    if url := match["url"]:
        label = _marked(escape(url), marked)
        return format_html('<a href="{}" rel="nofollow noopener ugc" target="_blank">{}</a>', url, mark_safe(label))
    if name := match["mention"]:
        label = _marked(escape(f"@{name}"), marked)
        if name.lower() not in linked_mentions:
            return label  # Nobody (active) by that name, or not linked when written: no link to a 404.
        href = site + reverse("social:profile", kwargs={"username": name})
        return format_html('<a href="{}" class="mention">{}</a>', href, mark_safe(label))
    tag = match["hashtag"]
    label = _marked(escape(match.group(0)), marked)
    if tag.isdigit():
        return label
    href = site + reverse("search:tag", kwargs={"tag": tag.lower()})
    return format_html('<a href="{}" class="hashtag">{}</a>', href, mark_safe(label))


def render_text(
    text: str, *, site: str = "", linked_mentions: Collection[str] = frozenset(), marks: Sequence[Span] = ()
) -> SafeString:
    """Escape the text, link URLs, mentions and hashtags, and keep its line breaks.

    Only mentions in `linked_mentions` (lower-cased usernames of active people) become links.
    `marks` are (start, end) stretches of `text`, in order, to show in <mark> elements (search
    matches). `site` ("https://threadly.example") makes the links absolute, for HTML shown
    elsewhere (the API).
    """
    parts = []
    position = 0
    for match in TOKEN_RE.finditer(text):
        parts.append(_text_html(text, position, match.start(), marks))
        touched = any(start < match.end() and end > match.start() for start, end in marks)
        parts.append(_link_for(match, site, linked_mentions, touched))
        position = match.end()
    parts.append(_text_html(text, position, len(text), marks))
    html = "".join(parts).replace("\r\n", "\n").replace("\n", "<br>")
    return mark_safe(html)
