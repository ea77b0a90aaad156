"""What the people endpoints share: finding the person an `:id` names (by the same rules as Threadly's
API: 404 for no active person, and for reading, 404 when they blocked the viewer), and answering a
page of posts or people with its Link header."""

from django.http import Http404
from rest_framework.response import Response

from accounts.models import User
from accounts.selectors import user_by_username
from mastodon_api import params
from mastodon_api.entities.accounts import accounts_by_id
from mastodon_api.entities.statuses import hydrated, statuses
from mastodon_api.pagination import PageRequest, paged, sliced, window
from social.selectors import person_for_viewer


def username_of(account_id) -> str:
    """The username behind a Mastodon account id: the lookups by name below then apply Threadly's rules."""
    name = User.objects.filter(pk=params.identifier(account_id), is_active=True).values_list("username", flat=True)
    found = name.first()
    if found is None:
        raise Http404("No such user.")
    return found


def active_person(account_id) -> User:
    """The person acted on (follow, block, mute…), as Threadly's API finds them: any active account."""
    return user_by_username(username_of(account_id))


def visible_person(request, account_id) -> User:
    """The person read about (profile, followers): also 404 to someone they blocked, as their profile page."""
    return person_for_viewer(username=username_of(account_id), viewer=request.user)


def people_response(request, rows, page: PageRequest, person_field: str) -> Response:
    """A page of `rows` (follows, blocks, mutes: each naming a person in `person_field`) as Accounts,
    paged by the rows' ids; the accounts in one query whatever the page's length."""
    found = sliced(rows, page)
    ids = [getattr(row, f"{person_field}_id") for row in found]
    entities = accounts_by_id(request, ids)
    body = [entities[pk] for pk in ids if pk in entities]
    return paged(Response(body), request, [row.pk for row in found])


def statuses_response(request, posts, page: PageRequest) -> Response:
    """A page of policy-filtered posts as Statuses, newest first, paged by post id."""
    found = hydrated(request, window(posts, page), limit=page.limit)
    if page.forward:
        found.reverse()
    return paged(Response(statuses(request, found)), request, [post.pk for post in found])
