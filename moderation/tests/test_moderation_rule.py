"""Who a moderator may act on, through the admin's real URLs: members, not themselves nor staff.

Admins act on anyone but themselves when suspending; `manage.py` on anyone. Refusals are said,
as an error naming who was skipped and why, and the count says only what was done.
"""

import pytest
from django.core.management import call_command

from moderation import services
from moderation.models import Report
from moderation.tests.conftest import (
    POSTS_URL,
    REPORTS_URL,
    USERS_URL,
    admin_action,
    errors_of,
    messages_of,
    moderation_log,
    refreshed,
)
from notifications.models import Event
from posts import services as posts_services

STAFF = "moderators cannot act on staff"
THEMSELVES = "moderators cannot act on themselves"

pytestmark = pytest.mark.django_db


def suspended(user) -> bool:
    user = refreshed(user)
    return user.suspended_at is not None and not user.is_active


def warned(user) -> bool:
    return Event.objects.filter(kind=Event.Kind.WARNING, subject=user).exists()


@pytest.fixture
def other_mod(make_moderator):
    return make_moderator("other_mod")


# Suspending and lifting suspensions from the users list


def test_a_moderator_cannot_lift_an_admins_suspension(mod_client, chief):
    services.user_suspend(user=chief, moderator=None, reason="compromised")

    response = admin_action(mod_client, USERS_URL, "unsuspend_selected", [chief])

    assert suspended(chief)
    assert errors_of(response) == [f"Reinstated 0; skipped @chief: {STAFF}."]
    assert not moderation_log().filter(action="unsuspend").exists()


def test_a_moderator_cannot_lift_another_moderators_suspension(mod_client, other_mod, bob):
    for person in (other_mod, bob):
        services.user_suspend(user=person, moderator=None, reason="spam")

    response = admin_action(mod_client, USERS_URL, "unsuspend_selected", [other_mod, bob])

    assert suspended(other_mod)
    assert not suspended(bob)
    assert errors_of(response) == [f"Reinstated 1; skipped @other_mod: {STAFF}."]


def test_suspending_staff_is_refused_out_loud(mod_client, mod, chief, other_mod, alice, bob):
    response = admin_action(mod_client, USERS_URL, "suspend_selected", [alice, chief, bob, other_mod, mod])

    assert (suspended(alice), suspended(bob)) == (True, True)
    assert (suspended(chief), suspended(other_mod), suspended(mod)) == (False, False, False)
    assert messages_of(response) == [f"Suspended 2; skipped @chief, @other_mod: {STAFF}; skipped @mod: {THEMSELVES}."]
    assert errors_of(response) == messages_of(response)
    assert set(moderation_log().values_list("target", flat=True)) == {"@alice", "@bob"}


def test_the_count_says_only_what_was_done(mod_client, alice, bob):
    services.user_suspend(user=alice, moderator=None)

    response = admin_action(mod_client, USERS_URL, "suspend_selected", [alice, bob])

    assert messages_of(response) == ["Suspended 1."]
    assert errors_of(response) == []


# Warnings


def test_a_moderator_cannot_warn_staff_or_themselves(mod_client, mod, chief, other_mod, bob):
    response = admin_action(mod_client, USERS_URL, "warn_selected", [mod, chief, other_mod, bob], reason="Calm")

    assert [warned(person) for person in (mod, chief, other_mod, bob)] == [False, False, False, True]
    assert errors_of(response) == [f"Warned 1; skipped @chief, @other_mod: {STAFF}; skipped @mod: {THEMSELVES}."]


# Posts and replies


def test_a_moderator_cannot_remove_or_restore_staff_content(mod_client, mod, chief, other_mod, bob):
    posts = {
        person.username: posts_services.post_create(author=person, body=f"By {person}")
        for person in (mod, chief, other_mod, bob)
    }

    removed = admin_action(mod_client, POSTS_URL, "remove_selected", posts.values())

    assert [name for name, post in posts.items() if refreshed(post).removed_at] == ["bob"]
    assert errors_of(removed) == [f"Removed 1; skipped @chief, @other_mod: {STAFF}; skipped @mod: {THEMSELVES}."]

    services.content_remove(content=posts["chief"], moderator=None, reason="by manage.py")
    restored = admin_action(mod_client, POSTS_URL, "restore_selected", [posts["chief"], posts["bob"]])

    assert refreshed(posts["chief"]).removed_at is not None
    assert refreshed(posts["bob"]).removed_at is None
    assert errors_of(restored)[-1] == f"Restored 1; skipped @chief: {STAFF}."


