"""Reading accounts: one by id or by name, their statuses, followers and following, and search.
Each asks the same selectors and policy lists as the profile page and Threadly's API."""

from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response

from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.accounts import account, accounts
from mastodon_api.entities.statuses import hydrated, statuses
from mastodon_api.pagination import page_request
from mastodon_api.people.common import people_response, statuses_response, username_of, visible_person
from posts import pins, policy
from search.selectors import search_people
from social import selectors


class PublicAccountView(MastodonView):
    """Accounts are public: a token is optional, and when one is sent it must allow reading accounts."""

    person_required = False
    required_scopes = {"GET": "read:accounts"}


class AccountView(PublicAccountView):
    def get(self, request, account_id: str):
        return Response(account(request, visible_person(request, account_id)))


class LookupView(PublicAccountView):
    """`acct` is `alice` or `alice@this.domain`: Threadly holds no one from elsewhere."""

    def get(self, request):
        acct = str(params.value(request, "acct", "")).lstrip("@")
        username, _, domain = acct.partition("@")
        host = request.get_host().lower()
        if not username or (domain and domain.lower() not in {host, host.split(":")[0]}):
            raise Http404("No such user.")
        return Response(account(request, selectors.person_for_viewer(username=username, viewer=request.user)))


class AccountStatusesView(MastodonView):
    """The profile's posts by profile_for_viewer and the policy's profile lists (the Posts, Posts and
    replies, Media and pinned views), narrowed by Mastodon's filters."""

    person_required = False
    required_scopes = {"GET": "read:statuses"}

    def get(self, request, account_id: str):
        author, relationship, _ = selectors.profile_for_viewer(username=username_of(account_id), viewer=request.user)
        if relationship.blocked_by_them:
            raise Http404("No such user.")
        viewer = request.user
        if params.boolean(request, "pinned"):
            if request.query_params.get("max_id") or request.query_params.get("min_id"):
                return Response([])  # Every pin comes on the first page.
            pinned = policy.pinned_posts(viewer=viewer, author=author)
            return Response(statuses(request, hydrated(request, pinned, limit=pins.PIN_LIMIT)))
        if params.boolean(request, "only_media"):
            posts = policy.profile_media_posts(viewer=viewer, author=author)
        else:
            with_replies = not params.boolean(request, "exclude_replies")
            posts = policy.profile_posts(viewer=viewer, author=author, with_replies=with_replies)
        if params.boolean(request, "exclude_reblogs"):
            posts = posts.filter(repost_of=None)
        tagged = str(params.value(request, "tagged", "") or "").lstrip("#").lower()
        if tagged:
            posts = posts.filter(hashtags__name=tagged)
        return statuses_response(request, posts, page_request(request))


class FollowersView(PublicAccountView):
    """The person's followers as their followers page lists them, paged by the follows' ids."""

    def get(self, request, account_id: str):
        follows = selectors.followers_of(visible_person(request, account_id))
        return people_response(request, follows, page_request(request), "follower")


class FollowingView(PublicAccountView):
    def get(self, request, account_id: str):
        follows = selectors.following_of(visible_person(request, account_id))
        return people_response(request, follows, page_request(request), "followee")


class AccountSearchView(MastodonView):
    """People by name through search.selectors.search_people; Threadly holds no one from elsewhere, so
    `resolve` finds nothing more. `following` keeps the people the viewer follows."""

    required_scopes = {"GET": "read:accounts"}

    def get(self, request):
        text = str(params.value(request, "q", "") or "").strip()
        if not text:
            raise exceptions.ValidationError({"q": ["can't be blank"]})
        page = page_request(request)
        username, _, _ = text.lstrip("@").partition("@")
        people = search_people(text=username or text, viewer=request.user, cursor=None, size=page.limit).items
        if params.boolean(request, "following"):
            people = [person for person in people if person.is_followed]
        return Response(accounts(request, people))
