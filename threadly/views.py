"""Error pages in the site's layout, and the JSON error envelope for the same errors under /api/."""

from django.core.exceptions import BadRequest
from django.shortcuts import render

from threadly.api.errors import error_response, is_api_request


def bad_request(request, exception):
    # Only a BadRequest raised on purpose has words for the client; others (a disallowed host) may leak settings.
    message = str(exception) if isinstance(exception, BadRequest) else ""
    if is_api_request(request):
        return error_response(status_code=400, code="bad_request", message=message or "Bad request.")
    return render(request, "400.html", {"message": message or None}, status=400)


def permission_denied(request, exception):
    if is_api_request(request):
        return error_response(status_code=403, code="permission_denied", message=str(exception) or "Forbidden.")
    return render(request, "403.html", {"message": str(exception) or None}, status=403)


def page_not_found(request, exception):
    if is_api_request(request):
        return error_response(status_code=404, code="not_found", message="There is nothing at this address.")
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered with no database access: the failure may be the database itself."""
    if is_api_request(request):
        return error_response(status_code=500, code="server_error", message="Something went wrong on our side.")
    return render(request, "500.html", {"user": None, "messages": ()}, status=500)


def csrf_failure(request, reason=""):
    """A form posted with a missing or stale CSRF token: say what to do, in the layout."""
    if is_api_request(request):
        message = "CSRF check failed: send the X-CSRFToken header with the session cookie, or use a Bearer token."
        return error_response(status_code=403, code="csrf_failed", message=message)
    message = "Your session changed or expired before the form was sent. Reload the page and try again."
    return render(request, "403.html", {"message": message}, status=403)
