from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from notifications import selectors, services
from threadly.pagination import cursor_from, paginate_by_id


@login_required
@require_GET
def notification_list(request):
    page = paginate_by_id(
        selectors.notifications_for(request.user), cursor=cursor_from(request), size=settings.PAGE_SIZE
    )
    context = {"page": page, "groups": selectors.group_notifications(page.items)}
    if request.htmx and not request.htmx.boosted:
        return render(request, "notifications/list.html#page", context)
    return render(request, "notifications/list.html", context)


@login_required
@require_GET
def unread_badge(request):
    """The navigation's unread count, polled by htmx."""
    return render(request, "notifications/_badge.html", {"unread_count": selectors.unread_count(request.user)})


def _ids_from(request) -> list[int] | None:
    """The notification ids posted (`id` repeated), or None for "all"; anything not a number is ignored."""
    raw = request.POST.getlist("id")
    return [int(value) for value in raw if value.isascii() and value.isdigit() and len(value) <= 18] if raw else None


@login_required
@require_POST
def mark_read(request):
    """Mark the posted ids (or all) read; htmx gets the group back, read, and the new badge."""
    ids = _ids_from(request)
    services.notifications_mark_read(user=request.user, ids=ids)
    if request.htmx and ids:
        notifications = list(selectors.notifications_for(request.user).filter(pk__in=ids).order_by("-id"))
        context = {
            # None when they are gone (deleted with their post): the stale item is swapped away.
            "group": selectors.NotificationGroup(items=notifications) if notifications else None,
            "unread_count": selectors.unread_count(request.user),
        }
        return render(request, "notifications/_marked_read.html", context)
    return redirect("notifications:list")
