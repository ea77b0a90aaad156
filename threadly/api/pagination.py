"""Cursor pagination for every API list: stable while new rows arrive, at most 100 a page."""

from django.conf import settings
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.response import Response

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

    def page_by_id(self, request) -> tuple[int | None, int] | None:
        """For lists read by id rather than by a queryset (the home feed): the id to read below and the
        page size, or None for a backward (previous) page, which the queryset path serves."""
        self.base_url = request.build_absolute_uri()
        cursor = self.decode_cursor(request)
        if cursor is not None and cursor.reverse:
            return None
        self.had_cursor = cursor is not None
        return (int(cursor.position) if cursor and cursor.position else None), self.get_page_size(request)

    def response_by_id(self, results: list, *, first_id: int | None, next_id: int | None) -> Response:
        """The same page shape and links as the queryset path: `next` below the last post, `previous`
        above the first one when this page was reached by a cursor."""
        after = Cursor(offset=0, reverse=False, position=str(next_id)) if next_id is not None else None
        before = Cursor(offset=0, reverse=True, position=str(first_id)) if self.had_cursor and first_id else None
        return Response(
            {
                "next": self.encode_cursor(after) if after else None,
                "previous": self.encode_cursor(before) if before else None,
                "results": results,
            }
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters


class OldestFirstPagination(NewestFirstPagination):
    """Replies read top to bottom, the way a conversation goes."""

    ordering = "id"
