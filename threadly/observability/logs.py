"""Log records as one JSON object a line, each with the id of the request (or task) it belongs to."""

import logging

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from threadly.observability.request_id import current_request_id


class RequestIdFilter(logging.Filter):
    """Put the current request id on every record (attached to handlers, so third-party loggers get it too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = current_request_id()
        if request_id is not None and not hasattr(record, "request_id"):
            record.request_id = request_id
        return True


class JsonFormatter(_JsonFormatter):
    """`{"timestamp", "level", "logger", "message", ...extra fields}` on one line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["levelname", "name", "message"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict) -> None:
        super().add_fields(log_data, record, message_dict)
        # Celery's "Task ... succeeded" records carry the task's arguments as `data`: a fan-out
        # chunk's thousand recipient ids a line. The message already names the task and its id.
        if record.name == "celery.app.trace":
            log_data.pop("data", None)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def text_formatter() -> logging.Formatter:
    """For people reading a terminal (LOG_FORMAT=text); `-` where no request is being served."""
    return logging.Formatter(TEXT_FORMAT, defaults={"request_id": "-"})


def logging_settings(*, log_format: str, level: str) -> dict:
    """Django's LOGGING: one handler on stdout, each line with the request id it belongs to."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "threadly.observability.logs.RequestIdFilter"},
            "redis_skipped": {"()": "threadly.redis_guard.SkippedCallFilter"},
        },
        "formatters": {
            "json": {"()": "threadly.observability.logs.JsonFormatter"},
            "text": {"()": "threadly.observability.logs.text_formatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
                "filters": ["request_id", "redis_skipped"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
    }
