"""The id of the request being served, for every log record it causes, here and in the workers.

It lives in a context variable: the middleware sets it for a request, Celery's signals carry it
in a task's message headers and set it again in the worker while that task runs.
"""

import re
import uuid
from contextvars import ContextVar, Token

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
# Printable ASCII only: the id goes into a response header and into log lines as it came.
_VALID = re.compile(r"[\x21-\x7e][\x20-\x7e]{0,99}")

_current: ContextVar[str | None] = ContextVar("threadly_request_id", default=None)


def current_request_id() -> str | None:
    return _current.get()


def set_request_id(request_id: str | None) -> Token:
    return _current.set(request_id)


def reset_request_id(token: Token) -> None:
    _current.reset(token)


def request_id_from(header_value: str | None) -> str:
    """The client's (or proxy's) id when it is printable and at most 100 characters, else a new one."""
    if header_value and _VALID.fullmatch(header_value):
        return header_value
    return uuid.uuid4().hex
