"""Follow, unfollow, block, unblock, mute, unmute (answering the Relationship after), and the
relationships of several people at once. Each calls social.services as Threadly's API does."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework import exceptions
from rest_framework.response import Response

from accounts.models import User
from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.relationships import relationship, relationships
from mastodon_api.people.common import active_person
from social import services

NOT_ALLOWED = "This action is not allowed"


def refused(error: ValidationError) -> exceptions.PermissionDenied:
    """The services refuse a follow of oneself or across a block: the person is there, the act is not
    allowed (Mastodon's 403)."""
    return exceptions.PermissionDenied(" ".join(error.messages) or NOT_ALLOWED)


class FollowView(MastodonView):
    """Following is idempotent; `notify` rings the bell for their new posts (or stops it)."""

    required_scopes = {"POST": "write:follows"}
    throttle_scopes = {"POST": "follow"}

    def post(self, request, account_id: str):
        person = active_person(account_id)
        notify = params.value(request, "notify", None)
        # One transaction: the answer reads the follow before an unfollow can slip in (as Threadly's API).
        with transaction.atomic():
            try:
                services.follow_create(follower=request.user, followee=person)
            except ValidationError as error:
                raise refused(error) from error
            if notify is not None:
                services.follow_set_notify_posts(
                    follower=request.user, followee=person, notify=params.boolean(request, "notify")
                )
            return Response(relationship(request.user, person.pk))


class RelationshipChangeView(MastodonView):
    """POST changes one relationship with the person, `change(me, person)` (a social service, given
    in the routes with its scope), then answers the whole Relationship.

    Mastodon's mute parameters `notifications` and `duration` are accepted and not read: a Threadly
    mute always hides the person's notifications too, and lasts until undone."""

    change: Callable[[User, User], object] | None = None  # Given by relationship_change().

    def post(self, request, account_id: str):
        person = active_person(account_id)
        try:
            self.change(request.user, person)
        except ValidationError as error:
            raise refused(error) from error
        return Response(relationship(request.user, person.pk))


def relationship_change(scope: str, change: Callable[[User, User], object]):
    return RelationshipChangeView.as_view(required_scopes={"POST": scope}, change=change)


unfollow = relationship_change("write:follows", lambda me, person: services.follow_delete(follower=me, followee=person))
block = relationship_change("write:blocks", lambda me, person: services.block_create(blocker=me, blocked=person))
unblock = relationship_change("write:blocks", lambda me, person: services.block_delete(blocker=me, blocked=person))
mute = relationship_change("write:mutes", lambda me, person: services.mute_create(muter=me, muted=person))
unmute = relationship_change("write:mutes", lambda me, person: services.mute_delete(muter=me, muted=person))


class RelationshipsView(MastodonView):
    """`id[]=1&id[]=2`: the viewer's relationships with those people, in one query."""

    required_scopes = {"GET": "read:follows"}

    def get(self, request):
        ids = [int(text) for text in params.values(request, "id") if text.isdigit() and len(text) <= 18]
        return Response(relationships(request.user, ids[:80]))
