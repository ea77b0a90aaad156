"""The Celery app. Workers take their broker from REDIS_URL; without it, tasks run eagerly."""

import os

from celery import Celery

# Receivers of Celery's signals: the request id in task headers and logs, task counts for /metrics.
import threadly.observability.task_signals  # noqa: F401

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "threadly.settings")

app = Celery("threadly")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
