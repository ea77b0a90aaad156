"""Behaviour every API response shares that DRF's views cannot give on their own."""

from django.conf import settings

from threadly.api.errors import error_response, is_api_request

# Errors that reach the middleware as something other than JSON: Django's own pages for an
# unknown address or an exception (its debug pages too, under DEBUG), a CSRF failure.
ERROR_CODES = {
    400: ("bad_request", "Bad request."),
    403: ("permission_denied", "You may not do this."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This method is not allowed here."),
    500: ("server_error", "Something went wrong on our side."),
}

# Room for the other fields of a multipart form beside the file (an avatar, an image).
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def body_limit(request) -> int:
    if request.content_type == "multipart/form-data":
        return settings.IMAGE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES
    return settings.API_MAX_BODY_BYTES


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ApiMiddleware:
    """Refuse oversized API bodies before anything reads them (413), answer every error in the
    envelope, and tell clients their rate.

    The throttles leave the most constraining `RateState` on the request as
    `api_rate_state`; it becomes the `X-RateLimit-*` headers of the response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_request(request):
            return self.get_response(request)
        limit = body_limit(request)
        if declared_length(request) > limit:
            return error_response(
                request,
                status_code=413,
                code="payload_too_large",
                message=f"The request body is larger than {limit} bytes.",
            )
        response = self.get_response(request)
        if response.status_code >= 400 and response.get("Content-Type", "").split(";")[0] != "application/json":
            code, message = ERROR_CODES.get(response.status_code, ("error", response.reason_phrase))
            response = error_response(request, status_code=response.status_code, code=code, message=message)
        state = getattr(request, "api_rate_state", None)
        if state is not None:
            response["X-RateLimit-Limit"] = str(state.limit)
            response["X-RateLimit-Remaining"] = str(state.remaining)
            response["X-RateLimit-Reset"] = str(state.resets_at)
        return response
