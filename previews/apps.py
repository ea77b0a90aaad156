from django.apps import AppConfig


class PreviewsConfig(AppConfig):
    """Link previews: the card (title, description, picture) a post's first link gets, fetched by a task
    on the `media` queue through a guard against server-side request forgery (previews.fetch)."""

    name = "previews"
