from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from posts import composer, edits, pins, policy, reposts, services, threads
from posts.attachments import is_about_images
from posts.forms import ComposeForm, ImagesForm, PostForm, ReplyForm
from posts.listing import render_post_list
from posts.mentions import mark_linked_mentions
from posts.models import Post
from posts.selectors import moved_comment_post_id
from posts.toggles import post_toggled
from social.selectors import buttons_among
from threadly.pagination import cursor_from, paginate_by_id
from threadly.ratelimit import rate_limit
from threadly.redirects import redirect_back


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("post")
def post_create(request):
    """Write a post; `?quote=<id>` (the Quote link on a post) makes it a quote of that post, shown above."""
    form = ComposeForm(request.POST or None, initial={"quoted_post": request.GET.get("quote")})
    images_form = ImagesForm(request.POST or None, request.FILES or None)
    quoted = _quoted_post(request, form.data.get("quoted_post") if form.is_bound else request.GET.get("quote"))
    if request.method == "POST" and form.is_valid() & images_form.is_valid():
        if form.cleaned_data["quoted_post"] and quoted is None:
            form.add_error(None, "The post you are quoting is not available.")
        else:
            fields = {**form.cleaned_data, "quoted_post": quoted}
            try:
                post = composer.post_compose(author=request.user, uploads=images_form.uploads(), **fields)
            except ValidationError as error:
                _refused(form, images_form, error)
            except PermissionDenied as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, "Your post is up.")
                return redirect_back(request, post)
    # Said before anything is written: the Quote link is hidden then, but a shared or old ?quote= link is not.
    refusal = policy.quote_refusal(request.user, quoted, seen=True) if quoted and not form.is_bound else None
    context = {"form": form, "images_form": images_form, "quoted": quoted, "quote_refusal": refusal}
    return render(request, "posts/compose.html", context, status=400 if form.errors or images_form.errors else 200)


def _refused(form, images_form: ImagesForm, error: ValidationError) -> None:
    """The service's refusal on the field it is about: the images, or the words."""
    if is_about_images(error):
        images_form.add_error("images", error)
    else:
        form.add_error("body", error)


def _quoted_post(request, raw: str | None):
    """The post being quoted, marked for its card; None when there is none or the viewer cannot see it."""
    if not (raw and raw.isascii() and raw.isdigit() and 0 < len(raw) <= 18 and int(raw) > 0):
        return None
    try:
        post = policy.original_of(policy.post_for_viewer(post_id=int(raw), viewer=request.user))
    except Http404:
        return None
    policy.mark_posts(viewer=request.user, posts=[post])
    return post


def post_detail(request, post_id: int):
    """The thread page: the post among its ancestors and its replies, a page of the tree at a time."""
    post = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    if post.repost_of_id:
        return redirect(post)  # A repost's page is its original's.
    thread = threads.thread_for(
        viewer=request.user, post=post, after=cursor_from(request, "after"), size=settings.PAGE_SIZE
    )
    if request.htmx:
        return render(request, "posts/detail.html#replies_page", {"post": post, "thread": thread})
    if policy.pin_refusal(viewer=request.user, post=post) is None:
        # The author's own post gets its pin button here too (one query, for the author only).
        post.pin_state = "pinned" if pins.is_pinned(user=request.user, post=post) else "unpinned"
    context = {"post": post, "thread": thread, "reply_form": _reply_form(post), "next": request.path}
    return render(request, "posts/detail.html", context)


def moved_comment(request, comment_id: int):
    """A link to a comment from before replies were posts leads to the reply it became."""
    return redirect("posts:detail", post_id=moved_comment_post_id(comment_id), permanent=True)


