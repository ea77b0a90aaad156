"""Mastodon's Report from Threadly's: one report is about a post or a person, so the reports filed
together for a person's statuses answer as one, listing them all."""

from mastodon_api.entities import iso
from moderation.models import Report

CATEGORIES = {Report.Reason.SPAM: "spam", Report.Reason.ABUSE: "violation", Report.Reason.OTHER: "other"}


def report(reports: list[Report], *, target_account: dict) -> dict:
    first = reports[0]
    handled = first.status != Report.Status.OPEN
    return {
        "id": str(first.pk),
        "action_taken": handled,
        "action_taken_at": iso(first.handled_at) if handled else None,
        "category": CATEGORIES.get(first.reason, "other"),
        "comment": first.text,
        "forwarded": False,
        "created_at": iso(first.created_at),
        "status_ids": [str(item.post_id) for item in reports if item.post_id] or None,
        "rule_ids": None,
        "target_account": target_account,
    }
