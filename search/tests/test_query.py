"""Reading web-search syntax the way PostgreSQL's websearch_to_tsquery does, for the SQLite backend."""

import pytest
from django.core.exceptions import ValidationError

from search.query import Term, clean_query, parse_query


def required(text: str) -> list[list[str]]:
    return [[term.text for term in group] for group in parse_query(text).required]


def excluded(text: str) -> list[str]:
    return [term.text for term in parse_query(text).excluded]


def test_plain_words_are_all_required():
    assert required("quick brown fox") == [["quick"], ["brown"], ["fox"]]


def test_or_joins_the_words_beside_it():
    assert required("tea or coffee cake") == [["tea", "coffee"], ["cake"]]


def test_a_leading_or_has_nothing_to_join():
    assert required("or coffee") == [["coffee"]]


def test_quotes_make_a_phrase_and_an_unclosed_quote_runs_to_the_end():
    assert parse_query('"brown fox" jumps').required == [[Term("brown fox", is_phrase=True)], [Term("jumps")]]
    assert parse_query('"brown fox').required == [[Term("brown fox", is_phrase=True)]]


@pytest.mark.parametrize("text", ["tea -coffee", "tea - coffee", 'tea -"coffee"'])
def test_a_minus_excludes_the_next_term(text):
    assert required(text) == [["tea"]]
    assert excluded(text) == ["coffee"]


def test_two_minuses_cancel_out():
    assert required("tea --coffee") == [["tea"], ["coffee"]]


@pytest.mark.parametrize("text", ["", "-", "or", '"', "!(&|:*)", "-coffee", "- - -"])
def test_nothing_required_is_an_empty_query(text):
    assert parse_query(text).is_empty


def test_clean_query_drops_control_characters_and_extra_spaces():
    assert clean_query("  tea\x00\tcoffee \x1b ") == "tea coffee"


def test_clean_query_refuses_a_query_over_the_limit(settings):
    settings.SEARCH_QUERY_MAX_LENGTH = 5

    with pytest.raises(ValidationError, match="at most 5 characters"):
        clean_query("coffee")