def _reply_form(parent: Post, data=None) -> ReplyForm:
    # Ids of its own: a thread page holds a reply form for the post and may load one for each reply.
    return ReplyForm(data, parent=parent, auto_id=f"reply-{parent.pk}-%s")


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("post")
def post_reply(request, post_id: int):
    """Reply to a post: its form (a page of its own without JavaScript, a form swapped in with htmx),
    then the new reply swapped in under the post (htmx), or back to the thread (no JavaScript)."""
    parent = policy.original_of(policy.post_for_viewer(post_id=post_id, viewer=request.user))
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
                response = redirect_back(request, reply)
                response["Location"] += f"#reply-{reply.pk}"  # At the new reply, not the top of a long thread.
                return response
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
    initial = {
        "content_warning": post.content_warning,
        "body": post.body,
        "visibility": post.visibility,
        "quote_policy": post.quote_policy,
        "reply_policy": post.reply_policy,
    }
    form = PostForm(request.POST or None, initial=initial)
    images_form = ImagesForm(request.POST or None, request.FILES or None)
    current = post.images
    keep_ids = [image.pk for image in current]
    if request.method == "POST":
        # Each image is kept while its box stays ticked; a form sent without the boxes keeps none.
        ticked = set(request.POST.getlist("keep"))
        keep_ids = [image.pk for image in current if str(image.pk) in ticked]
    if request.method == "POST" and form.is_valid() & images_form.is_valid():
        try:
            composer.post_recompose(
                post=post, editor=request.user, keep_ids=keep_ids, uploads=images_form.uploads(), **form.cleaned_data
            )
        except ValidationError as error:
            _refused(form, images_form, error)
        else:
            messages.success(request, "Your post is updated.")
            return redirect(post)
    context = {"form": form, "images_form": images_form, "post": post, "current_images": current, "kept_ids": keep_ids}
    return render(request, "posts/edit.html", context, status=400 if form.errors or images_form.errors else 200)


def post_history(request, post_id: int):
    """The versions of a post, newest first: as it reads now, then what each edit replaced; for whoever
    may see the post (404 otherwise), in a fixed number of queries."""
    post, versions = edits.post_history(viewer=request.user, post_id=post_id)
    page = paginate_by_id(versions, cursor=cursor_from(request), size=settings.PAGE_SIZE)
    mark_linked_mentions([post])
    edits.history_mark_linked_mentions(post=post, versions=page.items)
    return render(request, "posts/history.html", {"post": post, "page": page})


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


def post_quotes(request, post_id: int):
    """The quotes of a post the viewer sees, newest first, as a list of posts."""
    post = policy.original_of(policy.post_for_viewer(post_id=post_id, viewer=request.user))
    quotes = policy.quotes_of(viewer=request.user, post=post)
    return render_post_list(request, "posts/quotes.html", quotes, {"post": post, "empty_message": "No quotes yet."})


def post_reposts(request, post_id: int):
    """Who reposted a post the viewer sees, newest first, with follow buttons (one query for them)."""
    post = policy.original_of(policy.post_for_viewer(post_id=post_id, viewer=request.user))
    page = paginate_by_id(
        policy.reposts_of(viewer=request.user, post=post), cursor=cursor_from(request), size=settings.PAGE_SIZE
    )
    people = [row.author for row in page.items]
    followed, blocked = buttons_among(viewer=request.user, user_ids=[person.pk for person in people])
    for person in people:
        person.is_followed, person.is_blocked = person.pk in followed, person.pk in blocked
    context = {"post": post, "people": people, "page": page}
    if request.htmx:
        return render(request, "social/_people_list.html#people_page", context)
    return render(request, "posts/reposts.html", context)


@login_required
@require_POST
def quote_detach(request, post_id: int):
    """The quoted author takes their post out of this quote; the page shows the quote's card saying so."""
    quote = policy.post_for_viewer(post_id=post_id, viewer=request.user)
    reposts.quote_detach(user=request.user, quote=quote)
    messages.success(request, "Your post is detached from this quote.")
    return redirect_back(request, quote)


@login_required
@require_POST
def repost(request, post_id: int):
    return post_toggled(
        request, post_id, act=reposts.repost_create, flag="reposted", value=True, button="repost_button"
    )


@login_required
@require_POST
def unrepost(request, post_id: int):
    return post_toggled(
        request, post_id, act=reposts.repost_delete, flag="reposted", value=False, button="repost_button"
    )


@login_required
@require_POST
def like(request, post_id: int):
    return post_toggled(request, post_id, act=services.like_create, flag="liked", value=True, button="like_button")


@login_required
@require_POST
def unlike(request, post_id: int):
    return post_toggled(request, post_id, act=services.like_delete, flag="liked", value=False, button="like_button")
