from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from accounts import lockout
from accounts.models import User


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "email", "display_name")

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with that email exists.", code="duplicate_email")
        return email


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("display_name", "bio", "email", "avatar", "notify_followed_posts")
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 300})}

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("An account with that email exists.", code="duplicate_email")
        return email


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Your posts, comments, likes and follows are deleted with your account. This cannot be undone.",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password


class LockoutLoginMixin:
    """A login form that refuses a locked-out username and counts its wrong passwords (accounts.lockout).

    The check comes before the password is tried, so a locked account answers the same to the right one.
    """

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        lockout.ensure_login_allowed(username=username)
        try:
            cleaned_data = super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                lockout.login_failed(username=username)
            raise
        if self.get_user() is not None:
            lockout.login_succeeded(username=username)
        return cleaned_data


class LoginForm(LockoutLoginMixin, AuthenticationForm):
    pass


class AdminLoginForm(LockoutLoginMixin, AdminAuthenticationForm):
    pass
