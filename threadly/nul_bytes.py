"""A NUL byte in the query string is a 400 before any view sees it.

No stored text can hold one (PostgreSQL refuses it in a comparison with a DataError), and a
query string reaches many lookups we do not write ourselves: the admin's list filters and
search, DRF's filters. Paths are kept safe by their converters (threadly.converters) and
bodies by the forms, serializers and JSON parser.
"""

from django.core.exceptions import BadRequest


class NulByteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            raise BadRequest("The address holds a NUL character, which nothing here can match.")
        return self.get_response(request)
