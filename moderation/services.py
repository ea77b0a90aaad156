"""Moderators' actions. Each one is written to the audit log in the same transaction.

Who may act on whom is decided once, in `moderation_authorize`. What an action does to posts and
accounts is done by their own services: posts keep their counters, accounts their sessions and tokens.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import services as accounts
from accounts.models import User
from accounts.roles import moderation_refusal
from moderation.models import AuditLogEntry, ModerationAction, Report
from notifications import services as notifications
from notifications.models import Event
from posts import services as posts
from posts.models import Post
from threadly.text import multiline_text

Target = Post | User


def describe(target: Target) -> str:
    if isinstance(target, Post):
        kind = "reply" if target.in_reply_to_id else "post"
        return f"{kind} #{target.pk} by @{target.author}"
    return f"@{target}"


def _audit(*, actor: User | None, action: ModerationAction, target: Target, reason: str) -> AuditLogEntry:
    return AuditLogEntry.objects.create(
        actor=actor,
        actor_name=actor.username if actor else "manage.py",
        action=action,
        target=describe(target)[:200],
        reason=reason,
    )


def _target_field(target: Target) -> str:
    return "post" if isinstance(target, Post) else "person"


def _close_reports_about(target: Target, *, moderator: User | None) -> None:
    Report.objects.filter(status=Report.Status.OPEN, **{_target_field(target): target}).update(
        status=Report.Status.ACTIONED, handled_by=moderator, handled_at=timezone.now()
    )


@transaction.atomic
def report_create(*, reporter: User, target: Target, reason: str, text: str = "") -> Report:
    """File a report; a second one by the same person about the same thing returns the first."""
    text = multiline_text(text or "").strip()
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": "Choose spam, abuse or other."}, code="invalid_reason")
    if reason == Report.Reason.OTHER and not text:
        raise ValidationError({"text": "Say what is wrong."}, code="text_required")
    if (target if isinstance(target, User) else target.author) == reporter:
        raise ValidationError("You cannot report yourself.", code="self_report")
    field = _target_field(target)
    existing = Report.objects.filter(reporter=reporter, status=Report.Status.OPEN, **{field: target}).first()
    if existing is not None:
        return existing
    return Report.objects.create(reporter=reporter, reason=reason, text=text[:1000], **{field: target})


class ModerationRefused(PermissionDenied):
    """An action the rule does not allow; `who` was skipped and `why` says so to the moderator."""

    def __init__(self, *, who: str, why: str):
        self.who = who
        self.why = why
        super().__init__(f"Skipped {who}: {why}.")


def moderation_authorize(*, actor: User | None, person: User, action: ModerationAction) -> None:
    """The one rule for every action on a person, their posts and replies, or a report about them.

    Moderators act on members, not on themselves nor on staff, so no moderator can lift or bury
    another's suspension or reports. Admins act on anyone, except that they do not suspend
    themselves from the admin (it would end the session they act from, perhaps the last admin's);
    `manage.py` (no actor) acts on anyone.
    """
    if actor is None:
        return
    if actor.is_superuser and person.pk == actor.pk and action == ModerationAction.SUSPEND:
        raise ModerationRefused(
            who=f"@{person}", why="admins cannot suspend themselves here (manage.py suspend_user can)"
        )
    if why := moderation_refusal(actor=actor, person=person):
        raise ModerationRefused(who=f"@{person}", why=why)


@transaction.atomic
def report_dismiss(*, report: Report, moderator: User | None, reason: str = "") -> bool:
    """Close a report with no action on what it is about."""
    moderation_authorize(actor=moderator, person=report.author, action=ModerationAction.DISMISS)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DISMISSED, handled_by=moderator, handled_at=timezone.now()
    )
    _audit(actor=moderator, action=ModerationAction.DISMISS, target=report.target, reason=reason)
    return True


@transaction.atomic
def content_remove(*, content: Post, moderator: User | None, reason: str = "") -> bool:
    """Hide a post or reply everywhere; it stays stored, for the audit trail and a restore.

    True when this call hid it; open reports about it are closed either way.
    """
    moderation_authorize(actor=moderator, person=content.author, action=ModerationAction.REMOVE)
    removed = posts.post_remove(post=content)
    _close_reports_about(content, moderator=moderator)
    if removed:
        _audit(actor=moderator, action=ModerationAction.REMOVE, target=content, reason=reason)
    return removed


@transaction.atomic
def content_restore(*, content: Post, moderator: User | None, reason: str = "") -> bool:
    """Show a removed post or reply again. True when this call showed it."""
    moderation_authorize(actor=moderator, person=content.author, action=ModerationAction.RESTORE)
    restored = posts.post_restore(post=content)
    if restored:
        _audit(actor=moderator, action=ModerationAction.RESTORE, target=content, reason=reason)
    return restored


@transaction.atomic
def user_suspend(*, user: User, moderator: User | None, reason: str = "") -> bool:
    """Suspend an account (see `accounts.services.user_suspend`). True when this call suspended it;
    open reports about the person are closed either way."""
    moderation_authorize(actor=moderator, person=user, action=ModerationAction.SUSPEND)
    suspended = accounts.user_suspend(user=user)
    _close_reports_about(user, moderator=moderator)
    if suspended:
        _audit(actor=moderator, action=ModerationAction.SUSPEND, target=user, reason=reason)
    return suspended


@transaction.atomic
def user_unsuspend(*, user: User, moderator: User | None, reason: str = "") -> bool:
    """Lift a suspension. True when this call lifted it."""
    moderation_authorize(actor=moderator, person=user, action=ModerationAction.UNSUSPEND)
    lifted = accounts.user_unsuspend(user=user)
    if lifted:
        _audit(actor=moderator, action=ModerationAction.UNSUSPEND, target=user, reason=reason)
    return lifted


@transaction.atomic
def user_warn(*, user: User, moderator: User | None, reason: str, post: Post | None = None) -> bool:
    """Send someone a moderator's warning, as a notification."""
    if not reason.strip():
        raise ValidationError("Say what the warning is about.", code="reason_required")
    moderation_authorize(actor=moderator, person=user, action=ModerationAction.WARN)
    notifications.event_record(kind=Event.Kind.WARNING, actor=moderator, subject=user, post=post, note=reason)
    _audit(actor=moderator, action=ModerationAction.WARN, target=user, reason=reason)
    return True


MODERATORS_GROUP = "Moderators"
# What moderators may do in the admin: work the report queue, read the audit log, and see and
# act on posts, replies and accounts (the actions are the only way their changes are made).
MODERATOR_PERMISSIONS = [
    ("moderation", "view_report"),
    ("moderation", "change_report"),
    ("moderation", "view_auditlogentry"),
    ("posts", "view_post"),
    ("posts", "change_post"),
    ("accounts", "view_user"),
    ("accounts", "change_user"),
    # Uploaded pictures: look at one that was reported, delete one that breaks the rules.
    ("images", "view_image"),
    ("images", "delete_image"),
]


def moderators_group() -> Group:
    """The Moderators group with its permissions (made on first use, as permissions exist only after migrate)."""
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    wanted = Q()
    for app_label, codename in MODERATOR_PERMISSIONS:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


@transaction.atomic
def role_set(*, user: User, role: str, actor: User | None) -> None:
    """Change someone's role: moderators get the admin's moderation pages, admins all of it."""
    accounts.user_set_role(user=user, role=role)
    group = moderators_group()
    if role == User.Role.MODERATOR:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    _audit(actor=actor, action=ModerationAction.SET_ROLE, target=user, reason=f"role: {role}")


def _mark_actioned(report: Report, moderator: User | None) -> None:
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.ACTIONED, handled_by=moderator, handled_at=timezone.now()
    )