def test_a_moderator_cannot_remove_a_staff_reply(mod_client, chief, alice):
    post = posts_services.post_create(author=alice, body="Question")
    reply = posts_services.post_create(author=chief, in_reply_to=post, body="Answer")

    response = admin_action(mod_client, POSTS_URL, "remove_selected", [reply])

    assert refreshed(reply).removed_at is None
    assert refreshed(post).reply_count == 1
    assert errors_of(response) == [f"Removed 0; skipped @chief: {STAFF}."]


# The report queue


@pytest.mark.parametrize(
    ("action", "verb"),
    [
        ("dismiss", "Dismissed"),
        ("remove_content", "Removed"),
        ("suspend_author", "Suspended"),
        ("warn_author", "Warned"),
    ],
)
def test_the_queue_refuses_every_action_on_staff(mod_client, chief, alice, bob, report_of, action, verb):
    about_chief = report_of(alice, posts_services.post_create(author=chief, body="Staff words"))
    about_bob = report_of(alice, posts_services.post_create(author=bob, body="Bob's words"))

    response = admin_action(mod_client, REPORTS_URL, action, [about_chief, about_bob], reason="Rules")

    assert errors_of(response) == [f"{verb} 1; skipped @chief: {STAFF}."]
    assert refreshed(about_chief).status == Report.Status.OPEN
    assert refreshed(about_bob).status != Report.Status.OPEN
    assert refreshed(about_chief).post.removed_at is None
    assert not suspended(chief)
    assert not warned(chief)
    assert not moderation_log().filter(target__contains="@chief").exists()


def test_the_queue_refuses_a_moderators_own_report(mod_client, mod, alice, report_of):
    about_mod = report_of(alice, mod, reason="abuse")

    response = admin_action(mod_client, REPORTS_URL, "dismiss", [about_mod])

    assert errors_of(response) == [f"Dismissed 0; skipped @mod: {THEMSELVES}."]
    assert refreshed(about_mod).status == Report.Status.OPEN


def test_remove_says_why_it_skips_reports_about_people(mod_client, alice, bob, report_of):
    about_bob = report_of(alice, bob)

    response = admin_action(mod_client, REPORTS_URL, "remove_content", [about_bob])

    assert errors_of(response) == [
        f"Removed 0; skipped report #{about_bob.pk}: it is about a person, not a post or reply."
    ]


# Admins and manage.py


def test_an_admin_acts_on_moderators(chief_client, other_mod, report_of, alice):
    own_post = posts_services.post_create(author=other_mod, body="Mod's words")
    report = report_of(alice, own_post)

    def said(url: str, action: str, reason: str = "") -> str:
        """The message this action added (the client keeps earlier unread ones too)."""
        return messages_of(admin_action(chief_client, url, action, [selected[action]], reason=reason))[-1]

    selected = {"remove_content": report, "warn_selected": other_mod}
    selected |= {"suspend_selected": other_mod, "unsuspend_selected": other_mod}

    assert said(REPORTS_URL, "remove_content") == "Removed 1."
    assert said(USERS_URL, "warn_selected", reason="Careful") == "Warned 1."
    assert warned(other_mod)
    assert said(USERS_URL, "suspend_selected") == "Suspended 1."
    assert suspended(other_mod)
    assert said(USERS_URL, "unsuspend_selected") == "Reinstated 1."
    assert not suspended(other_mod)


def test_an_admin_acts_on_other_admins(chief_client, admin_user):
    response = admin_action(chief_client, USERS_URL, "suspend_selected", [admin_user])

    assert messages_of(response) == ["Suspended 1."]
    assert suspended(admin_user)


def test_an_admin_cannot_suspend_themself_here(chief_client, chief, bob):
    """It would end the session they are using; `manage.py suspend_user` still can."""
    response = admin_action(chief_client, USERS_URL, "suspend_selected", [chief, bob])

    assert not suspended(chief)
    assert suspended(bob)
    assert errors_of(response) == [
        "Suspended 1; skipped @chief: admins cannot suspend themselves here (manage.py suspend_user can)."
    ]


def test_an_admin_may_warn_themself_and_remove_their_own_post(chief_client, chief):
    post = posts_services.post_create(author=chief, body="Draft left public")

    admin_action(chief_client, USERS_URL, "warn_selected", [chief], reason="Note to self")
    admin_action(chief_client, POSTS_URL, "remove_selected", [post])

    assert warned(chief)
    assert refreshed(post).removed_at is not None


def test_manage_py_suspends_and_reinstates_staff(chief, other_mod):
    call_command("suspend_user", "chief", stdout=None)
    call_command("suspend_user", "other_mod", stdout=None)
    assert suspended(chief) and suspended(other_mod)

    call_command("suspend_user", "chief", "--lift", stdout=None)
    assert not suspended(chief)
