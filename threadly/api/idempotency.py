"""`Idempotency-Key` on creates: a retry gets the first answer instead of a second create."""

import functools
import hashlib
import json

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from threadly.api.errors import UnprocessableRequest
from threadly.json_input import json_loads
from threadly.models import IdempotencyKey
from threadly.ratelimit import client_ip

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
KEY_PARAMETER = OpenApiParameter(
    HEADER,
    location=OpenApiParameter.HEADER,
    required=False,
    pattern=r"^[\x20-\x7e]{1,255}$",
    description=(
        "Any unique string. Sending the same key again within 24 hours returns the first "
        "response without doing the work again; the same key with a different body is a 422."
    ),
)


def _client(request) -> str:
    return f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{client_ip(request)}"


def _key_from(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not key or len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise ValidationError({HEADER: [f"Up to {MAX_KEY_LENGTH} printable ASCII characters."]})
    return key


def _multipart_parts(request) -> bytes:
    """A multipart body by its parsed parts, a file by the hash of its bytes: read whole, an image
    upload would pass Django's in-memory limit (DATA_UPLOAD_MAX_MEMORY_SIZE) and be refused."""
    parts = []
    for name in sorted(request.data.keys()):
        for value in request.data.getlist(name):
            if hasattr(value, "chunks"):
                digest = hashlib.sha256()
                for chunk in value.chunks():
                    digest.update(chunk)
                value.seek(0)
                value = f"file:{value.name}:{digest.hexdigest()}"
            parts.append(f"{name}={value}")
    return "\0".join(parts).encode()


def _canonical_body(request) -> bytes:
    """The body, with JSON put in one spelling so that a retry re-serialised by a client still matches."""
    if request.content_type.startswith("multipart/form-data"):
        return _multipart_parts(request)
    try:
        return json.dumps(json_loads(request.body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        return request.body


def _fingerprint(request) -> str:
    """A keyed hash of the request: a stored sign-up fingerprint gives nobody a way to test passwords."""
    message = b"\0".join((request.method.encode(), request.path.encode(), _canonical_body(request)))
    return salted_hmac("threadly.idempotency", message, algorithm="sha256").hexdigest()


def _stored(*, client: str, key: str) -> IdempotencyKey | None:
    """The live record for this key, forgetting one older than IDEMPOTENCY_KEY_TTL."""
    expired_before = timezone.now() - settings.IDEMPOTENCY_KEY_TTL
    IdempotencyKey.objects.filter(client=client, key=key, created_at__lt=expired_before).delete()
    return IdempotencyKey.objects.filter(client=client, key=key).first()


def idempotency_keys_prune() -> int:
    """Delete the answers kept longer than IDEMPOTENCY_KEY_TTL; returns how many."""
    expired_before = timezone.now() - settings.IDEMPOTENCY_KEY_TTL
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=expired_before).delete()
    return deleted


def _replay(record: IdempotencyKey, fingerprint: str) -> Response:
    if record.request_fingerprint != fingerprint:
        raise UnprocessableRequest(
            f"This {HEADER} was used for a different request; send a new key.", code="idempotency_key_reused"
        )
    headers = {"Idempotent-Replayed": "true"}
    if record.response_location:
        headers["Location"] = record.response_location
    return Response(record.response_body, status=record.response_status, headers=headers)


def idempotent(handler):
    """Decorate an API view's `post`: with an `Idempotency-Key`, a repeat returns the first answer.

    Only a successful (2xx) answer is kept; after an error the client may retry with the same key.
    """

    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        key = _key_from(request)
        if key is None:
            return handler(view, request, *args, **kwargs)
        client, fingerprint = _client(request), _fingerprint(request)
        if (record := _stored(client=client, key=key)) is not None:
            return _replay(record, fingerprint)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyKey.objects.create(
                        client=client, key=key, request_fingerprint=fingerprint, response_status=0
                    )
            except IntegrityError:
                # A concurrent request with this key committed first: answer as it did.
                return _replay(IdempotencyKey.objects.get(client=client, key=key), fingerprint)
            response = handler(view, request, *args, **kwargs)
            if not 200 <= response.status_code < 300:
                transaction.set_rollback(True)
                return response
            record.response_status = response.status_code
            record.response_body = response.data
            record.response_location = response.get("Location", "")
            record.save(update_fields=["response_status", "response_body", "response_location"])
        return response

    return extend_schema(parameters=[KEY_PARAMETER])(wrapper)
