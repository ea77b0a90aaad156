"""OpenAPI additions drf-spectacular cannot infer: the error envelope and the rate headers."""

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error under /api/ has this shape.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Stable and machine-readable, e.g. validation_error."},
                "message": {"type": "string", "description": "For people."},
                "fields": {
                    "type": "object",
                    "description": "Per-field messages of a validation error; empty otherwise.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["code", "message", "fields"],
        }
    },
    "required": ["error"],
}

ERRORS_OF_EVERY_OPERATION = {
    "400": "Malformed input: a bad parameter, cursor or page size.",
    "401": "Missing, expired or revoked credentials.",
    "403": "Authenticated, but not allowed to do this.",
    "404": "Missing, or not visible to you.",
    "406": "The Accept header asks for something other than JSON.",
    "429": "Throttled: wait `Retry-After` seconds.",
}
ERRORS_OF_WRITES = {
    "409": "Conflicts with what is stored (for example, a username that is taken).",
    "413": "The body is over the size limit.",
    "415": "The body is not JSON (or multipart, where an upload is accepted).",
    "422": "The Idempotency-Key was already used for a different request.",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}

RATE_HEADERS = {
    "X-RateLimit-Limit": "Requests allowed in the current window.",
    "X-RateLimit-Remaining": "Requests left in the current window.",
    "X-RateLimit-Reset": "When the window ends, in Unix seconds.",
}


# drf-spectacular gives DELETE no request body; account deletion takes the password in one.
PASSWORD_CONFIRMATION = "x-password-confirmation"
PASSWORD_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"password": {"type": "string", "writeOnly": True, "minLength": 1, "maxLength": 128}},
                "required": ["password"],
            }
        }
    },
}


def _error_response(description: str, *, retry_after: bool = False) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if retry_after:
        response["headers"] = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}
    return response


def add_shared_behaviour(result, generator, request, public):
    """A postprocessing hook: document what every operation shares."""
    result["components"].setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path_item in result["paths"].values():
        for method, operation in path_item.items():
            errors = dict(ERRORS_OF_EVERY_OPERATION)
            if method in WRITE_METHODS:
                errors.update(ERRORS_OF_WRITES)
            if operation.pop(PASSWORD_CONFIRMATION, False):
                operation["requestBody"] = PASSWORD_BODY
            for status, description in errors.items():
                operation["responses"].setdefault(status, _error_response(description, retry_after=status == "429"))
            for status, response in operation["responses"].items():
                if status.startswith("2"):
                    response.setdefault("headers", {}).update(
                        {
                            name: {"schema": {"type": "integer"}, "description": text}
                            for name, text in RATE_HEADERS.items()
                        }
                    )
    return result
