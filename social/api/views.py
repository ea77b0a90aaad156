from django.db import transaction
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import UserSerializer
from accounts.selectors import user_by_username
from social import selectors, services
from social.api.serializers import (
    BlockStateSerializer,
    FollowSettingsSerializer,
    FollowStateSerializer,
    MuteStateSerializer,
    SuggestionsQuerySerializer,
)
from threadly.api.errors import validated_data
from threadly.api.idempotency import idempotent


@extend_schema(tags=["users"])
class FollowView(APIView):
    """Following is idempotent: a second follow changes nothing and answers with the same state."""

    throttle_scopes = {"POST": "follow"}

    def respond(self, user, *, status_code: int = status.HTTP_200_OK) -> Response:
        follow = selectors.follow_of(follower=self.request.user, followee=user)
        state = {"following": True, "follower_count": user.follower_count, "notify_posts": follow.notify_posts}
        return Response(FollowStateSerializer(state).data, status=status_code)

    @extend_schema(
        request=None,
        responses={
            201: OpenApiResponse(FollowStateSerializer, description="Following now."),
            200: OpenApiResponse(FollowStateSerializer, description="Already following; nothing changed."),
        },
        summary="Follow someone",
    )
    @idempotent
    def post(self, request, username: str):
        followee = user_by_username(username)
        # One transaction: the follow's row locks last until its state is read, so an unfollow waits for the answer.
        with transaction.atomic():
            if not services.follow_create(follower=request.user, followee=followee):
                return self.respond(followee)
            response = self.respond(followee, status_code=status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(
            reverse("api:user-detail", kwargs={"username": followee.username})
        )
        return response

    @extend_schema(
        request=FollowSettingsSerializer, responses=FollowStateSerializer, summary="Change how you follow someone"
    )
    def patch(self, request, username: str):
        followee = user_by_username(username)
        data = validated_data(FollowSettingsSerializer(data=request.data))
        # The updated follow stays locked until it is read back: an unfollow cannot slip in between.
        with transaction.atomic():
            if not services.follow_set_notify_posts(
                follower=request.user, followee=followee, notify=data["notify_posts"]
            ):
                raise NotFound("You do not follow them.")
            return self.respond(followee)

    @extend_schema(responses={204: None}, summary="Stop following someone (nothing happens if you did not)")
    def delete(self, request, username: str):
        services.follow_delete(follower=request.user, followee=user_by_username(username))
        return Response(status=status.HTTP_204_NO_CONTENT)


class FollowListBase(generics.ListAPIView):
    """A page of people from Follow rows, each with `followed_by_me`, in a fixed number of queries."""

    serializer_class = UserSerializer
    person_field: str

    def person(self):
        return selectors.person_for_viewer(username=self.kwargs["username"], viewer=self.request.user)

    def list(self, request, *args, **kwargs):
        follows = self.paginate_queryset(self.get_queryset())
        people = [getattr(follow, self.person_field) for follow in follows]
        followed = selectors.followed_among(viewer=request.user, user_ids=[person.pk for person in people])
        context = {**self.get_serializer_context(), "followed_ids": followed}
        return self.get_paginated_response(UserSerializer(people, many=True, context=context).data)


@extend_schema(tags=["users"], summary="Who follows this person, most recent first")
class FollowerListView(FollowListBase):
    person_field = "follower"

    def get_queryset(self):
        return selectors.followers_of(
            selectors.person_for_viewer(username=self.kwargs["username"], viewer=self.request.user)
        )


@extend_schema(tags=["users"], summary="Whom this person follows, most recent first")
class FollowingListView(FollowListBase):
    person_field = "followee"

    def get_queryset(self):
        return selectors.following_of(
            selectors.person_for_viewer(username=self.kwargs["username"], viewer=self.request.user)
        )


class RelationshipView(APIView):
    """Block or mute someone (POST, idempotent: 201 then 200 with the same state), or undo it (DELETE, 204)."""

    state_name: str
    create: staticmethod
    delete_service: staticmethod

    def respond(self, status_code: int) -> Response:
        return Response({self.state_name: True}, status=status_code)

    @idempotent
    def post(self, request, username: str):
        person = user_by_username(username)
        created = self.create(request.user, person)
        return self.respond(status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def delete(self, request, username: str):
        self.delete_service(request.user, user_by_username(username))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    post=extend_schema(
        request=None,
        responses={201: BlockStateSerializer, 200: BlockStateSerializer},
        summary="Block someone: follows end both ways, and neither of you sees the other",
    ),
    delete=extend_schema(responses={204: None}, summary="Unblock someone"),
)
@extend_schema(tags=["safety"])
class BlockView(RelationshipView):
    state_name = "blocking"
    create = staticmethod(lambda me, person: services.block_create(blocker=me, blocked=person))
    delete_service = staticmethod(lambda me, person: services.block_delete(blocker=me, blocked=person))


@extend_schema_view(
    post=extend_schema(
        request=None,
        responses={201: MuteStateSerializer, 200: MuteStateSerializer},
        summary="Mute someone: their posts and notifications are hidden from you; they are not told",
    ),
    delete=extend_schema(responses={204: None}, summary="Unmute someone"),
)
@extend_schema(tags=["safety"])
class MuteView(RelationshipView):
    state_name = "muting"
    create = staticmethod(lambda me, person: services.mute_create(muter=me, muted=person))
    delete_service = staticmethod(lambda me, person: services.mute_delete(muter=me, muted=person))


class PeopleYouListBase(FollowListBase):
    """The people you blocked or muted, most recent first."""

    permission_classes = [IsAuthenticated]


@extend_schema(tags=["safety"], summary="The people you blocked, most recent first")
class BlockListView(PeopleYouListBase):
    person_field = "blocked"

    def get_queryset(self):
        return selectors.blocks_of(self.request.user)


@extend_schema(tags=["safety"], summary="The people you muted, most recent first")
class MuteListView(PeopleYouListBase):
    person_field = "muted"

    def get_queryset(self):
        return selectors.mutes_of(self.request.user)


class SuggestionSerializer(UserSerializer):
    mutuals = serializers.IntegerField(help_text="How many people you follow follow them (0 for a popular account).")

    class Meta(UserSerializer.Meta):
        fields = (*UserSerializer.Meta.fields, "mutuals")


@extend_schema(tags=["users"])
class SuggestionListView(APIView):
    """The same selector as the "Who to follow" page (social.selectors.who_to_follow)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[SuggestionsQuerySerializer],
        responses=inline_serializer("Suggestions", {"results": SuggestionSerializer(many=True)}),
        summary="Who to follow: people followed by those you follow, then popular accounts",
    )
    def get(self, request):
        limit = validated_data(SuggestionsQuerySerializer(data=request.query_params))["limit"]
        people = selectors.who_to_follow(request.user, limit=limit)
        return Response({"results": SuggestionSerializer(people, many=True, context={"request": request}).data})
