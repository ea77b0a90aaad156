"""The bookmark toggle on every post and the /bookmarks/ page: only ever the viewer's own."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from posts import bookmarks, policy
from posts.listing import render_post_page
from posts.toggles import post_toggled
from threadly.pagination import CursorPage, cursor_from, paginate_by_id


@login_required
@require_POST
def bookmark(request, post_id: int):
    return post_toggled(
        request, post_id, act=bookmarks.bookmark_create, flag="bookmarked", value=True, button="bookmark_button"
    )


@login_required
@require_POST
def unbookmark(request, post_id: int):
    return post_toggled(
        request, post_id, act=bookmarks.bookmark_delete, flag="bookmarked", value=False, button="bookmark_button"
    )


@login_required
def bookmark_list(request):
    """Newest bookmark first, paged by the bookmark's id (when it was kept, not when it was written)."""
    kept = paginate_by_id(policy.bookmarked_posts(request.user), cursor=cursor_from(request), size=settings.PAGE_SIZE)
    page = CursorPage(items=[bookmark.post for bookmark in kept.items], next_cursor=kept.next_cursor)
    return render_post_page(request, "posts/bookmarks.html", page)
