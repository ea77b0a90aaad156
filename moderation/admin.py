"""The moderators' tool: the report queue, the audit log, and the actions on posts, replies and accounts.

Every action asks for an optional reason (the field beside the action menu) and is written to
the audit log. Moderators see these pages read-only: the actions are how they change things.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html

from moderation import services
from moderation.models import AuditLogEntry, ModerationAction, Report


class ReasonActionForm(ActionForm):
    reason = forms.CharField(
        required=False, label="Reason", max_length=1000, help_text="Written to the audit log (and sent with a warning)."
    )


def _reason(request) -> str:
    return request.POST.get("reason", "").strip()


# What each action's message says was done: "Suspended 2."
DONE = {
    ModerationAction.DISMISS: "Dismissed",
    ModerationAction.REMOVE: "Removed",
    ModerationAction.RESTORE: "Restored",
    ModerationAction.SUSPEND: "Suspended",
    ModerationAction.UNSUSPEND: "Reinstated",
    ModerationAction.WARN: "Warned",
}


def _tell(modeladmin, request, action: ModerationAction, outcome: services.ModerationOutcome) -> None:
    """One message that counts only what was done and names who was skipped and why, as an error so
    that a refusal is never read as done: "Suspended 2; skipped @ann: moderators cannot act on staff."
    """
    done = f"{DONE[action]} {outcome.done}"
    if not outcome.skipped:
        modeladmin.message_user(request, f"{done}.", messages.SUCCESS)
        return
    skipped_for: dict[str, set[str]] = {}
    for who, why in outcome.skipped:
        skipped_for.setdefault(why, set()).add(who)
    skipped = "; ".join(f"skipped {', '.join(sorted(names))}: {why}" for why, names in skipped_for.items())
    modeladmin.message_user(request, f"{done}; {skipped}.", messages.ERROR)


class ModerationActions:
    """Runs an action on the selected rows through the moderation services and says what came of it."""

    action_form = ReasonActionForm

    def _act(self, request, targets, action: ModerationAction) -> None:
        outcome = services.targets_act(targets=targets, action=action, moderator=request.user, reason=_reason(request))
        _tell(self, request, action, outcome)


class ReadOnlyForModerators:
    """Admins edit; moderators read, and act through the actions."""

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        options = self.model._meta
        return [field.name for field in (*options.fields, *options.many_to_many)]


class ContentModerationActions(ModerationActions, ReadOnlyForModerators):
    """Remove (hide) or restore posts and replies from their admin lists."""

    actions = ("remove_selected", "restore_selected")

    @admin.action(description="Remove (hide) the selected", permissions=["change"])
    def remove_selected(self, request, queryset):
        self._act(request, queryset.select_related("author"), ModerationAction.REMOVE)

    @admin.action(description="Restore the selected", permissions=["change"])
    def restore_selected(self, request, queryset):
        self._act(request, queryset.select_related("author"), ModerationAction.RESTORE)


class AccountModerationActions(ModerationActions, ReadOnlyForModerators):
    """Suspend, reinstate or warn people from the users list."""

    actions = ("suspend_selected", "unsuspend_selected", "warn_selected")

    @admin.action(description="Suspend the selected accounts", permissions=["change"])
    def suspend_selected(self, request, queryset):
        self._act(request, queryset, ModerationAction.SUSPEND)

    @admin.action(description="Lift the suspension of the selected accounts", permissions=["change"])
    def unsuspend_selected(self, request, queryset):
        self._act(request, queryset, ModerationAction.UNSUSPEND)

    @admin.action(description="Warn the selected (the reason is the message)", permissions=["change"])
    def warn_selected(self, request, queryset):
        if not _reason(request):
            self.message_user(request, "Write the warning in the Reason field.", messages.ERROR)
            return
        self._act(request, queryset, ModerationAction.WARN)

    def save_related(self, request, form, formsets, change):
        """A role changed here is changed as `set_role` does: staff, group and the audit log follow.

        After the form's own groups are saved, or they would overwrite the Moderators group.
        """
        super().save_related(request, form, formsets, change)
        if "role" in form.changed_data:
            services.role_set(user=form.instance, role=form.instance.role, actor=request.user)

    def user_change_password(self, request, id, form_url=""):
        """Only admins may set someone's password here."""
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """The queue: open reports first, oldest open first, with what was reported shown inline."""

    list_display = ("id", "status", "reason", "target_link", "reported_words", "author", "reporter", "created_at")
    list_filter = ("status", "reason", "created_at")
    list_select_related = ("reporter", "post__author", "person", "handled_by")
    search_fields = ("text", "reporter__username", "person__username", "post__body")
    readonly_fields = (
        "reporter",
        "target_link",
        "reported_words",
        "reason",
        "text",
        "status",
        "created_at",
        "handled_by",
        "handled_at",
    )
    fields = readonly_fields
    action_form = ReasonActionForm
    actions = ("dismiss", "remove_content", "suspend_author", "warn_author")
    show_full_result_count = False

    def get_queryset(self, request):
        open_first = Case(When(status=Report.Status.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
        return super().get_queryset(request).annotate(open_first=open_first).order_by("open_first", "created_at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Reported")
    def target_link(self, report: Report):
        target = report.target
        url = target.get_absolute_url() if target is not None else ""
        return format_html('<a href="{}">{}</a>', url, report.target_label) if url else report.target_label

    @admin.display(description="Their words")
    def reported_words(self, report: Report) -> str:
        if report.post_id:
            removed = " [removed]" if report.post.removed_at else ""
            return report.post.body[:200] + removed
        return report.person.bio[:200]

    @admin.display(description="Author")
    def author(self, report: Report):
        return report.author

    def _act(self, request, queryset, action: ModerationAction) -> None:
        outcome = services.reports_act(reports=queryset, action=action, moderator=request.user, reason=_reason(request))
        _tell(self, request, action, outcome)

    @admin.action(description="Dismiss the selected reports", permissions=["change"])
    def dismiss(self, request, queryset):
        self._act(request, queryset, ModerationAction.DISMISS)

    @admin.action(description="Remove the reported posts or replies", permissions=["change"])
    def remove_content(self, request, queryset):
        self._act(request, queryset, ModerationAction.REMOVE)

    @admin.action(description="Suspend the authors", permissions=["change"])
    def suspend_author(self, request, queryset):
        self._act(request, queryset, ModerationAction.SUSPEND)

    @admin.action(description="Warn the authors (the reason is the message)", permissions=["change"])
    def warn_author(self, request, queryset):
        self._act(request, queryset, ModerationAction.WARN)


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    """Moderators may read the log; nobody may add to it here, change it or delete from it."""

    list_display = ("created_at", "actor_name", "action", "target", "reason")
    list_filter = ("action", "created_at")
    search_fields = ("actor_name", "target", "reason")
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
