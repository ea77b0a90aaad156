"""Notifications: the event outbox and its fan-out to recipients (built on the Celery app)."""
