"""A page's one query: each post's facts as values (not model instances), with what depends on the
viewer, then built into light Post objects that posts.policy marks as it marks any page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F, OuterRef, QuerySet
from django.db.models.base import ModelState
from django.db.models.functions import Coalesce

from accounts.models import User
from posts import policy
from posts.models import Post
from posts.selectors import VIEWER_MARKS, viewer_marks_annotations
from threadly.statements import values_of

# What the policy's flags, the live counters and the time slot read of a post (the rest is cached).
POST_FIELDS = (
    "id",
    "author_id",
    "version",
    "visibility",
    "reply_policy",
    "quote_policy",
    "quoted_post_id",
    "quote_detached_at",
    "removed_at",
    "created_at",
    "like_count",
    "reply_count",
    "repost_count",
    "quote_count",
)
# The author's name for a repost's header, and what may_delete_post asks (moderation_refusal).
AUTHOR_FIELDS = ("username", "display_name", "is_active", "is_staff", "is_superuser", "role")
QUOTED_FIELDS = ("author_id", "version", "created_at")
REPLY_FACTS = ("author_follows", "mentions_viewer")


def _fields(prefix: str) -> list[str]:
    return [
        *(f"{prefix}{name}" for name in POST_FIELDS),
        *(f"{prefix}author__{name}" for name in AUTHOR_FIELDS),
        *(f"{prefix}quoted_post__{name}" for name in QUOTED_FIELDS),
    ]


ROW_FIELDS = [*_fields(""), "repost_of_id", *_fields("repost_of__")]


@dataclass(frozen=True)
class PageQuery:
    """A page's posts as a function of the viewer and a few ids, rather than a queryset: its one query
    is then built and compiled once per process and shape (threadly.statements), not per request.

    `posts(viewer, limit, **inputs)` is a module-level function returning the posts newest first;
    each input is an int, a list of ints or None. Compiled statements are for signed-in viewers, whose
    id is one more input; a visitor's page is built as any queryset.
    """

    posts: Callable[..., QuerySet]
    viewer: User
    inputs: dict

    def queryset(self, limit: int) -> QuerySet:
        return self.posts(self.viewer, limit, **self.inputs)

    def values(self, build: Callable[..., QuerySet], limit: int) -> list[dict]:
        """`build((posts, limit), viewer_id=..., **inputs)`'s rows, through threadly.statements."""
        return values_of(build, shape=(self.posts, limit), viewer_id=self.viewer.pk, **self.inputs)


def _statement_rows(shape: tuple, *, viewer_id: int, **inputs) -> QuerySet:
    """The page query of a PageQuery, for threadly.statements (shape: its posts function and the limit)."""
    posts, limit = shape
    viewer = User(pk=viewer_id)
    return _values(viewer=viewer, posts=posts(viewer, limit, **inputs))[:limit]


def page_values(*, viewer: policy.Viewer, posts: QuerySet | PageQuery, limit: int) -> list[dict]:
    """`posts[:limit]` in one query, each row with its original's facts (a repost row's original, else
    itself) and, for a logged-in viewer, viewer_marks' and the reply policy's facts about the original."""
    if isinstance(posts, PageQuery):
        if viewer.is_authenticated:
            return posts.values(_statement_rows, limit)
        posts = posts.queryset(limit)
    return list(_values(viewer=viewer, posts=posts)[:limit])


def _values(*, viewer: policy.Viewer, posts: QuerySet) -> QuerySet:
    # Values, not posts: their images come with the renderings (post_rows' prefetch is for models).
    rows = posts.prefetch_related(None).annotate(original_id=Coalesce("repost_of_id", "id"))
    fields = ROW_FIELDS
    if viewer.is_authenticated:
        rows = rows.annotate(original_author_id=Coalesce(F("repost_of__author_id"), F("author_id")))
        original, author = OuterRef("original_id"), OuterRef("original_author_id")
        rows = rows.annotate(
            **viewer_marks_annotations(viewer=viewer, post=original, author=author),
            **policy.reply_facts_annotations(viewer=viewer, post=original, author=author),
        )
        fields = [*ROW_FIELDS, *VIEWER_MARKS, *REPLY_FACTS]
    return rows.values("original_id", *fields)


def _bare(model, fields: dict):
    """A model instance holding just `fields`, as loaded from the database, without Model.__init__ (which
    costs more than the rest of a post's hydration). Reading a field not given would cost a query: the
    query budgets of the hydrated lists would count it."""
    instance = model.__new__(model)
    instance.__dict__.update(fields)
    instance._state = ModelState()
    instance._state.adding, instance._state.db = False, DEFAULT_DB_ALIAS
    return instance


def _post_from(values: dict, prefix: str, *, repost_of_id: int | None = None) -> Post:
    post = _bare(Post, {name: values[f"{prefix}{name}"] for name in POST_FIELDS})
    post.repost_of_id = repost_of_id
    author = {name: values[f"{prefix}author__{name}"] for name in AUTHOR_FIELDS}
    post._state.fields_cache["author"] = _bare(User, {"id": post.author_id, **author})
    quoted = None
    if post.quoted_post_id is not None:
        quoted = {name: values[f"{prefix}quoted_post__{name}"] for name in QUOTED_FIELDS}
        quoted = _bare(Post, {"id": post.quoted_post_id, **quoted})
    post._state.fields_cache["quoted_post"] = quoted
    return post


def marked_posts(*, viewer: policy.Viewer, rows: list[dict]) -> list[Post]:
    """The page's posts (a repost row with its original as `repost_of`), flagged by policy.marks_apply
    from the query's facts; one more query only when the page has quote cards (policy.seen_post_ids)."""
    posts = []
    for values in rows:
        post = _post_from(values, "", repost_of_id=values["repost_of_id"])
        original = None
        if post.repost_of_id is not None:
            original = _post_from(values, "repost_of__")
        post._state.fields_cache["repost_of"] = original
        posts.append(post)
    marks, reply_facts = {}, {}
    if viewer.is_authenticated:
        for values in rows:
            marks[values["original_id"]] = tuple(values[name] for name in VIEWER_MARKS)
            reply_facts[values["original_id"]] = tuple(values[name] for name in REPLY_FACTS)
    originals = [policy.original_of(post) for post in posts]
    seen_quotes = policy.seen_post_ids(viewer=viewer, post_ids=policy.attached_quote_ids(originals))
    return policy.marks_apply(viewer=viewer, posts=posts, marks=marks, reply_facts=reply_facts, seen_quotes=seen_quotes)
