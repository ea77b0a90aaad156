from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.utils import get_md5_hash_password

from accounts.models import User
from accounts.validators import username_validator, validate_avatar, validate_username_not_reserved
from threadly.api.fields import StrictBooleanField, StrictCharField


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


class AuthorSerializer(serializers.ModelSerializer):
    """A person as shown beside their posts and comments."""

    avatar_url = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ("id", "username", "display_name", "avatar_url")

    def get_avatar_url(self, user: User) -> str | None:
        return absolute(self.context["request"], user.avatar.url) if user.avatar else None


class UserSerializer(AuthorSerializer):
    """A public profile. `followed_by_me` needs `followed_ids` (a set) in the context."""

    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    followed_by_me = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = (
            *AuthorSerializer.Meta.fields,
            "bio",
            "follower_count",
            "following_count",
            "post_count",
            "created_at",
            "followed_by_me",
            "url",
            "html_url",
        )

    def get_url(self, user: User) -> str:
        return absolute(self.context["request"], reverse("api:user-detail", kwargs={"username": user.username}))

    def get_html_url(self, user: User) -> str:
        return absolute(self.context["request"], user.get_absolute_url())

    def get_followed_by_me(self, user: User) -> bool:
        return user.pk in self.context.get("followed_ids", ())


class MeSerializer(UserSerializer):
    """Your own account: the public profile, your email and role; some fields writable."""

    display_name = StrictCharField(max_length=50, allow_blank=True, required=False)
    bio = StrictCharField(max_length=300, allow_blank=True, required=False)
    notify_followed_posts = StrictBooleanField(
        required=False, help_text="Be notified when people you follow post (each follow can turn it off too)."
    )

    class Meta:
        model = User
        fields = (*UserSerializer.Meta.fields, "email", "role", "notify_followed_posts")
        read_only_fields = ("username", "follower_count", "following_count", "post_count", "created_at", "role")
        extra_kwargs = {"email": {"validators": []}}

    def validate_email(self, email: str) -> str:
        email = User.objects.normalize_email(email)
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise serializers.ValidationError("An account with that email exists.", code="taken")
        return email


class AvatarSerializer(serializers.Serializer):
    avatar = serializers.ImageField(validators=[validate_avatar], help_text="A JPEG, PNG, GIF or WebP image.")


class RegisterSerializer(serializers.Serializer):
    username = StrictCharField(
        max_length=30,
        validators=[username_validator, validate_username_not_reserved],
        help_text="3 to 30 letters, digits or underscores.",
    )
    email = serializers.EmailField(max_length=254)
    password = StrictCharField(write_only=True, max_length=128, style={"input_type": "password"})
    display_name = StrictCharField(max_length=50, required=False, allow_blank=True, default="")

    def validate_username(self, username: str) -> str:
        if User.objects.filter(username__iexact=username).exists():
            raise serializers.ValidationError("That username is taken.", code="taken")
        return username

    def validate_email(self, email: str) -> str:
        email = User.objects.normalize_email(email)
        if User.objects.filter(email__iexact=email).exists():
            raise serializers.ValidationError("An account with that email exists.", code="taken")
        return email

    def validate(self, data: dict) -> dict:
        candidate = User(username=data["username"], email=data["email"], display_name=data.get("display_name", ""))
        try:
            validate_password(data["password"], user=candidate)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"password": list(error.messages)}) from error
        return data


class PasswordSerializer(serializers.Serializer):
    """Deleting an account asks for its password, as the page does."""

    password = StrictCharField(write_only=True, max_length=128, style={"input_type": "password"})

    def validate_password(self, password: str) -> str:
        if not self.context["request"].user.check_password(password):
            raise serializers.ValidationError("That is not your password.", code="wrong_password")
        return password


class TokenRefreshSerializer(jwt_serializers.TokenRefreshSerializer):
    """simplejwt's refresh, also refusing a deleted account and a token from before a password change.

    simplejwt checks the password only when an access token is used; without this a refresh
    token would keep minting access tokens that are refused at once.
    """

    def validate(self, attrs: dict) -> dict:
        refresh = self.token_class(attrs["refresh"])
        user = User.objects.filter(pk=refresh.payload.get(jwt_settings.USER_ID_CLAIM)).first()
        if user is None or not user.is_active:
            raise AuthenticationFailed(self.error_messages["no_active_account"], "no_active_account")
        if refresh.payload.get(jwt_settings.REVOKE_TOKEN_CLAIM) != get_md5_hash_password(user.password):
            raise AuthenticationFailed("The password has changed since this token was issued.", "password_changed")
        return super().validate(attrs)
