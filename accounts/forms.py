from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm, UserChangeForm, UserCreationForm

from accounts.login_attempts import login_attempt
from accounts.models import User
from accounts.services import email_is_new
from accounts.uniqueness import validate_email_available, validate_username_available
from threadly.time_zones import time_zone_choices

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

    class Meta:
        model = User
        fields = (
            "display_name",
            "bio",
            "email",
            "avatar",
            "notify_followed_posts",
            "default_quote_policy",
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
        self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())

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
