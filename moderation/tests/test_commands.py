"""`manage.py suspend_user USERNAME [--reason] [--lift]`: suspension from the shell, in the audit log."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from moderation.models import AuditLogEntry, Report
from moderation.tests.conftest import refreshed


def suspend_user(*args) -> str:
    out = io.StringIO()
    call_command("suspend_user", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_suspend_user_suspends_and_logs(bob):
    out = suspend_user("bob", "--reason", "Spam wave")

    assert "@bob is suspended." in out
    bob = refreshed(bob)
    assert bob.is_active is False
    assert bob.suspended_at is not None
    entry = AuditLogEntry.objects.get()
    assert (entry.actor, entry.actor_name, entry.action, entry.target, entry.reason) == (
        None,
        "manage.py",
        "suspend",
        "@bob",
        "Spam wave",
    )


@pytest.mark.django_db
def test_suspend_user_needs_no_reason_and_ignores_case(bob):
    suspend_user("BoB")

    assert refreshed(bob).is_active is False
    assert AuditLogEntry.objects.get().reason == ""


@pytest.mark.django_db
def test_suspend_user_closes_open_reports_about_the_person(alice, bob, report_of):
    report = report_of(alice, bob)

    suspend_user("bob")

    report = refreshed(report)
    assert (report.status, report.handled_by) == ("actioned", None)
    assert report.handled_at is not None


@pytest.mark.django_db
def test_suspend_user_ends_their_tokens(bob):
    app = APIClient()
    app.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(bob).access_token}")

    suspend_user("bob")

    assert app.get("/api/threadly/v1/users/me").status_code == 401


@pytest.mark.django_db
def test_lift_reinstates_and_logs(bob):
    suspend_user("bob", "--reason", "Spam wave")

    out = suspend_user("bob", "--lift", "--reason", "Appeal")

    assert "@bob may log in again." in out
    bob = refreshed(bob)
    assert (bob.is_active, bob.suspended_at) == (True, None)
    assert list(AuditLogEntry.objects.order_by("id").values_list("action", "reason")) == [
        ("suspend", "Spam wave"),
        ("unsuspend", "Appeal"),
    ]


@pytest.mark.django_db
def test_suspending_twice_or_lifting_nothing_says_so_and_logs_once(bob):
    suspend_user("bob")

    assert "@bob was already suspended." in suspend_user("bob")
    assert "@bob may log in again." in suspend_user("bob", "--lift")
    assert "@bob was not suspended." in suspend_user("bob", "--lift")
    assert list(AuditLogEntry.objects.order_by("id").values_list("action", flat=True)) == ["suspend", "unsuspend"]


@pytest.mark.django_db
def test_an_unknown_user_is_an_error(bob):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        suspend_user("nobody")
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        suspend_user("nobody", "--lift")

    assert not AuditLogEntry.objects.exists()
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_the_username_is_required():
    with pytest.raises(CommandError, match="username"):
        suspend_user()
