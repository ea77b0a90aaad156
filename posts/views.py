from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from posts import policy, services, threads
from posts.forms import PostForm, ReplyForm
from posts.mentions import mark_linked_mentions
from posts.models import Post
from threadly.pagination import cursor_from
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


def post_detail(request, post_id: int):
    """The thread page: the post among its ancestors and its replies, a page of the tree at a time."""
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    thread = threads.thread_for(
        viewer=request.user, post=post, after=cursor_from(request, "after"), size=settings.PAGE_SIZE
    )
    if request.htmx:
        return render(request, "posts/detail.html#replies_page", {"post": post, "thread": thread})
    context = {"post": post, "thread": thread, "reply_form": _reply_form(post), "next": request.path}
    return render(request, "posts/detail.html", context)


def _reply_form(parent: Post, data=None) -> ReplyForm:
    # Ids of its own: a thread page holds a reply form for the post and may load one for each reply.
    return ReplyForm(data, parent=parent, auto_id=f"reply-{parent.pk}-%s")


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("post")
def post_reply(request, post_id: int):
    """Reply to a post: its form (a page of its own without JavaScript, a form swapped in with htmx),
    then the new reply swapped in under the post (htmx), or back to the thread (no JavaScript)."""
    parent = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    policy.mark_posts(viewer=request.user, posts=[parent])
    mark_linked_mentions([parent])
    if not parent.can_reply:
        raise PermissionDenied(parent.reply_refusal)
    form = _reply_form(parent, request.POST or None)
    keep_open = request.POST.get("keep_open") == "1"
    if request.method == "POST" and form.is_valid():
        try:
            reply = services.post_create(author=request.user, in_reply_to=parent, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("body", error)
        else:
            if not request.htmx:
                messages.success(request, "Your reply is up.")
                return redirect_back(request, reply)
            parent.refresh_from_db(fields=["reply_count"])
            policy.mark_posts(viewer=request.user, posts=[reply])
            mark_linked_mentions([reply])
            reply.thread_depth, reply.replying_to = 1, None
            context = {"parent": parent, "reply": reply, "form": _reply_form(parent) if keep_open else None}
            return render(request, "posts/_reply_form.html#reply_created", {**context, "keep_open": keep_open})
    next_url = request.POST.get("next") or request.GET.get("next")
    context = {"parent": parent, "form": form, "keep_open": keep_open, "next": next_url}
    if request.htmx:
        return render(request, "posts/_reply_form.html#reply_slot", context)
    return render(request, "posts/reply.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id: int):
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    if not policy.may_edit_post(viewer=request.user, post=post):
        raise PermissionDenied("Only the author can edit a post.")
    initial = {"body": post.body, "visibility": post.visibility, "reply_policy": post.reply_policy}
    form = PostForm(request.POST or None, initial=initial)
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
        return redirect_back(request, "social:home")
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
