"""Moderator actions are an enum, and one function decides who may take them on whom."""

import pytest
from django.core.exceptions import PermissionDenied

from moderation import services
from moderation.models import AuditLogEntry, ModerationAction, Report
from moderation.services import ModerationRefused
from moderation.tests.conftest import moderation_log, refreshed
from posts import services as posts_services

pytestmark = pytest.mark.django_db

ON_PEOPLE = [
    ModerationAction.DISMISS,
    ModerationAction.REMOVE,
    ModerationAction.RESTORE,
    ModerationAction.SUSPEND,
    ModerationAction.UNSUSPEND,
    ModerationAction.WARN,
]
STAFF = "moderators cannot act on staff"
THEMSELVES = "moderators cannot act on themselves"
NOT_A_MODERATOR = "only moderators and admins moderate"
SELF_SUSPENSION = "admins cannot suspend themselves here (manage.py suspend_user can)"


@pytest.fixture
def people(mod, chief, make_moderator, admin_user, alice, bob):
    return {
        "manage.py": None,
        "mod": mod,
        "other mod": make_moderator("other_mod"),
        "chief": chief,
        "superuser": admin_user,
        "alice": alice,
        "bob": bob,
    }


# (actor, person): why the rule refuses, for every action; None when it allows them all.
RULE = {
    ("manage.py", "bob"): None,
    ("manage.py", "mod"): None,
    ("manage.py", "chief"): None,
    ("mod", "bob"): None,
    ("mod", "mod"): THEMSELVES,
    ("mod", "other mod"): STAFF,
    ("mod", "chief"): STAFF,
    ("mod", "superuser"): STAFF,
    ("chief", "bob"): None,
    ("chief", "other mod"): None,
    ("chief", "superuser"): None,
    ("alice", "bob"): NOT_A_MODERATOR,
}


@pytest.mark.parametrize("action", ON_PEOPLE)
@pytest.mark.parametrize(("actor", "person"), RULE)
def test_one_rule_for_every_action(people, actor, person, action):
    why = RULE[actor, person]

    if why is None:
        services.moderation_authorize(actor=people[actor], person=people[person], action=action)
    else:
        with pytest.raises(ModerationRefused) as refusal:
            services.moderation_authorize(actor=people[actor], person=people[person], action=action)
        assert (refusal.value.who, refusal.value.why) == (f"@{people[person]}", why)


@pytest.mark.parametrize("action", ON_PEOPLE)
def test_an_admin_may_do_anything_to_themself_but_suspend(chief, action):
    if action == ModerationAction.SUSPEND:
        with pytest.raises(ModerationRefused, match="admins cannot suspend themselves"):
            services.moderation_authorize(actor=chief, person=chief, action=action)
    else:
        services.moderation_authorize(actor=chief, person=chief, action=action)


def test_a_refused_action_is_a_permission_error_and_changes_nothing(mod, chief):
    post = posts_services.post_create(author=chief, body="Staff words")

    with pytest.raises(PermissionDenied, match=f"Skipped @chief: {STAFF}."):
        services.user_suspend(user=chief, moderator=mod, reason="no")
    with pytest.raises(PermissionDenied):
        services.content_remove(content=post, moderator=mod, reason="no")

    assert (refreshed(chief).is_active, refreshed(post).removed_at) == (True, None)
    assert not moderation_log().exists()


# The enum


def test_the_audit_log_records_the_enum():
    assert AuditLogEntry._meta.get_field("action").choices == ModerationAction.choices


@pytest.mark.parametrize("action", ["explode", "", "Suspend", "restore", "unsuspend", "set_role"])
def test_an_unknown_or_unfitting_queue_action_is_an_error_not_a_skip(mod, alice, bob, report_of, action):
    report = report_of(alice, bob)

    with pytest.raises(ValueError, match=repr(action) if action else "''"):
        services.reports_act(reports=Report.objects.all(), action=action, moderator=mod, reason="")

    assert refreshed(report).status == Report.Status.OPEN
    assert refreshed(bob).is_active
    assert not moderation_log().exists()


def test_an_unknown_action_is_an_error_even_with_nothing_selected(mod):
    with pytest.raises(ValueError):
        services.reports_act(reports=Report.objects.none(), action="explode", moderator=mod, reason="")
    with pytest.raises(ValueError):
        services.targets_act(targets=[], action="explode", moderator=mod, reason="")


@pytest.mark.parametrize(
    ("action", "target"), [("remove", "bob"), ("dismiss", "bob"), ("suspend", "post"), ("x", "bob")]
)
def test_an_action_that_does_not_fit_the_target_is_an_error(mod, bob, action, target):
    targets = {"bob": bob, "post": posts_services.post_create(author=bob, body="Words")}

    with pytest.raises(ValueError):
        services.targets_act(targets=[targets[target]], action=action, moderator=mod, reason="")

    assert refreshed(bob).is_active
    assert not moderation_log().exists()


def test_the_enum_or_its_value_is_accepted(mod, bob):
    by_value = services.targets_act(targets=[bob], action="suspend", moderator=mod, reason="")
    by_member = services.targets_act(targets=[bob], action=ModerationAction.UNSUSPEND, moderator=mod, reason="")

    assert (by_value.done, by_member.done) == (1, 1)
    assert list(moderation_log().order_by("id").values_list("action", flat=True)) == ["suspend", "unsuspend"]
