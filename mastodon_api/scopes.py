"""Mastodon's OAuth scopes: `read`, `write`, `follow`, `push` and their `read:*`/`write:*` parts.

A granted scope covers a required one when it is the same, its parent (`read` covers
`read:statuses`), or the legacy `follow`, which covers reading and changing follows, blocks and mutes.
"""

READ = (
    "accounts",
    "blocks",
    "bookmarks",
    "favourites",
    "filters",
    "follows",
    "lists",
    "mutes",
    "notifications",
    "search",
    "statuses",
)
WRITE = (
    "accounts",
    "blocks",
    "bookmarks",
    "conversations",
    "favourites",
    "filters",
    "follows",
    "lists",
    "media",
    "mutes",
    "notifications",
    "reports",
    "statuses",
)
FOLLOW_COVERS = frozenset(f"{kind}:{part}" for kind in ("read", "write") for part in ("follows", "blocks", "mutes"))

SCOPES = {
    "read": "Read all your account's data",
    "write": "Change all your account's data",
    "follow": "Follow, block and mute people (the older scope)",
    "push": "Receive push notifications",
    **{f"read:{part}": f"Read your {part}" for part in READ},
    **{f"write:{part}": f"Change your {part}" for part in WRITE},
}
DEFAULT_SCOPES = ("read",)


def parse(scopes: str | None) -> set[str]:
    """A space-separated scope string (Mastodon's clients also send `+` or commas) as a set."""
    return set((scopes or "").replace("+", " ").replace(",", " ").split())


def unknown(scopes: set[str]) -> set[str]:
    return scopes - SCOPES.keys()


def covers(granted: set[str], required: str) -> bool:
    if required in granted:
        return True
    parent = required.split(":", 1)[0]
    return parent in granted or ("follow" in granted and required in FOLLOW_COVERS)
