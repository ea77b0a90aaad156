"""Follow, unfollow, block, unblock, mute, unmute (answering the Relationship after), and the
relationships of several people at once. Each calls social.services as Threadly's API does."""

from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework import exceptions
from rest_framework.response import Response

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
    """POST changes one relationship with the person through a social service, then answers them all."""

    def change(self, me, person) -> None:
        raise NotImplementedError

    def post(self, request, account_id: str):
        person = active_person(account_id)
        try:
            self.change(request.user, person)
        except ValidationError as error:
            raise refused(error) from error
        return Response(relationship(request.user, person.pk))


class UnfollowView(RelationshipChangeView):
    required_scopes = {"POST": "write:follows"}

    def change(self, me, person) -> None:
        services.follow_delete(follower=me, followee=person)


class BlockView(RelationshipChangeView):
    required_scopes = {"POST": "write:blocks"}

    def change(self, me, person) -> None:
        services.block_create(blocker=me, blocked=person)


class UnblockView(RelationshipChangeView):
    required_scopes = {"POST": "write:blocks"}

    def change(self, me, person) -> None:
        services.block_delete(blocker=me, blocked=person)


class MuteView(RelationshipChangeView):
    """Mastodon's `notifications` and `duration` are accepted: a Threadly mute always hides the person's
    notifications too, and lasts until undone."""

    required_scopes = {"POST": "write:mutes"}

    def change(self, me, person) -> None:
        services.mute_create(muter=me, muted=person)


class UnmuteView(RelationshipChangeView):
    required_scopes = {"POST": "write:mutes"}

    def change(self, me, person) -> None:
        services.mute_delete(muter=me, muted=person)


class RelationshipsView(MastodonView):
    """`id[]=1&id[]=2`: the viewer's relationships with those people, in one query."""

    required_scopes = {"GET": "read:follows"}

    def get(self, request):
        ids = [int(text) for text in params.values(request, "id") if text.isdigit() and len(text) <= 18]
        return Response(relationships(request.user, ids[:80]))
