"""Django calls every password validator's `password_changed` after any password is saved (the
settings form, a reset link, the admin, `changepassword`): the one place every change passes."""

from accounts.tokens import app_tokens_end


class NewPasswordEndsAppAccess:
    """A new password ends the access apps were given with the old one, as it ends other sessions
    (their hash includes the password) and the API's JWTs (simplejwt's CHECK_REVOKE_TOKEN)."""

    def validate(self, password, user=None) -> None:
        return None

    def password_changed(self, password, user=None) -> None:
        if user is not None and user.pk is not None:
            app_tokens_end(user=user)

    def get_help_text(self) -> str:
        return "A new password signs your apps out; they will ask you to log in again."
