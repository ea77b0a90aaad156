"""Every comment becomes a reply post: one model for one thing.

A reply keeps its author, text, times and removal state, gets the mentions and hashtags a post
has, and joins its post's conversation. It is public: who may read it is still decided by the
post it answers (posts.policy hides a reply whose parent the viewer may not see). Events,
notifications and reports that pointed at a comment point at its reply; the kind "comment"
becomes "reply"; authors' post counts now count their replies. `MovedComment` remembers where
each comment went, for its old links. The search index follows by itself (a generated column on
PostgreSQL, triggers on SQLite).
"""

from django.db import migrations, models
from django.db.migrations.exceptions import IrreversibleError
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower

from posts.text import extract_hashtags, extract_mentions

BATCH = 1000


def _link_mentions_and_hashtags(apps, replies) -> None:
    Post, User, Hashtag, Block = (apps.get_model(*name.split(".")) for name in ("posts.Post", "accounts.User", "posts.Hashtag", "social.Block"))
    names = {reply.pk: extract_mentions(reply.body) for reply in replies}
    tags = {reply.pk: extract_hashtags(reply.body) for reply in replies}
    wanted_names = {name for found in names.values() for name in found}
    people = dict(
        User.objects.annotate(lower_name=Lower("username")).filter(lower_name__in=wanted_names).values_list("lower_name", "id")
    )
    authors = {reply.author_id for reply in replies}
    blocked_pairs = set(
        Block.objects.filter(Q(blocker__in=authors) | Q(blocked__in=authors)).values_list("blocker_id", "blocked_id")
    )
    Hashtag.objects.bulk_create([Hashtag(name=tag) for found in tags.values() for tag in found], ignore_conflicts=True)
    tag_ids = dict(Hashtag.objects.filter(name__in={tag for found in tags.values() for tag in found}).values_list("name", "id"))
    Mention, Tagged = Post.mentions.through, Post.hashtags.through
    mentions, tagged = [], []
    for reply in replies:
        for name in names[reply.pk]:
            person = people.get(name)
            if person and (reply.author_id, person) not in blocked_pairs and (person, reply.author_id) not in blocked_pairs:
                mentions.append(Mention(post_id=reply.pk, user_id=person))
        tagged.extend(Tagged(post_id=reply.pk, hashtag_id=tag_ids[tag]) for tag in tags[reply.pk])
    Mention.objects.bulk_create(mentions, ignore_conflicts=True)
    Tagged.objects.bulk_create(tagged, ignore_conflicts=True)


def comments_to_replies(apps, schema_editor) -> None:
    Comment, Post, MovedComment = (apps.get_model("posts", name) for name in ("Comment", "Post", "MovedComment"))
    comments = Comment.objects.select_related("post").order_by("id")
    last_id = 0
    while batch := list(comments.filter(id__gt=last_id)[:BATCH]):
        last_id = batch[-1].pk
        replies = Post.objects.bulk_create(
            Post(
                author_id=comment.author_id,
                body=comment.body,
                visibility="public",
                in_reply_to_id=comment.post_id,
                conversation_id=comment.post.conversation_id or comment.post_id,
                created_at=comment.created_at,
                removed_at=comment.removed_at,
            )
            for comment in batch
        )
        MovedComment.objects.bulk_create(
            MovedComment(comment_id=comment.pk, post_id=reply.pk) for comment, reply in zip(batch, replies, strict=True)
        )
        _link_mentions_and_hashtags(apps, replies)
    _repoint_what_named_comments(apps)
    _count_replies_as_posts(apps)


def _repoint_what_named_comments(apps) -> None:
    MovedComment = apps.get_model("posts", "MovedComment")
    reply_of_comment = Subquery(MovedComment.objects.filter(comment_id=OuterRef("comment_id")).values("post_id")[:1])
    for model in ("notifications.Event", "notifications.Notification"):
        rows = apps.get_model(*model.split("."))
        rows.objects.exclude(comment=None).update(post_id=reply_of_comment)
        rows.objects.filter(kind="comment").update(kind="reply")
    apps.get_model("moderation", "Report").objects.exclude(comment=None).update(post_id=reply_of_comment, comment=None)


def _count_replies_as_posts(apps) -> None:
    Comment, User = apps.get_model("posts", "Comment"), apps.get_model("accounts", "User")
    written = Comment.objects.filter(author=OuterRef("pk")).order_by().values("author").annotate(n=Count("pk")).values("n")
    replies = Coalesce(Subquery(written, output_field=IntegerField()), Value(0))
    User.objects.filter(pk__in=Comment.objects.values("author_id")).update(post_count=F("post_count") + replies)


def refuse_to_undo_with_replies_moved(apps, schema_editor) -> None:
    """Undoing is only possible before any comment moved: replies cannot be told back into comments."""
    if apps.get_model("posts", "MovedComment").objects.exists():
        raise IrreversibleError("Comments became reply posts; they cannot become comments again.")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_user_default_quote_policy"),
        ("moderation", "0001_initial"),
        ("notifications", "0004_repost_and_quote_kinds"),
        ("posts", "0005_conversations_reposts_quotes_bookmarks"),
        ("social", "0004_follow_notify_posts_opt_in"),
    ]

    operations = [
        migrations.CreateModel(
            name="MovedComment",
            fields=[
                ("comment_id", models.BigIntegerField(primary_key=True, serialize=False)),
                (
                    "post",
                    models.OneToOneField(on_delete=models.deletion.CASCADE, related_name="+", to="posts.post"),
                ),
            ],
        ),
        migrations.RunPython(comments_to_replies, refuse_to_undo_with_replies_moved, elidable=False),
    ]
