from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from moderation import services
from moderation.forms import ReportForm
from posts.policy import post_for_viewer
from posts.selectors import moved_comment_post_id
from social.selectors import person_for_viewer
from threadly.ratelimit import rate_limit
from threadly.redirects import redirect_back


def _report(request, target, what: str):
    """Show the report form for `target`, or file the report and go back."""
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(reporter=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you. The moderators will look at it.")
            return redirect_back(request, target)
    context = {"form": form, "target": target, "what": what}
    return render(request, "moderation/report.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("report")
def report_post(request, post_id: int):
    post = post_for_viewer(post_id=post_id, viewer=request.user)
    return _report(request, post, "reply" if post.in_reply_to_id else "post")


def report_moved_comment(request, comment_id: int):
    """The report link of a comment from before replies were posts: the report page of its reply."""
    return redirect("moderation:report_post", post_id=moved_comment_post_id(comment_id), permanent=True)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("report")
def report_person(request, username: str):
    return _report(request, person_for_viewer(username=username, viewer=request.user), "person")
