"""Error pages in the site's layout (under /api/, ApiMiddleware turns them into the JSON envelope),
and /favicon.ico."""

from django.core.exceptions import BadRequest
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET


def bad_request(request, exception):
    # Only a BadRequest raised on purpose has words for the client; others (a disallowed host) may leak settings.
    message = str(exception) if isinstance(exception, BadRequest) else ""
    return render(request, "400.html", {"message": message or None}, status=400)


def permission_denied(request, exception):
    return render(request, "403.html", {"message": str(exception) or None}, status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered with no database access: the failure may be the database itself."""
    return render(request, "500.html", {"user": None, "messages": ()}, status=500)


def csrf_failure(request, reason=""):
    """A form posted with a missing or stale CSRF token: say what to do, in the layout."""
    message = "Your session changed or expired before the form was sent. Reload the page and try again."
    return render(request, "403.html", {"message": message}, status=403)


@require_GET
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever a page's <link rel="icon"> says. Not a
    permanent redirect: the static file's hashed name changes with the icon."""
    return redirect(static("img/favicon.ico"))
