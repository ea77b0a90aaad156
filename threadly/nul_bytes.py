"""A NUL byte in the admin's query string is a 400 before the admin sees it.

No stored text can hold one (PostgreSQL refuses it in a comparison with a DataError), and the
admin turns its query string into lookups we do not write ourselves (list filters, search).
Our own pages and API read their query strings through forms and serializers, which answer a
NUL with a field error; paths are kept safe by their converters (threadly.converters).
"""

from django.core.exceptions import BadRequest
from django.urls import reverse


class AdminNulByteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")) and any(
            "\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values
        ):
            raise BadRequest("The address holds a NUL character, which nothing here can match.")
        return self.get_response(request)
