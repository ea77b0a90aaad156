import importlib

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from accounts.factories import UserFactory
from accounts.models import User
from accounts.selectors import user_by_username
from accounts.validators import username_validator


@pytest.mark.django_db
def test_username_is_unique_ignoring_case_in_the_database():
    UserFactory(username="Ana", email="ana@example.com")

    with pytest.raises(IntegrityError, match="user_username_ci_unique"), transaction.atomic():
        User.objects.create(username="ana", email="someone-else@example.com")

    assert list(User.objects.values_list("username", flat=True)) == ["Ana"]


@pytest.mark.django_db
def test_email_is_unique_ignoring_case_in_the_database():
    UserFactory(username="ana", email="ana@example.com")

    with pytest.raises(IntegrityError, match="user_email_ci_unique"), transaction.atomic():
        User.objects.create(username="bob", email="ANA@Example.com")

    assert User.objects.count() == 1


@pytest.mark.django_db
def test_model_validation_reports_a_case_insensitive_duplicate_username():
    UserFactory(username="Ana")

    with pytest.raises(ValidationError) as error:
        User(username="ANA", email="other@example.com").validate_constraints()

    assert error.value.messages == ["That username is taken."]


@pytest.mark.parametrize("username", ["ana", "Ana_99", "___", "a" * 30, "ABC"])
def test_username_validator_accepts_3_to_30_letters_digits_or_underscores(username):
    username_validator(username)


@pytest.mark.parametrize(
    "username",
    ["", "ab", "a" * 31, "ana-b", "ana b", "ana.b", "@ana", "añá", "ana\n", "\uff41\uff4e\uff41"],
    ids=["empty", "too-short", "too-long", "hyphen", "space", "dot", "at", "accents", "newline", "fullwidth"],
)
def test_username_validator_rejects_anything_else(username):
    with pytest.raises(ValidationError) as error:
        username_validator(username)

    assert error.value.code == "invalid_username"


def test_argon2_is_the_first_configured_password_hasher():
    # conftest swaps in MD5 for speed; the settings module itself holds the production list.
    configured = importlib.import_module("threadly.settings").PASSWORD_HASHERS

    assert configured[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_passwords_are_hashed_with_argon2_under_the_configured_hashers(settings):
    settings.PASSWORD_HASHERS = importlib.import_module("threadly.settings").PASSWORD_HASHERS

    encoded = make_password("correct horse battery staple")

    assert encoded.startswith("argon2$argon2id$")


def test_name_falls_back_to_the_username():
    assert User(username="ana", display_name="Ana Lima").name == "Ana Lima"
    assert User(username="ana", display_name="").name == "ana"


@pytest.mark.parametrize(
    ("role", "is_superuser", "expected"),
    [
        (User.Role.USER, False, False),
        (User.Role.MODERATOR, False, True),
        (User.Role.ADMIN, False, True),
        (User.Role.USER, True, True),
    ],
)
def test_moderators_admins_and_superusers_are_moderators(role, is_superuser, expected):
    assert User(username="ana", role=role, is_superuser=is_superuser).is_moderator is expected


@pytest.mark.django_db
def test_user_by_username_matches_any_capitalisation():
    ana = UserFactory(username="Ana")

    assert user_by_username("aNA") == ana


@pytest.mark.django_db
def test_user_by_username_hides_inactive_and_missing_users():
    UserFactory(username="gone", is_active=False)

    with pytest.raises(Http404):
        user_by_username("gone")
    with pytest.raises(Http404):
        user_by_username("nobody")
