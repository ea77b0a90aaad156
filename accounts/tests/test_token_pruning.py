"""Hourly, what no token can need any more is deleted: expired refresh tokens and old ended families."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from accounts.models import RevokedTokenFamily
from accounts.tasks import prune_expired_tokens
from accounts.tokens import LoginRefreshToken

pytestmark = pytest.mark.django_db


def test_expired_tokens_and_old_ended_families_go_and_live_ones_stay(alice, bob):
    LoginRefreshToken.for_user(alice)
    LoginRefreshToken.for_user(bob)
    expired = OutstandingToken.objects.filter(user=bob).get()
    OutstandingToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    long_ago = timezone.now() - jwt_settings.REFRESH_TOKEN_LIFETIME - timedelta(minutes=1)
    RevokedTokenFamily.objects.create(family="old", user=alice, revoked_at=long_ago)
    RevokedTokenFamily.objects.create(family="recent", user=alice)

    assert prune_expired_tokens.delay().get() == 2

    assert list(OutstandingToken.objects.values_list("user__username", flat=True)) == ["alice"]
    assert list(RevokedTokenFamily.objects.values_list("family", flat=True)) == ["recent"]
