"""A conversation read as a tree, for the thread page and GET /api/threadly/v1/posts/{id}/thread.

Replies nest without limit, so walking them parent by parent (up) or reply by reply (down) would
cost a query a level. Every post of a conversation carries its first post's id (`conversation_id`),
so the conversation's skeleton (ids, parents, authors' names, what the viewer may see) is one indexed
query, posts.policy.conversation_rows; the tree is ordered here in Python, and only the posts of
the page are then read in full, in one more query, and flagged by posts.policy.mark_posts.
"""

from dataclasses import dataclass

from posts import policy
from posts.mentions import mark_linked_mentions
from posts.models import Post
from posts.selectors import post_rows
from threadly.pagination import BrokenCursor

# Replies are indented up to this depth; deeper ones show at it, saying whom they reply to.
MAX_DEPTH = 4
HIDDEN = "a post you cannot see"
GONE = "a deleted post"


@dataclass(frozen=True)
class _Node:
    id: int
    parent_id: int | None
    username: str
    seen: bool
    listed: bool


@dataclass(frozen=True)
class _Entry:
    id: int
    parent_id: int | None
    depth: int
    replying_to: str | None


@dataclass
class Thread:
    """`ancestors` oldest first, None standing for posts the viewer cannot see or that are gone;
    `replies` one page of the tree below `post`, each with `thread_depth` and `replying_to`."""

    post: Post
    ancestors: list[Post | None]
    replies: list[Post]
    next_cursor: int | None


def _skeleton(viewer: policy.Viewer, root_id: int) -> dict[int, _Node]:
    rows = policy.conversation_rows(viewer=viewer, root_id=root_id)
    fields = ("id", "in_reply_to_id", "author__username", "seen", "listed")
    return {row[0]: _Node(*row) for row in rows.values_list(*fields)}


def _ancestor_ids(nodes: dict[int, _Node], post: Post) -> list[int | None]:
    """The chain above `post`, oldest first; None for a post the viewer cannot see or a deleted one."""
    chain: list[int | None] = []
    parent_id, top = post.in_reply_to_id, post.pk
    while parent_id is not None and parent_id in nodes and parent_id not in chain:
        node = nodes[parent_id]
        chain.append(node.id if node.seen else None)
        top, parent_id = node.id, node.parent_id
    if post.conversation_id is not None and top != post.conversation_id:
        chain.append(None)  # The chain breaks before the conversation's first post: a parent was deleted.
    chain.reverse()
    return [item for n, item in enumerate(chain) if item is not None or n == 0 or chain[n - 1] is not None]


def _children(nodes: dict[int, _Node], root_id: int) -> dict[int, list[int]]:
    """Each post's replies, oldest first; a reply whose parent was deleted hangs from the first post."""
    children: dict[int, list[int]] = {}
    for node in nodes.values():
        if node.id == root_id:
            continue
        parent = node.parent_id if node.parent_id in nodes else root_id
        children.setdefault(parent, []).append(node.id)
    return children


def _label(nodes: dict[int, _Node], parent_id: int | None) -> str:
    parent = nodes.get(parent_id) if parent_id is not None else None
    if parent is None:
        return GONE
    return f"@{parent.username}" if parent.seen else HIDDEN


def _tree_below(nodes: dict[int, _Node], post: Post) -> list[_Entry]:
    """The listed replies below `post` in reading order (each after its parent, siblings oldest first).

    A reply the viewer does not list (hidden, or by someone they muted) is left out and its own
    replies take its place; each entry says whom it replies to unless that is the post right above it.
    """
    children = _children(nodes, post.thread_root_id)
    entries: list[_Entry] = []
    above = post.pk
    stack = [(child, 1) for child in reversed(children.get(post.pk, []))]
    while stack:
        node_id, depth = stack.pop()
        node = nodes[node_id]
        below_depth = depth
        if node.listed:
            flattened = depth > MAX_DEPTH
            replying_to = None if node.parent_id == above and not flattened else _label(nodes, node.parent_id)
            entries.append(_Entry(node.id, node.parent_id, min(depth, MAX_DEPTH), replying_to))
            above, below_depth = node.id, depth + 1
        stack.extend((child, below_depth) for child in reversed(children.get(node_id, [])))
    return entries


def _page(entries: list[_Entry], *, after: int | None, size: int) -> tuple[list[_Entry], int | None]:
    start = 0
    if after is not None:
        positions = {entry.id: n for n, entry in enumerate(entries)}
        if after not in positions:
            raise BrokenCursor("after")
        start = positions[after] + 1
    page = entries[start : start + size]
    has_more = len(entries) > start + size
    return page, page[-1].id if has_more and page else None


def _hydrated(ids: list[int]) -> dict[int, Post]:
    """The page's posts in full. The skeleton's query already asked the policy which ids the viewer sees,
    so the rule (the costliest part of a list's query to plan) is not asked again."""
    if not ids:
        return {}
    return {post.pk: post for post in post_rows().filter(pk__in=ids)}


def thread_for(*, viewer: policy.Viewer, post: Post, after: int | None, size: int) -> Thread:
    """The conversation around `post` (which the viewer sees) for one page: its ancestors, `post`, and
    the `size` replies after the reply `after` in tree order; in three queries, plus mark_posts'."""
    nodes = _skeleton(viewer, post.thread_root_id)
    ancestor_ids = _ancestor_ids(nodes, post)
    entries, next_cursor = _page(_tree_below(nodes, post), after=after, size=size)
    wanted = [pk for pk in ancestor_ids if pk is not None] + [entry.id for entry in entries]
    found = _hydrated(wanted)
    ancestors = [found.get(pk) if pk is not None else None for pk in ancestor_ids]
    replies = []
    for entry in entries:
        if reply := found.get(entry.id):
            reply.thread_depth, reply.replying_to = entry.depth, entry.replying_to
            replies.append(reply)
    shown = [post, *(ancestor for ancestor in ancestors if ancestor is not None), *replies]
    policy.mark_posts(viewer=viewer, posts=shown)
    mark_linked_mentions(shown)
    return Thread(post=post, ancestors=ancestors, replies=replies, next_cursor=next_cursor)


def thread_post_ids(*, viewer: policy.Viewer, post: Post, size: int) -> tuple[list[int], list[int]]:
    """The ids thread_for would show around `post`, read from the skeleton alone (one query): the
    ancestors the viewer sees, oldest first, and the first `size` listed replies in tree order. For
    readers that load the posts their own way (Mastodon's context, hydrated)."""
    nodes = _skeleton(viewer, post.thread_root_id)
    ancestors = [pk for pk in _ancestor_ids(nodes, post) if pk is not None]
    entries, _ = _page(_tree_below(nodes, post), after=None, size=size)
    return ancestors, [entry.id for entry in entries]
