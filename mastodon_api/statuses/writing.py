"""Reading a status's parameters as Mastodon's clients send them (form or JSON) into what
posts.services takes: visibility, the post replied to or quoted, media ids, the content warning,
and the refusals of what Threadly does not have (direct messages, scheduled posts, polls)."""

from django.http import Http404
from rest_framework import exceptions, status

from accounts.models import QuotePolicy
from images import services as images
from images.models import Image
from mastodon_api import params
from mastodon_api.errors import Unprocessable
from posts import policy
from posts.models import Post

# Threadly has no separate flag for sensitive media: its content warning folds the words and the
# pictures together, so `sensitive` without words for the warning folds them under this one.
SENSITIVE_WARNING = "Sensitive content"
VISIBILITIES = {
    "public": Post.Visibility.PUBLIC,
    "unlisted": Post.Visibility.PUBLIC,
    "private": Post.Visibility.FOLLOWERS,
}

QUOTE_POLICIES = {"public": QuotePolicy.EVERYONE, "followers": QuotePolicy.FOLLOWERS, "nobody": QuotePolicy.NOBODY}


class StatusNotFound(exceptions.APIException):
    """The post named to reply to or quote is not the viewer's to see: Mastodon's own 404 and words."""

    status_code = status.HTTP_404_NOT_FOUND
    default_code = "not_found"


def refuse_unsupported(request) -> None:
    if params.value(request, "scheduled_at"):
        raise Unprocessable("Validation failed: Scheduled statuses are not supported")
    if any(str(key).startswith("poll") and request.data[key] not in (None, "", [], {}) for key in request.data):
        raise Unprocessable("Validation failed: Polls are not supported")


def visibility(request, default: str) -> str:
    asked = params.value(request, "visibility")
    if asked in (None, ""):
        return default
    if asked == "direct":
        raise Unprocessable("Validation failed: Direct messages are not supported")
    if asked not in VISIBILITIES:
        raise Unprocessable(f"Validation failed: Visibility {asked!r} is not one of public, unlisted, private")
    return VISIBILITIES[asked]


def quote_policy(request) -> str | None:
    """Mastodon 4.5's `quote_approval_policy` as the post's quote policy; None: the author's default."""
    asked = params.value(request, "quote_approval_policy")
    if asked in (None, ""):
        return None
    if asked not in QUOTE_POLICIES:
        raise Unprocessable(
            f"Validation failed: Quote approval policy {asked!r} is not one of public, followers, nobody"
        )
    return QUOTE_POLICIES[asked]


def named_post(request, names: tuple[str, ...], message: str) -> Post | None:
    """The post a parameter names (the first of `names` given), or Mastodon's 404 with `message`."""
    for name in names:
        found = params.value(request, name)
        if found not in (None, ""):
            try:
                return policy.post_for_viewer(post_id=params.identifier(found), viewer=request.user)
            except Http404 as error:
                raise StatusNotFound(message) from error
    return None


def media_ids(request, name: str = "media_ids") -> list[int] | None:
    """The media ids sent, in order; None when the parameter is absent (an edit keeps the pictures)."""
    data = request.data
    present = any(data.get(key) is not None for key in (name, f"{name}[]"))
    found = params.values(request, name)
    if not present:
        return None
    if not all(item.isdigit() and len(item) <= 18 for item in found if item):
        raise Unprocessable("Validation failed: media_ids must be ids of your uploads")
    return [int(item) for item in found if item]


def content_warning(request, *, default: str | None) -> str | None:
    """spoiler_text as the content warning; `sensitive` alone folds under SENSITIVE_WARNING."""
    spoiler = params.value(request, "spoiler_text")
    if spoiler not in (None, ""):
        return str(spoiler)
    if params.boolean(request, "sensitive", default=False):
        return default or SENSITIVE_WARNING
    return default if spoiler is None else ""


def media_descriptions(request) -> dict[int, str]:
    """`media_attributes[][id]` with `[description]` (a JSON list of objects, or form pairs in order)."""
    data = request.data
    if isinstance(data.get("media_attributes"), list):
        items = data["media_attributes"]
    else:
        ids = params.values(request, "media_attributes[][id]")
        descriptions = params.values(request, "media_attributes[][description]")
        items = [{"id": pk, "description": text} for pk, text in zip(ids, descriptions, strict=False)]
    found = {}
    for item in items:
        if not isinstance(item, dict) or "description" not in item:
            continue
        pk = str(item.get("id", ""))
        if not pk.isdigit() or len(pk) > 18:
            raise Unprocessable("Validation failed: media_attributes need the id of your upload")
        found[int(pk)] = str(item["description"] or "")
    return found


def descriptions_set(request, descriptions: dict[int, str]) -> None:
    """Alt text for the editor's own uploads, through images.services (which re-renders the post)."""
    for image in Image.objects.filter(pk__in=descriptions, uploader=request.user):
        images.image_alt_text_set(image=image, editor=request.user, alt_text=descriptions[image.pk])
