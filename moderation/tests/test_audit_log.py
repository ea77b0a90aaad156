"""The audit log: every moderator action writes one entry; moderators read it; nobody edits it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation import services
from moderation.models import AuditLogEntry
from moderation.tests.conftest import (
    AUDIT_URL,
    POSTS_URL,
    REPORTS_URL,
    USERS_URL,
    admin_action,
    moderation_log,
)
from tests.budgets import SESSION_QUERIES

# The log's changelist costs this many queries whatever its length (the date hierarchy adds two).
AUDIT_LOG_QUERY_BUDGET = SESSION_QUERIES + 7


def _remove_post(post, **_):
    services.content_remove(content=post, moderator=None)


def _suspend_bob(bob, **_):
    services.user_suspend(user=bob, moderator=None)


# (how to prepare, the admin URL, the action, what to select, the logged action, the logged target)
ACTIONS = {
    "dismiss": (None, REPORTS_URL, "dismiss", "report_on_post", "dismiss", "post #{post} by @bob"),
    "remove post": (None, REPORTS_URL, "remove_content", "report_on_post", "remove", "post #{post} by @bob"),
    "remove reply": (None, REPORTS_URL, "remove_content", "report_on_reply", "remove", "reply #{reply} by @bob"),
    "suspend author": (None, REPORTS_URL, "suspend_author", "report_on_bob", "suspend", "@bob"),
    "warn author": (None, REPORTS_URL, "warn_author", "report_on_post", "warn", "@bob"),
    "remove from posts": (None, POSTS_URL, "remove_selected", "post", "remove", "post #{post} by @bob"),
    "restore post": (_remove_post, POSTS_URL, "restore_selected", "post", "restore", "post #{post} by @bob"),
    "remove a reply from posts": (None, POSTS_URL, "remove_selected", "reply", "remove", "reply #{reply} by @bob"),
    "suspend from users": (None, USERS_URL, "suspend_selected", "bob", "suspend", "@bob"),
    "unsuspend": (_suspend_bob, USERS_URL, "unsuspend_selected", "bob", "unsuspend", "@bob"),
    "warn from users": (None, USERS_URL, "warn_selected", "bob", "warn", "@bob"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ACTIONS)
def test_every_action_writes_one_entry(mod_client, mod, alice, bob, post, reply, report_of, name):
    prepare, url, action, selected, logged_action, target = ACTIONS[name]
    if prepare:
        prepare(post=post, bob=bob)
    things = {
        "report_on_post": lambda: report_of(alice, post),
        "report_on_reply": lambda: report_of(alice, reply),
        "report_on_bob": lambda: report_of(alice, bob),
        "post": lambda: post,
        "reply": lambda: reply,
        "bob": lambda: bob,
    }
    chosen = things[selected]()
    before = set(AuditLogEntry.objects.values_list("pk", flat=True))

    response = admin_action(mod_client, url, action, [chosen], reason=f"Because of {name}")

    assert response.status_code == 302
    entry = AuditLogEntry.objects.exclude(pk__in=before).get()
    assert (entry.actor, entry.actor_name, entry.action) == (mod, "mod", logged_action)
    assert entry.target == target.format(post=post.pk, reply=reply.pk)
    assert entry.reason == f"Because of {name}"
    assert entry.created_at is not None


@pytest.mark.django_db
def test_moderators_read_the_log(mod_client, bob):
    admin_action(mod_client, USERS_URL, "suspend_selected", [bob], reason="Spam ring")

    response = mod_client.get(AUDIT_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Spam ring" in page
    assert "@bob" in page
    assert "Suspended an account" in page
    assert mod_client.get(AUDIT_URL, {"action__exact": "suspend"}).status_code == 200
    assert len(mod_client.get(AUDIT_URL, {"q": "ring"}).context["cl"].result_list) == 1


@pytest.mark.django_db
def test_an_entry_page_is_read_only(mod_client, bob):
    admin_action(mod_client, USERS_URL, "suspend_selected", [bob], reason="Spam ring")
    entry = moderation_log().get()

    response = mod_client.get(reverse("admin:moderation_auditlogentry_change", args=[entry.pk]))

    assert response.status_code == 200
    assert 'name="reason"' not in response.content.decode()
    assert "Spam ring" in response.content.decode()


@pytest.mark.django_db
def test_the_log_lists_newest_first(mod_client, alice, bob):
    admin_action(mod_client, USERS_URL, "suspend_selected", [alice])
    admin_action(mod_client, USERS_URL, "suspend_selected", [bob])

    rows = list(mod_client.get(AUDIT_URL).context["cl"].result_list)

    assert [row.target for row in rows[:2]] == ["@bob", "@alice"]


@pytest.mark.django_db
def test_the_log_costs_the_same_with_one_entry_and_thirty(mod_client, alice):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert mod_client.get(AUDIT_URL).status_code == 200
        return len(queries)

    with_one = count_queries()  # The role change that made the moderator.
    for _ in range(15):
        services.user_suspend(user=alice, moderator=None, reason="x")
        services.user_unsuspend(user=alice, moderator=None, reason="y")
    assert AuditLogEntry.objects.count() == 31

    assert with_one == count_queries() == AUDIT_LOG_QUERY_BUDGET


@pytest.mark.django_db
@pytest.mark.parametrize("as_superuser", [False, True])
def test_nobody_adds_changes_or_deletes_entries(mod_client, admin_client, bob, as_superuser):
    client = admin_client if as_superuser else mod_client
    services.user_suspend(user=bob, moderator=None, reason="Original reason")
    entry = AuditLogEntry.objects.get(action="suspend")
    snapshot = AuditLogEntry.objects.values().get(pk=entry.pk)
    change_url = reverse("admin:moderation_auditlogentry_change", args=[entry.pk])
    forged = {"actor_name": "someone", "action": "warn", "target": "@nobody", "reason": "Edited"}

    assert client.get(reverse("admin:moderation_auditlogentry_add")).status_code == 403
    assert client.post(reverse("admin:moderation_auditlogentry_add"), forged).status_code == 403
    assert client.post(change_url, forged).status_code == 403
    assert client.get(reverse("admin:moderation_auditlogentry_delete", args=[entry.pk])).status_code == 403
    assert (
        client.post(reverse("admin:moderation_auditlogentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    admin_action(client, AUDIT_URL, "delete_selected", [entry])

    assert "delete_selected" not in client.get(AUDIT_URL).content.decode()
    assert AuditLogEntry.objects.values().get(pk=entry.pk) == snapshot
    assert AuditLogEntry.objects.count() == 2  # The moderator's role change and the suspension.


@pytest.mark.django_db
def test_a_plain_user_cannot_read_the_log(client_of, alice):
    response = client_of(alice).get(AUDIT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_an_entry_keeps_the_actors_name_when_the_account_is_gone(mod, bob):
    services.user_suspend(user=bob, moderator=mod, reason="Spam")

    mod.delete()

    entry = AuditLogEntry.objects.get(action="suspend")
    assert (entry.actor, entry.actor_name, entry.target) == (None, "mod", "@bob")
    assert str(entry) == "mod suspended an account: @bob"