@dataclass
class ModerationOutcome:
    """What a bulk action did: how many things it changed, and who it skipped and why."""

    done: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def add(self, act: Callable[..., bool], **arguments) -> None:
        """Run one action, counting it when it changed something and noting it when the rule refused it."""
        try:
            self.done += bool(act(**arguments))
        except ModerationRefused as refusal:
            self.skipped.append((refusal.who, refusal.why))


ACTIONS_ON_PEOPLE = {
    ModerationAction.SUSPEND: user_suspend,
    ModerationAction.UNSUSPEND: user_unsuspend,
    ModerationAction.WARN: user_warn,
}
ACTIONS_ON_CONTENT = {ModerationAction.REMOVE: content_remove, ModerationAction.RESTORE: content_restore}
ACTIONS_ON_REPORTS = (
    ModerationAction.DISMISS,
    ModerationAction.REMOVE,
    ModerationAction.SUSPEND,
    ModerationAction.WARN,
)
DEFAULT_WARNING = "Please follow the community's rules."


def _moderation_action(
    action: ModerationAction | str, *, allowed: Iterable[ModerationAction], on: str
) -> ModerationAction:
    """The action as the enum; an unknown one, or one that does not apply, is an error, never a skip."""
    action = ModerationAction(action)
    if action not in allowed:
        raise ValueError(f"{action.value!r} is not an action on {on}.")
    return action


def targets_act(
    *, targets: Iterable[Target], action: ModerationAction | str, moderator: User | None, reason: str
) -> ModerationOutcome:
    """Apply one action to each selected post, reply or account (the admin's list actions)."""
    action = ModerationAction(action)
    outcome = ModerationOutcome()
    for target in targets:
        if isinstance(target, User):
            service = ACTIONS_ON_PEOPLE[_moderation_action(action, allowed=ACTIONS_ON_PEOPLE, on="accounts")]
            outcome.add(service, user=target, moderator=moderator, reason=reason)
        else:
            service = ACTIONS_ON_CONTENT[_moderation_action(action, allowed=ACTIONS_ON_CONTENT, on="posts")]
            outcome.add(service, content=target, moderator=moderator, reason=reason)
    return outcome


@transaction.atomic
def _report_act(*, report: Report, action: ModerationAction, moderator: User | None, reason: str) -> bool:
    if action == ModerationAction.DISMISS:
        return report_dismiss(report=report, moderator=moderator, reason=reason)
    if action == ModerationAction.REMOVE:
        if report.person_id:
            raise ModerationRefused(who=f"report #{report.pk}", why="it is about a person, not a post or reply")
        return content_remove(content=report.post, moderator=moderator, reason=reason)
    if action == ModerationAction.SUSPEND:
        done = user_suspend(user=report.author, moderator=moderator, reason=reason)
    else:
        done = user_warn(user=report.author, moderator=moderator, reason=reason or DEFAULT_WARNING, post=report.post)
    _mark_actioned(report, moderator)
    return done


def reports_act(
    *, reports: QuerySet, action: ModerationAction | str, moderator: User | None, reason: str
) -> ModerationOutcome:
    """Apply one action to each selected report's target (the admin's queue actions)."""
    action = _moderation_action(action, allowed=ACTIONS_ON_REPORTS, on="reports")
    outcome = ModerationOutcome()
    for report in reports.select_related("post__author", "person"):
        outcome.add(_report_act, report=report, action=action, moderator=moderator, reason=reason)
    return outcome
