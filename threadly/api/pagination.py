"""Cursor pagination for every API list: stable while new rows arrive, at most 100 a page."""

from django.conf import settings
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

MAX_PAGE_SIZE = 100
INVALID_CURSOR = "This cursor is not valid; use the next or previous link."


class NewestFirstPagination(CursorPagination):
    ordering = "-id"
    page_size = settings.PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({"page_size": [f"A whole number from 1 to {self.max_page_size}."]})
        return int(raw)

    def decode_cursor(self, request):
        """DRF's cursor, refused with a 400 unless it is well formed and its position is an id."""
        try:
            cursor = super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({"cursor": [INVALID_CURSOR]}) from error
        position = cursor.position if cursor else None
        if position is not None and not (position.isascii() and position.isdigit() and len(position) <= 18):
            raise ValidationError({"cursor": [INVALID_CURSOR]})
        return cursor

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters


class OldestFirstPagination(NewestFirstPagination):
    """Replies read top to bottom, the way a conversation goes."""

    ordering = "id"
