"""One error shape for everything under /api/: `{"error": {"code", "message", "fields"}}`; under
Mastodon's addresses (/api/v1/, /api/v2/) Mastodon's own, `{"error": "message"}` (mastodon_api)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"
MASTODON_API_PREFIXES = ("/api/v1/", "/api/v2/")


def is_api_request(request) -> bool:
    return request.path.startswith((API_PREFIX, *MASTODON_API_PREFIXES))


def is_mastodon_request(request) -> bool:
    return request.path.startswith(MASTODON_API_PREFIXES)


def error_body(*, code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def error_response(request, *, status_code: int, code: str, message: str, headers: dict | None = None) -> JsonResponse:
    """An API error answered outside DRF's views (unknown URLs, server errors, oversized bodies), in
    the shape of the API asked."""
    body = {"error": message} if is_mastodon_request(request) else error_body(code=code, message=message)
    return JsonResponse(body, status=status_code, headers=headers)


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class Conflict(exceptions.APIException):
    """The request clashes with what is stored: a username that is taken, a key reused."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"

    def __init__(self, detail=None, *, fields: dict | None = None):
        super().__init__(detail)
        self.fields = fields or {}


class UnprocessableRequest(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request cannot be processed."
    default_code = "unprocessable"


def validated_data(serializer) -> dict:
    """Validate a serializer: a value that is already taken is a 409, anything else a 400."""
    if serializer.is_valid():
        return serializer.validated_data
    codes = serializer.errors
    taken = any(getattr(error, "code", None) == "taken" for errors in codes.values() for error in errors)
    if taken:
        raise Conflict("That is already taken.", fields=serializer.errors)
    raise exceptions.ValidationError(serializer.errors)


def _as_api_exception(exc: Exception) -> Exception:
    """Django's own exceptions as the DRF exceptions that carry a status and a code."""
    if isinstance(exc, Http404):
        return exceptions.NotFound(*exc.args)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    return exc


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        return next((_first_message(value) for value in detail.values()), "")
    if isinstance(detail, list):
        return next((_first_message(item) for item in detail), "")
    return str(detail)


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """Nested errors (an item of a list, a field of an object) as flat "ids.3" keys."""
    if isinstance(detail, dict):
        items = detail.items()
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        items = ((str(index), item) for index, item in enumerate(detail) if item)
    else:
        messages = detail if isinstance(detail, list) else [detail]
        return {prefix or "non_field_errors": [str(message) for message in messages]}
    flat = {}
    for key, value in items:
        flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def _describe(exc: exceptions.APIException) -> tuple[str, str, dict]:
    """The code, message and per-field errors of a DRF exception."""
    detail = exc.detail
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(detail)
        return "validation_error", _first_message(fields) or "The request is not valid.", fields
    if isinstance(detail, dict) and "detail" in detail:
        # simplejwt's token errors: {"detail": ..., "code": ..., "messages": [...]}.
        return str(detail.get("code", exc.default_code)), str(detail["detail"]), {}
    code = detail.code if hasattr(detail, "code") and detail.code else exc.default_code
    return str(code), _first_message(detail), getattr(exc, "fields", {})


def exception_handler(exc, context):
    """DRF's handler, with every answer rewritten into the error envelope."""
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code, message, fields = _describe(exc)
    response.data = error_body(code=code, message=message, fields=fields)
    return response
