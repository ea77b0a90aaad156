"""The API's tokens: each login starts a family of refresh and access tokens, tied to the account's
session epoch, that one refresh at a time carries forward and that ends as a whole.

- Every token carries `epoch` (the account's session_epoch when the family began): raising the
  epoch (a suspension) ends every token issued before it, so lifting a suspension needs a login.
  A token without the claim counts as epoch 0, as tokens issued before it existed do.
- The OAuth tokens a person gave apps (django-oauth-toolkit, Mastodon's API) end with the sign-in
  too: app_tokens_end deletes them when the password changes or the account is suspended.
- Every token carries `fam` (the id of the login's first refresh token). Swapping a refresh token
  blacklists it; the blacklist row's unique constraint lets exactly one of concurrent swaps win.
  Presenting a refresh token that was already swapped (or logged out) ends its family:
  RevokedTokenFamily, which the API's authentication and the refresh both read. The losers of a
  concurrent swap present such a token too, so a client swaps one refresh token at a time.
"""

from django.db import IntegrityError, transaction
from django.db.models import Exists
from django.utils import timezone
from oauth2_provider.models import AccessToken, Grant
from oauth2_provider.models import RefreshToken as OAuthRefreshToken
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken, Token
from rest_framework_simplejwt.utils import datetime_from_epoch, get_md5_hash_password

from accounts.models import RevokedTokenFamily, User

EPOCH_CLAIM = "epoch"
FAMILY_CLAIM = "fam"


class LoginRefreshToken(RefreshToken):
    """A refresh token that starts a family and records the account's session epoch."""

    @classmethod
    def for_user(cls, user: User) -> "LoginRefreshToken":
        token = super().for_user(user)
        token[EPOCH_CLAIM] = user.session_epoch
        token[FAMILY_CLAIM] = token[jwt_settings.JTI_CLAIM]
        return token

    def verify(self) -> None:
        """Signature, expiry and type only: whether it was already swapped is decided by the
        blacklist row's insert in refresh_token_rotate, not by a read that concurrent swaps all pass."""
        Token.verify(self)


def _family(token: Token) -> str | None:
    return token.get(FAMILY_CLAIM)


def user_for_token(token: Token, *, inactive_code: str = "user_inactive") -> User:
    """The token's account, when the token still works for it; AuthenticationFailed (a 401) when not.

    One query, the family's revocation included, so authenticating each API request costs no more.
    """
    try:
        user_id = token[jwt_settings.USER_ID_CLAIM]
    except KeyError as error:
        raise InvalidToken("Token contained no recognizable user identification") from error
    family = _family(token)
    revoked = RevokedTokenFamily.objects.filter(family=family) if family else RevokedTokenFamily.objects.none()
    user = User.objects.annotate(family_revoked=Exists(revoked)).filter(pk=user_id).first()
    if user is None:
        raise AuthenticationFailed("User not found", code="user_not_found")
    if not user.is_active:
        raise AuthenticationFailed("User is inactive", code=inactive_code)
    if token.get(jwt_settings.REVOKE_TOKEN_CLAIM) != get_md5_hash_password(user.password):
        raise AuthenticationFailed("The user's password has been changed.", code="password_changed")
    if token.get(EPOCH_CLAIM, 0) != user.session_epoch:
        raise AuthenticationFailed("This sign-in has ended; log in again.", code="session_ended")
    if user.family_revoked:
        raise InvalidToken("This sign-in has ended; log in again.")
    return user


def token_family_end(*, token: RefreshToken) -> None:
    """End the family `token` belongs to: none of its refresh or access tokens works any more."""
    family = _family(token) or token[jwt_settings.JTI_CLAIM]
    user_id = token.get(jwt_settings.USER_ID_CLAIM)
    if User.objects.filter(pk=user_id).exists():
        RevokedTokenFamily.objects.bulk_create(
            [RevokedTokenFamily(family=family, user_id=user_id)], ignore_conflicts=True
        )


def _spend(token: RefreshToken) -> bool:
    """Blacklist `token`; False when it already was. The unique row decides between concurrent callers."""
    outstanding, _ = OutstandingToken.objects.get_or_create(
        jti=token[jwt_settings.JTI_CLAIM],
        defaults={
            "user_id": token.get(jwt_settings.USER_ID_CLAIM),
            "token": str(token),
            "expires_at": datetime_from_epoch(token["exp"]),
        },
    )
    try:
        with transaction.atomic():
            BlacklistedToken.objects.create(token=outstanding)
    except IntegrityError:
        return False
    return True


def _refused_as_reused(token: RefreshToken) -> InvalidToken:
    """A swapped or logged-out refresh token came back: only a copy would, so its family ends."""
    token_family_end(token=token)
    return InvalidToken("Token is blacklisted")


def refresh_token_rotate(*, refresh: str) -> dict[str, str]:
    """Swap a refresh token for a new refresh and access token; the old one stops working.

    Raises InvalidToken or AuthenticationFailed (401s) for a token that does not work, and ends the
    family of one that was already swapped.
    """
    token = LoginRefreshToken(refresh)
    # The refresh endpoint's answer for an inactive account, as simplejwt's.
    user_for_token(token, inactive_code="no_active_account")
    with transaction.atomic():
        spent = _spend(token)
        if spent:
            token.payload.setdefault(FAMILY_CLAIM, token[jwt_settings.JTI_CLAIM])
            token.set_jti()
            token.set_exp()
            token.set_iat()
            token.outstand()
    if not spent:
        raise _refused_as_reused(token)
    return {"refresh": str(token), "access": str(token.access_token)}


def refresh_token_logout(*, refresh: str) -> None:
    """Log a refresh token out, and with it every token of its family."""
    token = LoginRefreshToken(refresh)
    with transaction.atomic():
        spent = _spend(token)
    if not spent:
        raise _refused_as_reused(token)
    token_family_end(token=token)


def expired_tokens_prune() -> int:
    """Delete what no token can need any more: refresh tokens past their expiry (with their blacklist
    rows) and ended families older than a refresh token lives, whose every token has expired too.
    Returns how many rows went."""
    now = timezone.now()
    families, _ = RevokedTokenFamily.objects.filter(revoked_at__lt=now - jwt_settings.REFRESH_TOKEN_LIFETIME).delete()
    outstanding, _ = OutstandingToken.objects.filter(expires_at__lt=now).delete()
    return families + outstanding


def app_tokens_end(*, user: User, application_id: int | None = None) -> None:
    """End the OAuth access a person gave apps (all of them, or one): their access and refresh tokens
    and unused authorization codes are deleted, so the next request with one is a 401."""
    mine = {"user": user} if application_id is None else {"user": user, "application_id": application_id}
    OAuthRefreshToken.objects.filter(**mine).delete()
    AccessToken.objects.filter(**mine).delete()
    Grant.objects.filter(**mine).delete()
