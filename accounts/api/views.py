from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt import views as jwt_views

from accounts import services
from accounts.api.serializers import (
    AvatarSerializer,
    HeaderSerializer,
    LogoutSerializer,
    MeSerializer,
    PasswordSerializer,
    RegisterSerializer,
    TokenObtainSerializer,
    TokenRefreshSerializer,
    UserSerializer,
)
from accounts.uniqueness import taken_errors
from images.api.views import upload_refusal
from social.selectors import is_following, person_for_viewer
from threadly.api.errors import Conflict, validated_data
from threadly.api.idempotency import idempotent
from threadly.api.schema import PASSWORD_CONFIRMATION


def taken_conflict(error: IntegrityError) -> Conflict:
    """The 409 validation gives, for another account taking the username or email between validation
    and saving; any other IntegrityError is raised again."""
    taken = taken_errors(error)
    if taken is None:
        raise error
    return Conflict(next(iter(taken.values())), fields={field: [message] for field, message in taken.items()})


@extend_schema(tags=["auth"])
class RegisterView(APIView):
    permission_classes = [AllowAny]
    throttle_scopes = {"POST": "signup"}

    @extend_schema(
        request=RegisterSerializer,
        responses={201: OpenApiResponse(MeSerializer, description="The new account; log in for a token.")},
        summary="Create an account",
    )
    @idempotent
    def post(self, request):
        data = validated_data(RegisterSerializer(data=request.data))
        try:
            user = services.user_create(**data)
        except IntegrityError as error:
            raise taken_conflict(error) from error
        location = request.build_absolute_uri(reverse("api:user-detail", kwargs={"username": user.username}))
        body = MeSerializer(user, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})


@extend_schema(
    tags=["auth"],
    summary="Get an access and a refresh token",
    description=(
        "Wrong passwords pause logins (a 429 with `Retry-After`, even with the right password): "
        "to one account from one address after a few, and to one account from anywhere, "
        "a growing wait between tries after many."
    ),
)
class TokenObtainView(jwt_views.TokenObtainPairView):
    serializer_class = TokenObtainSerializer
    throttle_scopes = {"POST": "login"}


@extend_schema(
    tags=["auth"],
    summary="Swap a refresh token for new tokens (the old one stops working)",
    description=(
        "Swap each refresh token once, one request at a time: presenting one that was already "
        "swapped (even concurrently) ends every token descended from the same login, as logging out does."
    ),
)
class TokenRefreshView(jwt_views.TokenRefreshView):
    serializer_class = TokenRefreshSerializer


@extend_schema(tags=["auth"])
class LogoutView(jwt_views.TokenViewBase):
    serializer_class = LogoutSerializer

    @extend_schema(summary="End a refresh token and every token of its login", responses={204: None})
    def post(self, request, *args, **kwargs):
        super().post(request, *args, **kwargs)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["users"])
class UserDetailView(APIView):
    @extend_schema(responses=UserSerializer, summary="A person's profile")
    def get(self, request, username: str):
        user = person_for_viewer(username=username, viewer=request.user)
        followed = {user.pk} if is_following(follower=request.user, followee=user) else set()
        return Response(UserSerializer(user, context={"request": request, "followed_ids": followed}).data)


@extend_schema(tags=["users"])
class MeView(APIView):
    permission_classes = [IsAuthenticated]

    def serialize(self, user):
        return MeSerializer(user, context={"request": self.request}).data

    @extend_schema(responses=MeSerializer, summary="Your account")
    def get(self, request):
        return Response(self.serialize(request.user))

    @extend_schema(
        request=MeSerializer,
        responses=MeSerializer,
        summary="Change your profile or email",
        description="A new `email` needs `current_password`; the old address is told of the change.",
    )
    def patch(self, request):
        changes = validated_data(MeSerializer(request.user, data=request.data, partial=True))
        try:
            services.user_update_profile(user=request.user, **changes)
        except IntegrityError as error:
            raise taken_conflict(error) from error
        return Response(self.serialize(request.user))

    @extend_schema(
        responses={204: None},
        summary="Delete your account and all of it",
        description='Send your password as the JSON body: `{"password": "..."}`.',
        extensions={PASSWORD_CONFIRMATION: True},
    )
    def delete(self, request):
        validated_data(PasswordSerializer(data=request.data, context={"request": request}))
        services.user_delete(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfilePictureView(APIView):
    """Your avatar or profile header, sent as multipart/form-data; it goes through the images pipeline,
    so it shows (`state` ready) once processed."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]
    throttle_scopes = {"PUT": "upload"}
    field = ""
    serializer_class = AvatarSerializer

    def put(self, request):
        data = validated_data(self.serializer_class(data=request.data))
        upload = data[self.serializer_class.upload_field]
        try:
            services.user_profile_image_upload(
                user=request.user, field=self.field, upload=upload, alt_text=data.get("alt_text", "")
            )
        except ValidationError as error:
            raise upload_refusal(error) from error
        return Response(MeSerializer(request.user, context={"request": request}).data)

    def delete(self, request):
        services.user_update_profile(user=request.user, **{self.field: None})
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["users"])
class AvatarView(ProfilePictureView):
    field, serializer_class = "avatar_image", AvatarSerializer

    @extend_schema(
        request={"multipart/form-data": AvatarSerializer},
        responses=MeSerializer,
        summary="Upload or replace your avatar",
    )
    def put(self, request):
        return super().put(request)

    @extend_schema(responses={204: None}, summary="Remove your avatar")
    def delete(self, request):
        return super().delete(request)


@extend_schema(tags=["users"])
class HeaderView(ProfilePictureView):
    field, serializer_class = "header_image", HeaderSerializer

    @extend_schema(
        request={"multipart/form-data": HeaderSerializer},
        responses=MeSerializer,
        summary="Upload or replace your profile header image",
        description="Its `alt_text` can be changed later with PATCH /api/threadly/v1/images/{id}.",
    )
    def put(self, request):
        return super().put(request)

    @extend_schema(responses={204: None}, summary="Remove your profile header image")
    def delete(self, request):
        return super().delete(request)
