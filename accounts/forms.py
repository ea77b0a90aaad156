from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm, UserChangeForm, UserCreationForm

from accounts.login_attempts import login_attempt
from accounts.models import User
from accounts.services import email_is_new
from accounts.uniqueness import validate_email_available, validate_username_available
from images import inspection
from threadly.time_zones import time_zone_choices

# What the file inputs offer to choose; the bytes are what is judged.
IMAGE_TYPES = ",".join(content_type for content_type, _ in inspection.FORMATS.values())

PASSWORD_NEEDED = "Enter your current password to change your email."
WRONG_PASSWORD = "That is not your password."


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "email", "display_name")

    def clean_username(self) -> str:
        return validate_username_available(self.cleaned_data["username"])

    def clean_email(self) -> str:
        return validate_email_available(self.cleaned_data["email"])


class ProfileForm(forms.ModelForm):
    """Your profile; a new email also needs your current password, so a borrowed session cannot
    move the account's password resets to another address."""

    current_password = forms.CharField(
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Needed only to change your email.",
    )

    avatar = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
        help_text="A JPEG, PNG, WebP or GIF image. Lists show a small copy of it.",
    )
    remove_avatar = forms.BooleanField(required=False, label="Remove my avatar")
    header = forms.FileField(
        required=False,
        label="Header image",
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
        help_text="A wide picture shown at the top of your profile.",
    )
    header_alt_text = forms.CharField(
        required=False,
        label="Header image description",
        max_length=settings.IMAGE_ALT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What the header shows, for people who cannot see it.",
    )
    remove_header = forms.BooleanField(required=False, label="Remove my header image")

    field_order = (
        "display_name",
        "bio",
        "avatar",
        "remove_avatar",
        "header",
        "header_alt_text",
        "remove_header",
        "email",
        "current_password",
    )

    class Meta:
        model = User
        fields = (
            "display_name",
            "bio",
            "email",
            "notify_followed_posts",
            "default_quote_policy",
            "expand_content_warnings",
            "time_zone",
        )
        widgets = {
            "display_name": forms.TextInput(attrs={"dir": "auto"}),
            "bio": forms.Textarea(attrs={"rows": 4, "maxlength": 300, "dir": "auto"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_email = self.instance.email
        # Left out of a submission (an older form), it stays as it is.
        self.fields["default_quote_policy"].required = False
        header = self.instance.header_image
        self.current_header_alt_text = header.alt_text if header else ""
        self.fields["header_alt_text"].initial = self.current_header_alt_text
        self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())

    def _clean_picture(self, name: str):
        """The picture's bytes judged now, as the upload will judge them: a form error, never a 500."""
        upload = self.cleaned_data.get(name)
        if upload:
            inspection.inspect(upload)
        return upload

    def clean_avatar(self):
        return self._clean_picture("avatar")

    def clean_header(self):
        return self._clean_picture("header")

    def clean_default_quote_policy(self) -> str:
        return self.cleaned_data["default_quote_policy"] or self.instance.default_quote_policy

    def clean_email(self) -> str:
        return validate_email_available(self.cleaned_data["email"], exclude=self.instance)

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("email")
        if email is not None and email_is_new(old=self.current_email, new=email):
            password = cleaned_data.get("current_password") or ""
            if not password:
                self.add_error("current_password", forms.ValidationError(PASSWORD_NEEDED, code="password_required"))
            elif not self.instance.check_password(password):
                self.add_error("current_password", forms.ValidationError(WRONG_PASSWORD, code="wrong_password"))
        return cleaned_data

    @property
    def changed_profile(self) -> dict:
        """The changed fields the profile service saves (the password only confirms)."""
        return {name: self.cleaned_data[name] for name in self.changed_data if name in self._meta.fields}

    @property
    def changed_pictures(self) -> dict:
        """What user_profile_pictures_update is to do: new files, removals, the header's description."""
        data = self.cleaned_data
        changes = {
            "avatar": data.get("avatar") or None,
            "remove_avatar": data.get("remove_avatar", False),
            "header": data.get("header") or None,
            "remove_header": data.get("remove_header", False),
        }
        if data.get("header_alt_text", "") != self.current_header_alt_text or changes["header"]:
            changes["header_alt_text"] = data.get("header_alt_text", "")
        return changes


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Your posts, replies, likes and follows are deleted with your account. This cannot be undone.",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(WRONG_PASSWORD, code="wrong_password")
        return password


class LoginAttemptMixin:
    """A login form that logs in through accounts.login_attempts, as the API does.

    A paused login raises LoginPaused, which threadly.ratelimit's middleware answers with the 429 page.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = login_attempt(request=self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class LoginForm(LoginAttemptMixin, AuthenticationForm):
    pass


class AdminLoginForm(LoginAttemptMixin, AdminAuthenticationForm):
    pass


class AdminUserCreateForm(AdminUserCreationForm):
    def clean_username(self) -> str:
        return validate_username_available(self.cleaned_data["username"])

    def clean_email(self) -> str:
        return validate_email_available(self.cleaned_data["email"])


class AdminUserChangeForm(UserChangeForm):
    def clean_username(self) -> str:
        return validate_username_available(self.cleaned_data["username"], exclude=self.instance)

    def clean_email(self) -> str:
        return validate_email_available(self.cleaned_data["email"], exclude=self.instance)
