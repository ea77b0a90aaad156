import re

# A Mastodon API address with a trailing slash, which Mastodon answers as the same endpoint.
SLASHED = re.compile(r"^/api/v[12]/.+/$")


class TrailingSlashMiddleware:
    """Mastodon answers `/api/v1/instance/` as `/api/v1/instance`, and its clients rely on it
    (Mastodon.py asks for the instance, reports and conversations with a slash): the routes are
    written once, without one, and the slash is dropped before they are matched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if SLASHED.match(request.path_info):
            request.path_info = request.path_info.rstrip("/")
        return self.get_response(request)
