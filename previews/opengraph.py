"""Reading a page's card from its HTML: OpenGraph tags (og:title, og:description, og:image,
og:site_name), falling back on <title> and the meta description.

The standard library's html.parser reads whatever a page is, broken markup included, without a
compiled dependency; the charset comes from the Content-Type header, else from the page's <meta>,
else UTF-8, and bytes that do not decode are replaced rather than failing the card.
"""

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
WANTED = {"og:title", "og:description", "og:image", "og:image:url", "og:site_name", "description"}


@dataclass(frozen=True)
class PageFacts:
    title: str
    description: str
    image: str
    site_name: str


class _CardParser(HTMLParser):
    """Collects the wanted <meta> contents (the first of each) and the first <title>'s text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] | None = None
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = {name: value or "" for name, value in attrs}
            key = (values.get("property") or values.get("name") or "").strip().lower()
            if key in WANTED and key not in self.meta and values.get("content", "").strip():
                self.meta[key] = values["content"]
        elif tag == "title" and not self.title and self.title_parts is None:
            self.title_parts = []

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            self.title = "".join(self.title_parts)
            self.title_parts = None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def page_text(body: bytes, header_charset: str | None) -> str:
    """The page as text, in the charset it declares (header first, then <meta>), UTF-8 otherwise."""
    declared = META_CHARSET.search(body[:4096])
    charset = _codec(header_charset) or _codec(declared[1].decode("ascii") if declared else None) or "utf-8"
    return body.decode(charset, errors="replace")


def _clean(text: str, limit: int) -> str:
    """One line of at most `limit` characters, without control characters."""
    words = "".join(char if char.isprintable() else " " for char in text).split()
    line = " ".join(words)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def page_facts(body: bytes, header_charset: str | None) -> PageFacts:
    parser = _CardParser()
    parser.feed(page_text(body, header_charset))
    parser.close()
    if parser.title_parts is not None:
        parser.title = "".join(parser.title_parts)  # A <title> the page never closed.
    meta = parser.meta
    return PageFacts(
        title=_clean(meta.get("og:title") or parser.title, 300),
        description=_clean(meta.get("og:description") or meta.get("description", ""), 500),
        image=(meta.get("og:image") or meta.get("og:image:url") or "").strip(),
        site_name=_clean(meta.get("og:site_name", ""), 100),
    )
