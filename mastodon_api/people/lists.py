"""The viewer's own lists of people: blocks and mutes (paged by the block's or mute's id), suggestions
(social.selectors.who_to_follow, the "Who to follow" page's), familiar followers, and Mastodon's
features Threadly lacks answered empty (follow requests: no locked accounts; endorsements, featured
tags, domain blocks, an account's lists)."""

from rest_framework.response import Response

from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.empty import EmptyListView
from mastodon_api.entities.accounts import accounts_by_id
from mastodon_api.pagination import page_request
from mastodon_api.people.common import people_response, username_of
from social import selectors
from social.models import Follow

SUGGESTIONS_LIMIT = 40


class BlocksView(MastodonView):
    required_scopes = {"GET": "read:blocks"}

    def get(self, request):
        return people_response(request, selectors.blocks_of(request.user), page_request(request), "blocked")


class MutesView(MastodonView):
    required_scopes = {"GET": "read:mutes"}

    def get(self, request):
        return people_response(request, selectors.mutes_of(request.user), page_request(request), "muted")


def _suggested(request) -> list[tuple[object, dict]]:
    limit = page_request(request, maximum=SUGGESTIONS_LIMIT).limit
    people = selectors.who_to_follow(request.user, limit=limit)
    entities = accounts_by_id(request, [person.pk for person in people])
    return [(person, entities[person.pk]) for person in people if person.pk in entities]


class SuggestionsV2View(MastodonView):
    """Friends of friends come first (Mastodon's `friends_of_friends`, its legacy `source`
    `past_interactions`), then the most followed (`most_followed`, `global`)."""

    required_scopes = {"GET": "read:accounts"}

    def get(self, request):
        body = []
        for person, entity in _suggested(request):
            friends = person.mutuals > 0
            source, reason = ("past_interactions", "friends_of_friends") if friends else ("global", "most_followed")
            body.append({"source": source, "sources": [reason], "account": entity})
        return Response(body)


class SuggestionsV1View(MastodonView):
    required_scopes = {"GET": "read:accounts"}

    def get(self, request):
        return Response([entity for _, entity in _suggested(request)])


class SuggestionDismissView(MastodonView):
    """Threadly keeps no dismissed suggestions: the person may be suggested again, as Mastodon allows."""

    required_scopes = {"DELETE": "read:accounts"}

    def delete(self, request, account_id: str):
        username_of(account_id)
        return Response({})


class FamiliarFollowersView(MastodonView):
    """For each `id[]`, the people the viewer follows who follow them: two queries for any number."""

    required_scopes = {"GET": "read:follows"}

    def get(self, request):
        ids = list(dict.fromkeys(int(text) for text in params.values(request, "id") if text.isdigit()))[:40]
        follows = Follow.objects.filter(followee_id__in=ids, follower__in=selectors.followee_ids(request.user))
        follows = follows.filter(selectors.people_not_hidden_from(request.user, "follower"))
        pairs = list(follows.order_by("-id").values_list("followee_id", "follower_id"))
        entities = accounts_by_id(request, {follower for _, follower in pairs})
        familiar = {pk: [] for pk in ids}
        for followee, follower in pairs:
            if follower in entities:
                familiar[followee].append(entities[follower])
        return Response([{"id": str(pk), "accounts": familiar[pk]} for pk in ids])


class AccountEmptyListView(EmptyListView):
    """A person's featured tags and lists, which Threadly lacks: none, for a person who exists."""

    scope = "read:accounts"

    def get(self, request, account_id: str):
        username_of(account_id)
        return Response([])
