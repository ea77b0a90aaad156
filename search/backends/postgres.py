"""PostgreSQL: websearch_to_tsquery over a stored tsvector (GIN), ts_rank_cd, ts_headline, pg_trgm."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db.models import FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Greatest, Ln, Lower, Replace

from accounts.models import User
from search.query import MARK_END, MARK_START
from search.scoring import RECENCY_PER_SECOND, followed_by, followed_first

VECTOR = RawSQL('"posts_post"."search_vector"', [], output_field=SearchVectorField())
EPOCH = RawSQL('EXTRACT(EPOCH FROM "posts_post"."created_at")::float8', [], output_field=FloatField())
# The body without the characters used as marks, should an old row still hold one: only ts_headline marks.
BODY_WITHOUT_MARKS = Replace(Replace("body", Value(MARK_START)), Value(MARK_END))


def posts_matching(posts: QuerySet, text: str) -> QuerySet:
    """Posts whose words match, scored by cover density with a boost for recent ones."""
    query = SearchQuery(text, config="english", search_type="websearch")
    relevance = Cast(SearchRank(VECTOR, query, cover_density=True), FloatField())
    return (
        posts.alias(document=VECTOR)
        .filter(document=query)
        .annotate(
            score=Ln(relevance + Value(1e-9)) + EPOCH * Value(RECENCY_PER_SECOND),
            highlight=SearchHeadline(
                BODY_WITHOUT_MARKS, query, config="english", start_sel=MARK_START, stop_sel=MARK_END, highlight_all=True
            ),
        )
    )


def people_matching(viewer, text: str) -> QuerySet:
    """People by username or display name: prefix or close spelling, people you follow first."""
    needle = text.lower().lstrip("@")
    similarity = Greatest(
        TrigramWordSimilarity(needle, Lower("username")), TrigramWordSimilarity(needle, Lower("display_name"))
    )
    people = User.objects.filter(is_active=True).annotate(
        lower_username=Lower("username"), lower_display_name=Lower("display_name")
    )
    matching = people.filter(
        Q(lower_username__startswith=needle)
        | Q(lower_username__trigram_word_similar=needle)
        | Q(lower_display_name__trigram_word_similar=needle)
    )
    return matching.annotate(is_followed=followed_by(viewer)).annotate(
        score=followed_first() + Cast(similarity, FloatField())
    )


def mark_page(posts: list, text: str) -> None:
    """ts_headline has marked the matching words already."""
