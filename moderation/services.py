"""Moderators' actions. Each one is written to the audit log in the same transaction."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from accounts.models import User
from accounts.services import user_set_role
from moderation.models import AuditLogEntry, Report
from notifications import services as notifications
from notifications.models import Event
from posts.models import Comment, Post
from threadly.text import multiline_text

Target = Post | Comment | User


def describe(target: Target) -> str:
    if isinstance(target, Post):
        return f"post #{target.pk} by @{target.author}"
    if isinstance(target, Comment):
        return f"reply #{target.pk} by @{target.author}"
    return f"@{target}"


def _audit(*, actor: User | None, action: str, target: Target, reason: str) -> AuditLogEntry:
    return AuditLogEntry.objects.create(
        actor=actor,
        actor_name=actor.username if actor else "manage.py",
        action=action,
        target=describe(target)[:200],
        reason=reason,
    )


def _target_field(target: Target) -> str:
    return {Post: "post", Comment: "comment"}.get(type(target), "person")


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


@transaction.atomic
def report_dismiss(*, report: Report, moderator: User, reason: str = "") -> None:
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DISMISSED, handled_by=moderator, handled_at=timezone.now()
    )
    _audit(actor=moderator, action=AuditLogEntry.Action.DISMISS, target=report.target, reason=reason)


@transaction.atomic
def content_remove(*, content: Post | Comment, moderator: User | None, reason: str = "") -> None:
    """Hide a post or reply everywhere; it stays stored, for the audit trail and a restore."""
    hidden = type(content).objects.filter(pk=content.pk, removed_at=None).update(removed_at=timezone.now())
    if hidden and isinstance(content, Comment):
        Post.objects.filter(pk=content.post_id).update(comment_count=F("comment_count") - 1)
    _close_reports_about(content, moderator=moderator)
    _audit(actor=moderator, action=AuditLogEntry.Action.REMOVE, target=content, reason=reason)


@transaction.atomic
def content_restore(*, content: Post | Comment, moderator: User | None, reason: str = "") -> None:
    shown = type(content).objects.filter(pk=content.pk).exclude(removed_at=None).update(removed_at=None)
    if shown and isinstance(content, Comment):
        Post.objects.filter(pk=content.post_id).update(comment_count=F("comment_count") + 1)
    _audit(actor=moderator, action=AuditLogEntry.Action.RESTORE, target=content, reason=reason)


@transaction.atomic
def user_suspend(*, user: User, moderator: User | None, reason: str = "") -> None:
    """Suspend an account: it can no longer log in or use a token, and its posts and replies are hidden.

    Its sessions and refresh tokens end for good, so lifting the suspension later means logging in again.
    """
    User.objects.filter(pk=user.pk).update(
        is_active=False, suspended_at=timezone.now(), session_epoch=F("session_epoch") + 1
    )
    for token in OutstandingToken.objects.filter(user=user, blacklistedtoken=None):
        BlacklistedToken.objects.get_or_create(token=token)
    _close_reports_about(user, moderator=moderator)
    _audit(actor=moderator, action=AuditLogEntry.Action.SUSPEND, target=user, reason=reason)


@transaction.atomic
def user_unsuspend(*, user: User, moderator: User | None, reason: str = "") -> None:
    User.objects.filter(pk=user.pk).update(is_active=True, suspended_at=None)
    _audit(actor=moderator, action=AuditLogEntry.Action.UNSUSPEND, target=user, reason=reason)


@transaction.atomic
def user_warn(*, user: User, moderator: User, reason: str, post: Post | None = None) -> None:
    """Send someone a moderator's warning, as a notification."""
    if not reason.strip():
        raise ValidationError("Say what the warning is about.", code="reason_required")
    notifications.event_record(kind=Event.Kind.WARNING, actor=moderator, subject=user, post=post, note=reason)
    _audit(actor=moderator, action=AuditLogEntry.Action.WARN, target=user, reason=reason)


MODERATORS_GROUP = "Moderators"
# What moderators may do in the admin: work the report queue, read the audit log, and see and
# act on posts, replies and accounts (the actions are the only way their changes are made).
MODERATOR_PERMISSIONS = [
    ("moderation", "view_report"),
    ("moderation", "change_report"),
    ("moderation", "view_auditlogentry"),
    ("posts", "view_post"),
    ("posts", "change_post"),
    ("posts", "view_comment"),
    ("posts", "change_comment"),
    ("accounts", "view_user"),
    ("accounts", "change_user"),
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
    user_set_role(user=user, role=role)
    group = moderators_group()
    if role == User.Role.MODERATOR:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    _audit(actor=actor, action=AuditLogEntry.Action.SET_ROLE, target=user, reason=f"role: {role}")


def may_moderate(*, moderator: User | None, user: User) -> bool:
    """Moderators act on members, not on themselves nor on staff; admins and commands on anyone."""
    if moderator is None or moderator.is_superuser:
        return True
    return user.pk != moderator.pk and not user.is_staff


def _mark_actioned(report: Report, moderator: User) -> None:
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.ACTIONED, handled_by=moderator, handled_at=timezone.now()
    )


def reports_act(*, reports: QuerySet, action: str, moderator: User, reason: str) -> int:
    """Apply one action to each selected report's target (the admin's bulk actions). Returns how many."""
    done = 0
    for report in reports.select_related("post__author", "comment__author", "person"):
        if action == "dismiss":
            report_dismiss(report=report, moderator=moderator, reason=reason)
        elif action == "remove" and not report.person_id:
            content_remove(content=report.post or report.comment, moderator=moderator, reason=reason)
        elif action == "suspend" and may_moderate(moderator=moderator, user=report.author):
            user_suspend(user=report.author, moderator=moderator, reason=reason)
            _mark_actioned(report, moderator)
        elif action == "warn" and report.author != moderator:
            warning = reason or "Please follow the community's rules."
            user_warn(user=report.author, moderator=moderator, reason=warning, post=report.post)
            _mark_actioned(report, moderator)
        else:
            continue
        done += 1
    return done
