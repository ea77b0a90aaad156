"""SQLite, the embedded default: FTS5 (bm25, porter stemming, highlight), else a simple match."""

import functools
import operator
import re

from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Ln, Lower

from accounts.models import User
from search.query import MARK_END, MARK_START, ParsedQuery, Term, parse_query
from search.scoring import RECENCY_PER_SECOND, followed_by, followed_first

EPOCH = RawSQL("((julianday(posts_post.created_at) - 2440587.5) * 86400.0)", [], output_field=FloatField())


@functools.cache
def has_fts5_index() -> bool:
    """Whether the migration could make the FTS5 table (this SQLite was built with FTS5)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_post_fts'")
        return cursor.fetchone() is not None


def _quoted(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"'


def fts5_expression(query: ParsedQuery) -> str:
    """The parsed query in FTS5's syntax, every term quoted so none of it is read as an operator."""
    groups = ["(" + " OR ".join(_quoted(term) for term in group) + ")" for group in query.required]
    expression = " AND ".join(groups)
    for term in query.excluded:
        expression = f"({expression}) NOT {_quoted(term)}"
    return expression


def _fts5_column(function: str, expression: str, output_field) -> RawSQL:
    """A value FTS5 computes for the post's row of the match (bm25, highlight)."""
    sql = (
        f"(SELECT {function} FROM search_post_fts"
        " WHERE search_post_fts MATCH %s AND search_post_fts.rowid = posts_post.id)"
    )
    return RawSQL(sql, [expression], output_field=output_field)


def _near_expression(query: ParsedQuery) -> str | None:
    """The first term of each required group within a few words of each other, when there are several."""
    if len(query.required) < 2:
        return None
    return "NEAR(" + " ".join(_quoted(group[0]) for group in query.required) + ", 3)"


def posts_matching(posts: QuerySet, text: str) -> QuerySet:
    """Posts whose words match, scored by how often and how close together they occur, plus recency.

    Not bm25: it weighs words by how many posts have them, so every post's score would move
    with each new post and a cursor taken from one page would not fit the next.
    """
    query = parse_query(text)
    if not has_fts5_index():
        return _posts_matching_simply(posts, query)
    expression = fts5_expression(query)
    matches = RawSQL("SELECT rowid FROM search_post_fts WHERE search_post_fts MATCH %s", [expression])
    highlight = "highlight(search_post_fts, 0, char(2), char(3))"
    # Each marked match adds its two marks to the text.
    marked = _fts5_column(f"(length({highlight}) - length(search_post_fts.body)) / 2.0", expression, FloatField())
    relevance = Ln(Value(1.0) + marked)
    if near := _near_expression(query):
        close = RawSQL(
            "CASE WHEN posts_post.id IN (SELECT rowid FROM search_post_fts WHERE search_post_fts MATCH %s)"
            " THEN 1.0 ELSE 0.0 END",
            [f"({expression}) AND {near}"],
            output_field=FloatField(),
        )
        relevance = relevance + close
    return posts.filter(id__in=matches).annotate(
        score=relevance + EPOCH * Value(RECENCY_PER_SECOND),
        highlight=_fts5_column(highlight, expression, TextField()),
    )


def _posts_matching_simply(posts: QuerySet, query: ParsedQuery) -> QuerySet:
    """Without FTS5: every group's words somewhere in the body, newest first; marked in Python."""
    for group in query.required:
        posts = posts.filter(functools.reduce(operator.or_, (Q(body__icontains=term.text) for term in group)))
    for term in query.excluded:
        posts = posts.exclude(body__icontains=term.text)
    return posts.annotate(score=EPOCH, highlight=F("body"))


def mark_page(posts: list, text: str) -> None:
    """FTS5's highlight() has marked the matching words; the simple match marks them here.

    A body that still holds a mark character (an old row) is marked here too, without it, so
    that only matching words are marked.
    """
    query = parse_query(text)
    for post in posts:
        if not has_fts5_index() or MARK_START in post.body or MARK_END in post.body:
            post.highlight = _mark_words(post.body.replace(MARK_START, "").replace(MARK_END, ""), query)


def _mark_words(text: str, query: ParsedQuery) -> str:
    """Each searched word or phrase marked where it occurs."""
    words = sorted({term.text for group in query.required for term in group}, key=len, reverse=True)
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_END}", text)


def people_matching(viewer, text: str) -> QuerySet:
    """People whose username starts with, or display name contains, the text; people you follow first."""
    needle = text.lower().lstrip("@")
    people = User.objects.filter(is_active=True).annotate(
        lower_username=Lower("username"), lower_display_name=Lower("display_name")
    )
    matching = people.filter(Q(lower_username__startswith=needle) | Q(lower_display_name__contains=needle))
    closeness = Case(
        When(lower_username=needle, then=Value(1.0)),
        When(lower_username__startswith=needle, then=Value(0.6)),
        default=Value(0.3),
        output_field=FloatField(),
    )
    return matching.annotate(is_followed=followed_by(viewer)).annotate(score=followed_first() + closeness)
