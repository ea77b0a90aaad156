from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from posts import policy, services
from posts.forms import PostForm, ReplyForm
from posts.mentions import mark_linked_mentions
from posts.selectors import moved_comment_post_id
from threadly.pagination import cursor_from, paginate_by_id
from threadly.ratelimit import rate_limit
from threadly.redirects import redirect_back


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("post")
def post_create(request):
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, "Your post is up.")
            return redirect_back(request, post)
    return render(request, "posts/compose.html", {"form": form}, status=400 if form.errors else 200)


def _reply_section_context(request, post, form=None) -> dict:
    replies = policy.replies_of(viewer=request.user, post=post)
    page = paginate_by_id(replies, cursor=cursor_from(request, "after"), size=settings.PAGE_SIZE, newest_first=False)
    policy.mark_posts(viewer=request.user, posts=page.items)
    mark_linked_mentions(page.items)
    return {"post": post, "replies": page, "reply_form": form or ReplyForm()}


def post_detail(request, post_id: int):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    policy.mark_posts(viewer=request.user, posts=[post])
    context = _reply_section_context(request, post)
    if request.htmx:
        return render(request, "posts/detail.html#reply_page", context)
    return render(request, "posts/detail.html", context)


def moved_comment(request, comment_id: int):
    """A link to a comment from before replies were posts leads to the reply it became."""
    return redirect("posts:detail", post_id=moved_comment_post_id(comment_id), permanent=True)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id: int):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    if not policy.may_edit_post(viewer=request.user, post=post):
        raise PermissionDenied("Only the author can edit a post.")
    form = PostForm(request.POST or None, initial={"body": post.body, "visibility": post.visibility})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_update(post=post, editor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, "Your post is updated.")
            return redirect(post)
    return render(request, "posts/edit.html", {"form": form, "post": post}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, post_id: int):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    if not policy.may_delete_post(viewer=request.user, post=post):
        raise PermissionDenied("You cannot delete this post.")
    policy.mark_posts(viewer=request.user, posts=[post])
    if request.method == "POST":
        services.post_delete(post=post, actor=request.user)
        messages.success(request, "The post is deleted.")
        return redirect_back(request, post.in_reply_to or "social:home")
    return render(request, "posts/delete.html", {"post": post})


def _like_response(request, post, liked: bool):
    if request.htmx:
        post.liked = liked
        return render(request, "posts/_post.html#like_button", {"post": post})
    return redirect_back(request, post)


@login_required
@require_POST
def like(request, post_id: int):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    services.like_create(user=request.user, post=post)
    return _like_response(request, post, liked=True)


@login_required
@require_POST
def unlike(request, post_id: int):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    services.like_delete(user=request.user, post=post)
    return _like_response(request, post, liked=False)


@login_required
@require_POST
@rate_limit("post")
def reply_create(request, post_id: int):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.post_create(author=request.user, body=form.cleaned_data["body"], in_reply_to=post)
        except ValidationError as error:
            form.add_error("body", error)
        else:
            if not request.htmx:
                return redirect(f"{post.get_absolute_url()}#replies")
            post.refresh_from_db(fields=["reply_count"])
            form = None
    policy.mark_posts(viewer=request.user, posts=[post])
    context = _reply_section_context(request, post, form)
    if request.htmx:
        return render(request, "posts/detail.html#reply_section", context)
    return render(request, "posts/detail.html", context, status=400)
