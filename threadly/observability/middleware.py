"""The outermost middleware: a request id for everything the request causes, its metrics, one log line."""

import logging
import time

from django.core.signals import request_finished
from django.dispatch import receiver
from django.utils.functional import SimpleLazyObject, empty

from threadly.observability import metrics
from threadly.observability.request_id import HEADER, META_KEY, request_id_from, set_request_id

access_logger = logging.getLogger("threadly.requests")


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else metrics.UNRESOLVED


def _user_id(request) -> int | None:
    """The user's id when the request already knew who they were: logging never loads a session."""
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


class RequestObservabilityMiddleware:
    """First in MIDDLEWARE, so that it sees every answer, the other middleware's too.

    Takes the X-Request-ID the client or proxy sent (printable, at most 100 characters) or makes
    one, keeps it in a context variable while the request is served (every log record and every
    Celery task published gets it) and returns it as X-Request-ID. Then counts the request by
    view and status and logs one line: method, path, route, status, duration, user and request id.

    The id is forgotten when the response is closed, not when this returns: Django logs a 4xx or
    5xx ("Not Found: ...") after the middleware, and that record belongs to the request too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.META.get(META_KEY))
        request.request_id = request_id
        set_request_id(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        response[HEADER] = request_id
        view = _view_name(request)
        metrics.request_observe(view=view, method=request.method, status=response.status_code, seconds=seconds)
        duration_ms = round(seconds * 1000, 1)
        access_logger.info(
            "%s %s %s %sms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "route": None if view == metrics.UNRESOLVED else view,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
                "request_id": request_id,
            },
        )
        return response


@receiver(request_finished, dispatch_uid="threadly.observability.forget_request_id")
def _forget_request_id(**kwargs) -> None:
    """The response has been sent and closed: what this thread logs next is not that request's."""
    set_request_id(None)
