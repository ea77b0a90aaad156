"""What people type into the search box, made safe for the backends."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from threadly.text import CONTROL_CHARACTERS

# Web-search syntax: "a phrase", -excluded, a or b, plain words. An unclosed quote runs to the end.
TOKEN = re.compile(r'(?P<negated>-?)"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
WORD_CHARACTER = re.compile(r"\w")
# Marks the backends put around matching words; control characters never survive clean_query.
MARK_START, MARK_END = "\x02", "\x03"


def clean_query(raw: str | None) -> str:
    """The query without control characters and extra spaces; a ValidationError when too long."""
    text = " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())
    if len(text) > settings.SEARCH_QUERY_MAX_LENGTH:
        raise ValidationError(
            f"Search for at most {settings.SEARCH_QUERY_MAX_LENGTH} characters (this has {len(text)}).",
            code="too_long",
        )
    return text


@dataclass(frozen=True)
class Term:
    text: str
    negated: bool = False
    is_phrase: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """The query as groups of alternatives that must all match, and terms that must not."""

    required: list[list[Term]]
    excluded: list[Term]

    @property
    def is_empty(self) -> bool:
        return not self.required


def parse_query(text: str) -> ParsedQuery:
    """Parse web-search syntax the way PostgreSQL's websearch_to_tsquery reads it.

    Terms without a letter or digit (lone operators, punctuation) are dropped.
    """
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = negate_next = False
    for match in TOKEN.finditer(text):
        word = match["word"]
        if word is not None and word.lower() == "or":
            join_next = bool(groups)
            continue
        if word is not None and set(word) == {"-"}:
            negate_next = True  # "- coffee" excludes coffee, as websearch_to_tsquery reads it.
            continue
        if match["phrase"] is not None:
            term = Term(match["phrase"], negated=bool(match["negated"]) != negate_next, is_phrase=True)
        else:
            dashes = len(word) - len(word.lstrip("-"))
            term = Term(word.lstrip("-"), negated=(dashes % 2 == 1) != negate_next)
        negate_next = False
        if not WORD_CHARACTER.search(term.text):
            continue
        if term.negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return ParsedQuery(required=groups, excluded=excluded)
