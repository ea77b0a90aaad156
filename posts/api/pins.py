"""Pins in the API: pin or unpin one's own post, and the pinned posts of a profile."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from posts import pins, policy
from posts.api.serializers import PostSerializer
from posts.hydration import hydrate
from social.selectors import profile_for_viewer
from threadly.api.errors import Conflict
from threadly.api.idempotency import idempotent


class PinStateSerializer(serializers.Serializer):
    pinned = serializers.BooleanField()


PINNED_LIST = inline_serializer("PinnedPosts", {"results": PostSerializer(many=True)})


@extend_schema(tags=["posts"])
class PostPinView(APIView):
    """Pinning is idempotent: a second pin changes nothing and answers 200."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={
            201: OpenApiResponse(PinStateSerializer, description="Pinned now."),
            200: OpenApiResponse(PinStateSerializer, description="Already pinned; nothing changed."),
            403: OpenApiResponse(description="Not your post, or a repost."),
            409: OpenApiResponse(description=f"{pins.PIN_LIMIT} posts are pinned already: unpin one first."),
        },
        summary=f"Pin your post to your profile (at most {pins.PIN_LIMIT})",
    )
    @idempotent
    def post(self, request, post_id: int):
        post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
        try:
            added = pins.post_pin(user=request.user, post=post)
        except ValidationError as error:
            raise Conflict(error.messages[0]) from error
        body = PinStateSerializer({"pinned": True}).data
        if not added:
            return Response(body)
        location = request.build_absolute_uri(reverse("api:user-pinned", kwargs={"username": request.user.username}))
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})

    @extend_schema(responses={204: None}, summary="Unpin your post (nothing happens if it was not pinned)")
    def delete(self, request, post_id: int):
        pins.post_unpin(user=request.user, post=policy.post_for_viewer(post_id=post_id, viewer=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["users"])
class UserPinnedView(APIView):
    @extend_schema(
        responses=PINNED_LIST,
        summary="A person's pinned posts that you may see, latest pin first (as their profile shows them)",
    )
    def get(self, request, username: str):
        author, relationship, _ = profile_for_viewer(username=username, viewer=request.user)
        if relationship.blocked_by_them:
            raise Http404("No such user.")
        posts = hydrate(request, policy.pinned_posts(viewer=request.user, author=author), limit=pins.PIN_LIMIT)
        return Response({"results": [post.data for post in posts]})
