from django.apps import AppConfig


class ThreadlyConfig(AppConfig):
    """The project package as an app, for its management commands and shared templates."""

    name = "threadly"

    def ready(self):
        # Before any URLconf is read: `<id:post_id>` and `<name:username>` in the site's and the API's URLs.
        from django.urls import register_converter

        from threadly.converters import IdConverter, NameConverter

        register_converter(IdConverter, "id")
        register_converter(NameConverter, "name")

        # Its receiver evicts the sessions a Redis outage left cached, in every process (web and workers).
        import threadly.sessions  # noqa: F401
