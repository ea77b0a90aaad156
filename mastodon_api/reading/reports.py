"""`POST /api/v1/reports`: Mastodon reports a person, optionally pointing at some of their statuses;
Threadly's reports are about one post or one person. So the same service as Threadly's report API
(moderation.services.report_create) files one report per status, or one about the person."""

from django.db import transaction
from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.models import User
from mastodon_api import params
from mastodon_api.base import MastodonView
from mastodon_api.entities.accounts import account
from mastodon_api.entities.reports import report
from moderation import services
from moderation.models import Report
from posts.policy import post_for_viewer
from social.selectors import person_for_viewer

# Mastodon's categories: `legal` and `violation` (of the rules) are what Threadly calls abuse.
REASONS = {"spam": Report.Reason.SPAM, "violation": Report.Reason.ABUSE, "legal": Report.Reason.ABUSE}
MAX_STATUSES = 20


def reported_person(request) -> User:
    account_id = params.value(request, "account_id")
    if not account_id:
        raise ValidationError({"account_id": ["can't be blank"]})
    username = User.objects.filter(pk=params.identifier(account_id, "account")).values_list("username", flat=True)
    if not username:
        raise Http404("No such account.")
    return person_for_viewer(username=username[0], viewer=request.user)


class ReportView(MastodonView):
    required_scopes = {"POST": "write:reports"}
    throttle_scopes = {"POST": "report"}

    def post(self, request):
        person = reported_person(request)
        status_ids = params.values(request, "status_ids")[:MAX_STATUSES]
        posts = [post_for_viewer(post_id=params.identifier(item, "status"), viewer=request.user) for item in status_ids]
        if any(post.author_id != person.pk for post in posts):
            raise ValidationError({"status_ids": ["must be statuses of the reported account"]})
        reason = REASONS.get(str(params.value(request, "category", "other")), Report.Reason.OTHER)
        text = str(params.value(request, "comment", "") or "")
        with transaction.atomic():
            reports = [
                services.report_create(reporter=request.user, target=target, reason=reason, text=text)
                for target in (posts or [person])
            ]
        return Response(report(reports, target_account=account(request, person)))
