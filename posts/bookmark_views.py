"""The bookmark toggle on every post and the /bookmarks/ page: only ever the viewer's own."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from posts import bookmarks, policy
from posts.listing import render_post_page
from threadly.pagination import CursorPage, cursor_from, paginate_by_id
from threadly.redirects import redirect_back


def _bookmark_response(request, post, bookmarked: bool):
    if request.htmx:
        post.bookmarked = bookmarked
        return render(request, "posts/_post.html#bookmark_button", {"post": post})
    return redirect_back(request, post)


@login_required
@require_POST
def bookmark(request, post_id: int):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    bookmarks.bookmark_create(user=request.user, post=post)
    return _bookmark_response(request, post, bookmarked=True)


@login_required
@require_POST
def unbookmark(request, post_id: int):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    bookmarks.bookmark_delete(user=request.user, post=post)
    return _bookmark_response(request, post, bookmarked=False)


@login_required
def bookmark_list(request):
    """Newest bookmark first, paged by the bookmark's id (when it was kept, not when it was written)."""
    kept = paginate_by_id(policy.bookmarked_posts(request.user), cursor=cursor_from(request), size=settings.PAGE_SIZE)
    page = CursorPage(items=[bookmark.post for bookmark in kept.items], next_cursor=kept.next_cursor)
    return render_post_page(request, "posts/bookmarks.html", page)
