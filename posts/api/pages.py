"""API lists of hydrated posts (posts.hydration): DRF's cursors and links, a page read by the view's
`page_of(before, size)` so that the home feed can read its page elsewhere (timelines)."""

from rest_framework.pagination import Cursor

from threadly.api.pagination import NewestFirstPagination


class HydratedPagination(NewestFirstPagination):
    """NewestFirstPagination's cursors, links and schema; a forward page (the first, or a `next` link's)
    comes from `view.page_of(before, size) -> (items, next_cursor)`, where next_cursor is the id
    to read before for the next page (None on the last). A `previous` link's page, read backwards,
    takes DRF's path over the queryset: `hydrated` tells the view which it got."""

    hydrated = False

    def paginate_queryset(self, queryset, request, view=None):
        """`queryset` may be a callable returning it: a forward page whose view reads it elsewhere never
        builds it (the home feed's followee ids would cost a query)."""
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, None, view)
        self.cursor = self.decode_cursor(request)
        if self.cursor is not None and (self.cursor.reverse or self.cursor.offset):
            return super().paginate_queryset(queryset() if callable(queryset) else queryset, request, view)
        self.hydrated = True
        before = int(self.cursor.position) if self.cursor and self.cursor.position else None
        self.page, self.next_cursor = view.page_of(before, self.page_size)
        self.has_next = self.next_cursor is not None
        self.has_previous = before is not None
        self.next_position = None
        self.previous_position = str(before) if before is not None else None
        self.display_page_controls = self.has_previous or self.has_next
        return self.page

    def get_next_link(self):
        if not self.hydrated:
            return super().get_next_link()
        if not self.has_next:
            return None
        return self.encode_cursor(Cursor(offset=0, reverse=False, position=str(self.next_cursor)))
