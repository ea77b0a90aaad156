"""Fixtures for the moderation tests: real moderators (staff, in the Moderators group) and the admin's URLs."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from moderation import services
from posts import services as posts_services

REPORTS_URL = reverse("admin:moderation_report_changelist")
AUDIT_URL = reverse("admin:moderation_auditlogentry_changelist")
USERS_URL = reverse("admin:accounts_user_changelist")
POSTS_URL = reverse("admin:posts_post_changelist")
API_REPORTS_URL = "/api/threadly/v1/reports"


def admin_action(client, url: str, action: str, objects, reason: str = ""):
    """POST an admin action, as the changelist's action form does, for `objects` (models or ids)."""
    ids = [getattr(obj, "pk", obj) for obj in objects]
    return client.post(url, {"action": action, ACTION_CHECKBOX_NAME: ids, "reason": reason, "index": 0})


def refreshed(obj):
    obj.refresh_from_db()
    return obj


@pytest.fixture
def make_moderator(db):
    """`make_moderator(username)`: a moderator as `set_role` makes one (staff, Moderators group)."""

    def make(username: str = "mod") -> User:
        user = UserFactory(username=username)
        services.role_set(user=user, role=User.Role.MODERATOR, actor=None)
        return refreshed(user)

    return make


@pytest.fixture
def chief(db):
    """An admin, as `set_role` makes one."""
    user = UserFactory(username="chief")
    services.role_set(user=user, role=User.Role.ADMIN, actor=None)
    return refreshed(user)


@pytest.fixture
def chief_client(chief):
    """A browser logged in as the admin."""
    client = Client()
    client.force_login(chief)
    return client


@pytest.fixture
def mod(make_moderator):
    return make_moderator("mod")


@pytest.fixture
def mod_client(mod):
    """A browser logged in as the moderator."""
    client = Client()
    client.force_login(mod)
    return client


@pytest.fixture
def client_of():
    """`client_of(user)`: a fresh browser logged in as `user`."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def post(bob):
    """A public post by bob, written through the service."""
    return posts_services.post_create(author=bob, body="Buy cheap watches at spam.example")


@pytest.fixture
def reply(bob, carol):
    """A reply by bob on carol's post."""
    carols = posts_services.post_create(author=carol, body="A quiet morning")
    return posts_services.post_create(author=bob, in_reply_to=carols, body="You are an idiot")


@pytest.fixture
def report_of():
    """`report_of(reporter, target, reason="spam", text="")`: a report filed through the service."""

    def make(reporter, target, reason: str = "spam", text: str = ""):
        return services.report_create(reporter=reporter, target=target, reason=reason, text=text)

    return make


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """`with delivered():` runs the wrapped actions' on-commit fan-out, as a commit would."""

    def context():
        return django_capture_on_commit_callbacks(execute=True)

    return context


def moderation_log():
    """The audit log less the role changes that made the test's moderators."""
    from moderation.models import AuditLogEntry, ModerationAction

    return AuditLogEntry.objects.exclude(action=ModerationAction.SET_ROLE)


def messages_of(response) -> list[str]:
    """The messages the admin showed after an action."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def errors_of(response) -> list[str]:
    """The messages the admin showed as errors after an action."""
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "error"]
