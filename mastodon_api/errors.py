"""Mastodon's error shape, `{"error": "message"}`, for every failure of its API's views.

A bad parameter is a 422 ("Validation failed: …"), as Mastodon answers; the services' own
refusals (Django's ValidationError) are too.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

NOT_FOUND = "Record not found"


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "Validation failed"
    default_code = "unprocessable"


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        return "; ".join(f"{key} {_first_message(value)}".strip() for key, value in detail.items())
    if isinstance(detail, list):
        return _first_message(detail[0]) if detail else ""
    return str(detail)


def _messages(error: DjangoValidationError) -> str:
    return " ".join(error.messages)


def exception_handler(exc, context) -> Response | None:
    if isinstance(exc, Http404):
        return Response({"error": NOT_FOUND}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc) or "This action is not allowed"
        return Response({"error": message}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, DjangoValidationError):
        exc = Unprocessable(f"Validation failed: {_messages(exc)}")
    elif isinstance(exc, exceptions.ValidationError):
        exc = Unprocessable(f"Validation failed: {_first_message(exc.detail)}")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    response.data = {"error": NOT_FOUND if isinstance(exc, exceptions.NotFound) else _first_message(exc.detail)}
    return response
