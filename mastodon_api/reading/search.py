"""Mastodon's search (v2): people, posts and tags through search.selectors, as Threadly's search
finds them for the viewer.

Threadly's search pages by cursor, best first; Mastodon's apps page by `offset`. An offset is served
by reading the first `offset + limit` results and skipping the offset (bounded by MAX_OFFSET, past
which nothing is found), which stays cheap for the few pages a person scrolls.
`following` and `account_id` narrow the page found, so such a page can come up short.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.accounts import accounts
from mastodon_api.entities.statuses import hydrated, statuses
from mastodon_api.entities.tags import tag
from mastodon_api.pagination import page_request
from posts import policy
from search import selectors
from search.query import clean_query

TYPES = ("accounts", "statuses", "hashtags")
MAX_OFFSET = 200


def _text(request) -> str:
    try:
        text = clean_query(request.query_params.get("q"))
    except DjangoValidationError as error:
        raise ValidationError({"q": error.messages}) from error
    if not text:
        raise ValidationError({"q": ["can't be blank"]})
    return text


def found_accounts(request, text: str, size: int, offset: int) -> list[dict]:
    people = selectors.search_people(text=text, viewer=request.user, cursor=None, size=size).items[offset:]
    if params.boolean(request, "following"):
        people = [person for person in people if getattr(person, "is_followed", False)]
    return accounts(request, people)


def found_statuses(request, text: str, size: int, offset: int) -> list[dict]:
    posts = selectors.search_posts(text=text, viewer=request.user, cursor=None, size=size).items[offset:]
    if account_id := params.value(request, "account_id"):
        author_id = params.identifier(account_id, "account")
        posts = [post for post in posts if post.author_id == author_id]
    if not posts:
        return []
    ranks = {post.pk: rank for rank, post in enumerate(posts)}
    rows = policy.searchable_posts(request.user).filter(pk__in=ranks).order_by("-id")
    found = statuses(request, hydrated(request, rows, limit=len(ranks)))
    return sorted(found, key=lambda status: ranks[int(status["id"])])


def found_tags(request, text: str, size: int, offset: int) -> list[dict]:
    hashtags = selectors.search_tags(text=text, cursor=None, size=size).items[offset:]
    return [tag(request, hashtag.name) for hashtag in hashtags]


class SearchView(MastodonView):
    required_scopes = {"GET": "read:search"}
    person_required = False

    def get(self, request):
        text = _text(request)
        wanted = request.query_params.get("type") or None
        if wanted is not None and wanted not in TYPES:
            raise ValidationError({"type": [f"must be one of {', '.join(TYPES)}"]})
        limit = page_request(request).limit
        try:
            offset = int(request.query_params.get("offset") or 0)
        except ValueError as error:
            raise ValidationError({"offset": ["must be a number"]}) from error
        body = {name: [] for name in TYPES}
        if offset < 0 or offset > MAX_OFFSET:
            return Response(body)
        finders = {"accounts": found_accounts, "statuses": found_statuses, "hashtags": found_tags}
        for name, finder in finders.items():
            if wanted in (None, name):
                body[name] = finder(request, text, offset + limit, offset)
        return Response(body)


class SearchV1View(MastodonView):
    """Mastodon removed v1 search in 3.0 and answers 404; so does Threadly."""

    required_scopes = {"GET": "read:search"}
    person_required = False

    def get(self, request):
        raise Http404("Use /api/v2/search.")
