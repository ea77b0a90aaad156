from django.conf import settings
from django.contrib.auth.models import update_last_login
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from rest_framework import exceptions, serializers
from rest_framework_simplejwt import serializers as jwt_serializers
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from accounts.forms import PASSWORD_NEEDED, WRONG_PASSWORD
from accounts.login_attempts import LoginPaused, login_attempt
from accounts.models import User
from accounts.services import email_is_new
from accounts.tokens import LoginRefreshToken, refresh_token_logout, refresh_token_rotate
from accounts.uniqueness import validate_email_available, validate_username_available
from accounts.validators import username_validator, validate_username_not_reserved
from images.api.serializers import ImageSerializer, file_url
from threadly.api.fields import StrictBooleanField, StrictCharField
from threadly.ratelimit import wait_in_words


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


class AuthorSerializer(serializers.ModelSerializer):
    """A person as shown beside their posts and replies."""

    avatar_url = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ("id", "username", "display_name", "avatar_url")

    def get_avatar_url(self, user: User) -> str | None:
        """The avatar's thumbnail (never the full picture: lists carry many), once processed."""
        image = user.avatar_image if user.avatar_image_id else None
        return file_url(self.context["request"], image.thumbnail) if image and image.is_ready else None


class UserSerializer(AuthorSerializer):
    """A public profile. `followed_by_me` needs `followed_ids` (a set) in the context."""

    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    followed_by_me = serializers.SerializerMethodField()
    avatar = ImageSerializer(source="avatar_image", read_only=True, allow_null=True)
    header = ImageSerializer(source="header_image", read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = (
            *AuthorSerializer.Meta.fields,
            "avatar",
            "header",
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
    expand_content_warnings = StrictBooleanField(
        required=False, help_text="Show posts with a content warning opened, rather than folded under it."
    )

    current_password = StrictCharField(
        write_only=True,
        required=False,
        max_length=128,
        style={"input_type": "password"},
        help_text="Your password: needed to change `email`, ignored otherwise.",
    )

    class Meta:
        model = User
        fields = (
            *UserSerializer.Meta.fields,
            "email",
            "role",
            "notify_followed_posts",
            "default_quote_policy",
            "expand_content_warnings",
            "time_zone",
            "current_password",
        )
        read_only_fields = ("username", "follower_count", "following_count", "post_count", "created_at", "role")
        extra_kwargs = {
            "email": {"validators": [], "help_text": "Changing it needs `current_password`; the old address is told."}
        }

    def validate_email(self, email: str) -> str:
        return validate_email_available(email, exclude=self.instance)

    def validate(self, data: dict) -> dict:
        """A new email needs the password, as on the page: a stolen token alone cannot move the account."""
        password = data.pop("current_password", None)
        email = data.get("email")
        if email is not None and email_is_new(old=self.instance.email, new=email):
            if not password:
                raise serializers.ValidationError({"current_password": [PASSWORD_NEEDED]}, code="password_required")
            if not self.instance.check_password(password):
                raise serializers.ValidationError({"current_password": [WRONG_PASSWORD]}, code="wrong_password")
        return data


class AvatarSerializer(serializers.Serializer):
    upload_field = "avatar"
    avatar = serializers.FileField(help_text="A JPEG, PNG, WebP or GIF image; judged by its bytes.")


class HeaderSerializer(serializers.Serializer):
    upload_field = "header"
    header = serializers.FileField(help_text="A JPEG, PNG, WebP or GIF image; judged by its bytes.")
    alt_text = StrictCharField(
        required=False, allow_blank=True, default="", max_length=settings.IMAGE_ALT_TEXT_MAX_LENGTH
    )


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
        return validate_username_available(username)

    def validate_email(self, email: str) -> str:
        return validate_email_available(email)

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
            raise serializers.ValidationError(WRONG_PASSWORD, code="wrong_password")
        return password


class LoginPausedError(exceptions.Throttled):
    """The API's 429 for a paused login: the reason and the wait in words, Retry-After in seconds."""

    def __init__(self, paused: LoginPaused):
        super().__init__(detail=f"{paused.reason} Try again in {wait_in_words(paused.retry_after)}.", code=paused.code)
        self.wait = paused.retry_after


class TokenObtainSerializer(jwt_serializers.TokenObtainPairSerializer):
    """simplejwt's pair of tokens for a username and password, logged in through the same login
    attempts as the site's and the admin's forms (accounts.login_attempts)."""

    token_class = LoginRefreshToken

    def validate(self, attrs: dict) -> dict:
        try:
            self.user = login_attempt(
                request=self.context["request"], username=attrs[self.username_field], password=attrs["password"]
            )
        except LoginPaused as paused:
            raise LoginPausedError(paused) from paused
        if not jwt_settings.USER_AUTHENTICATION_RULE(self.user):
            raise exceptions.AuthenticationFailed(self.error_messages["no_active_account"], "no_active_account")
        refresh = self.get_token(self.user)
        if jwt_settings.UPDATE_LAST_LOGIN:
            update_last_login(None, self.user)
        return {"refresh": str(refresh), "access": str(refresh.access_token)}


class TokenRefreshSerializer(jwt_serializers.TokenRefreshSerializer):
    """A refresh token swapped once (accounts.tokens.refresh_token_rotate): one of concurrent swaps wins,
    and a token swapped before ends its whole family."""

    def validate(self, attrs: dict) -> dict:
        return refresh_token_rotate(refresh=attrs["refresh"])


class LogoutSerializer(jwt_serializers.TokenBlacklistSerializer):
    """Logging out ends the refresh token and every token of its family."""

    def validate(self, attrs: dict) -> dict:
        refresh_token_logout(refresh=attrs["refresh"])
        return {}
