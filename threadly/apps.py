from django.apps import AppConfig


class ThreadlyConfig(AppConfig):
    """The project package as an app, for its management commands and shared templates."""

    name = "threadly"
