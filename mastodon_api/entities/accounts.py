"""Mastodon's Account (and CredentialAccount, with `source`) from Threadly's User."""

from django.db.models.functions import Lower
from django.templatetags.static import static

from accounts.models import User
from images.api.serializers import file_url
from mastodon_api.entities import iso_day
from posts.text import extract_mentions, render_text

MISSING_AVATAR = "img/avatar-missing.png"
MISSING_HEADER = "img/header-missing.png"


def people_with_pictures():
    """Users as the Account entity reads them: avatar and header images in the same query."""
    return User.objects.select_related("avatar_image", "header_image")


def _picture(request, image, *, thumbnail: bool, missing: str) -> str:
    if image is not None and image.is_ready:
        return file_url(request, image.thumbnail if thumbnail else image.file)
    return request.build_absolute_uri(static(missing))


def _linked_names(users) -> set[str]:
    """The bios' @names that are active people, in one query for all of them (none without any)."""
    names = set().union(*(extract_mentions(user.bio) for user in users)) if users else set()
    if not names:
        return set()
    people = User.objects.filter(is_active=True).annotate(lower_name=Lower("username"))
    return set(people.filter(lower_name__in=names).values_list("lower_name", flat=True))


def site(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def note_html(request, user: User, linked: set[str]) -> str:
    return f"<p>{render_text(user.bio, site=site(request), linked_mentions=linked)}</p>" if user.bio else ""


def account(request, user: User, *, linked: set[str] | None = None) -> dict:
    """One Account; `linked` is the page's linked bio mentions (accounts() finds them in one query)."""
    if linked is None:
        linked = _linked_names([user])
    avatar = user.avatar_image if user.avatar_image_id else None
    header = user.header_image if user.header_image_id else None
    url = request.build_absolute_uri(user.get_absolute_url())
    avatar_url = _picture(request, avatar, thumbnail=False, missing=MISSING_AVATAR)
    header_url = _picture(request, header, thumbnail=False, missing=MISSING_HEADER)
    return {
        "id": str(user.pk),
        "username": user.username,
        "acct": user.username,
        "display_name": user.display_name,
        "locked": False,
        "bot": False,
        "discoverable": True,
        "indexable": True,
        "group": False,
        "noindex": False,
        "hide_collections": False,
        "created_at": iso_day(user.created_at),
        "note": note_html(request, user, linked),
        "url": url,
        "uri": url,
        "avatar": avatar_url,
        "avatar_static": avatar_url,
        "header": header_url,
        "header_static": header_url,
        "followers_count": user.follower_count,
        "following_count": user.following_count,
        "statuses_count": user.post_count,
        "last_status_at": None,
        "emojis": [],
        "fields": [],
        "roles": [],
    }


def accounts(request, users) -> list[dict]:
    """Accounts for a page of users (with pictures selected), bio mentions in one query."""
    users = list(users)
    linked = _linked_names(users)
    return [account(request, user, linked=linked) for user in users]


def accounts_by_id(request, ids) -> dict[int, dict]:
    """{user id: Account} for these ids, in one query."""
    users = people_with_pictures().filter(pk__in=set(ids))
    return {int(entity["id"]): entity for entity in accounts(request, users)}


def credential_account(request, user: User) -> dict:
    """The signed-in person's own Account, with `source` (the raw bio and posting defaults) and their role."""
    entity = account(request, user)
    entity["source"] = {
        "note": user.bio,
        "fields": [],
        "privacy": "public",
        "sensitive": False,
        "language": None,
        "follow_requests_count": 0,
        "hide_collections": False,
        "discoverable": True,
        "indexable": True,
        "quote_policy": user.default_quote_policy,
    }
    entity["role"] = {
        "id": "0",
        "name": user.get_role_display() if user.role != User.Role.USER else "",
        "permissions": "0",
        "color": "",
        "highlighted": False,
    }
    return entity
