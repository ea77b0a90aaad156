"""Mastodon's Instance (v1 and v2) and the NodeInfo document: what a client reads first to learn the
server's name, its limits (post length, pictures per post, picture size) and which API it speaks.

Clients pick features by the Mastodon version they read here: 4.3.0 is the one whose endpoints (v2
media and instance, quotes aside) Threadly serves. Counts are cached a few minutes, as every client
asks on start.
"""

import tomllib
from datetime import timedelta
from email.utils import parseaddr
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.templatetags.static import static
from django.utils import timezone

from accounts.models import User
from images.inspection import FORMATS
from mastodon_api.entities.accounts import site
from posts import policy
from posts.models import Post
from posts.pins import PIN_LIMIT

TITLE = "Threadly"
SHORT_DESCRIPTION = "Threadly: short posts, pictures, replies and the people you follow."
MASTODON_VERSION = "4.3.0"
MASTODON_API_VERSION = 2
THUMBNAIL = "img/header-missing.png"
STATS_KEY = "mastodon:instance:stats"
STATS_SECONDS = 300
ACTIVE_MONTH = timedelta(days=30)
# Mastodon counts a link as this many characters whatever its length; Threadly counts links as written.
CHARACTERS_PER_URL = 23


@cache
def threadly_version() -> str:
    with open(settings.BASE_DIR / "pyproject.toml", "rb") as project:
        return tomllib.load(project)["project"]["version"]


def version() -> str:
    return f"{MASTODON_VERSION} (compatible; Threadly {threadly_version()})"


def contact_email() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def stats() -> dict:
    """People, posts that count and people active this month: cached, as every client asks on start."""

    def count() -> dict:
        active = User.objects.filter(is_active=True)
        return {
            "user_count": active.count(),
            "status_count": Post.objects.filter(policy.counted_posts_q()).count(),
            "domain_count": 1,
            "active_month": active.filter(last_active_at__gte=timezone.now() - ACTIVE_MONTH).count(),
        }

    return django_cache.get_or_set(STATS_KEY, count, STATS_SECONDS)


def _domain(request) -> str:
    return request.get_host()


def _streaming(request) -> str:
    """Threadly has no streaming server; the site's wss address is where Mastodon would serve it, and
    clients fall back to polling when it does not answer."""
    return f"wss://{_domain(request)}"


def _statuses() -> dict:
    return {
        "max_characters": settings.POST_MAX_LENGTH,
        "max_media_attachments": settings.POST_MAX_IMAGES,
        "characters_reserved_per_url": CHARACTERS_PER_URL,
    }


def _media() -> dict:
    return {
        "supported_mime_types": [mime for mime, _ in FORMATS.values()],
        "image_size_limit": settings.IMAGE_MAX_BYTES,
        "image_matrix_limit": settings.IMAGE_MAX_PIXELS,
        "video_size_limit": 0,
        "video_frame_rate_limit": 0,
        "video_matrix_limit": 0,
    }


def _polls() -> dict:
    """Threadly has no polls: Mastodon's shape with room for none."""
    return {"max_options": 0, "max_characters_per_option": 0, "min_expiration": 0, "max_expiration": 0}


def _accounts() -> dict:
    return {"max_featured_tags": 0, "max_pinned_statuses": PIN_LIMIT}


def instance_v1(request) -> dict:
    """https://docs.joinmastodon.org/entities/V1_Instance/"""
    counts = stats()
    return {
        "uri": _domain(request),
        "title": TITLE,
        "short_description": SHORT_DESCRIPTION,
        "description": SHORT_DESCRIPTION,
        "email": contact_email(),
        "version": version(),
        "urls": {"streaming_api": _streaming(request)},
        "stats": {name: counts[name] for name in ("user_count", "status_count", "domain_count")},
        "thumbnail": request.build_absolute_uri(static(THUMBNAIL)),
        "languages": ["en"],
        "registrations": True,
        "approval_required": False,
        "invites_enabled": False,
        "configuration": {
            "accounts": _accounts(),
            "statuses": _statuses(),
            "media_attachments": _media(),
            "polls": _polls(),
        },
        "contact_account": None,
        "rules": [],
    }


def instance_v2(request) -> dict:
    """https://docs.joinmastodon.org/entities/Instance/"""
    return {
        "domain": _domain(request),
        "title": TITLE,
        "version": version(),
        # Threadly publishes no public repository address: the site itself is where its operator answers.
        "source_url": f"{site(request)}/",
        "description": SHORT_DESCRIPTION,
        "usage": {"users": {"active_month": stats()["active_month"]}},
        "thumbnail": {"url": request.build_absolute_uri(static(THUMBNAIL)), "blurhash": None, "versions": {}},
        "icon": [],
        "languages": ["en"],
        "configuration": {
            "urls": {"streaming": _streaming(request), "status": None},
            "vapid": {"public_key": ""},
            "accounts": _accounts(),
            "statuses": _statuses(),
            "media_attachments": {**_media(), "description_limit": settings.IMAGE_ALT_TEXT_MAX_LENGTH},
            "polls": _polls(),
            "translation": {"enabled": False},
        },
        "registrations": {"enabled": True, "approval_required": False, "message": None, "url": None},
        "api_versions": {"mastodon": MASTODON_API_VERSION},
        "contact": {"email": contact_email(), "account": None},
        "rules": [],
    }


def nodeinfo_links(request) -> dict:
    return {
        "links": [
            {
                "rel": "http://nodeinfo.diaspora.software/ns/schema/2.0",
                "href": f"{site(request)}/nodeinfo/2.0",
            }
        ]
    }


def nodeinfo(request) -> dict:
    """https://nodeinfo.diaspora.software/schema.html (2.0): Threadly federates with no one."""
    counts = stats()
    return {
        "version": "2.0",
        "software": {"name": "threadly", "version": threadly_version()},
        "protocols": [],
        "services": {"inbound": [], "outbound": []},
        "usage": {
            "users": {"total": counts["user_count"], "activeMonth": counts["active_month"]},
            "localPosts": counts["status_count"],
        },
        "openRegistrations": True,
        "metadata": {"nodeName": TITLE},
    }
