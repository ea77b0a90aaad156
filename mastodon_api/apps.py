from django.apps import AppConfig


class MastodonApiConfig(AppConfig):
    """Mastodon's client API (/api/v1/, /api/v2/) and the OAuth 2 server its apps log in with.

    A door like the pages and Threadly's own API: it parses Mastodon's parameters, calls the same
    services, selectors and visibility policy, and answers in Mastodon's entity shapes.
    """

    name = "mastodon_api"
    verbose_name = "Mastodon client API"
