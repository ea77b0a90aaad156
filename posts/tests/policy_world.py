"""One small world for the policy's tests: every kind of viewer, every kind of post and reply.

ana writes the posts the viewers look at; oli writes another public post everyone follows him
for; sue's post and reply are there from before her suspension. The replies are posts too (to
oli's post, one to ana's public post); the posts that start a conversation say "parity" (for search)
and carry #tagx, the replies neither; #seen is only on posts that count for tag search, #hidden only
on posts that do not.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from accounts.factories import UserFactory
from accounts.models import User
from posts import services
from posts.models import Post
from social import services as social
from social.models import Follow

VIEWERS = ["anonymous", "author", "follower", "stranger", "blocked", "blocker", "muted", "moderator"]
POSTS = ["public", "followers", "removed", "suspended", "other"]
REPLIES = ["by_author", "by_follower", "removed", "by_suspended", "on_public"]
FOLLOWERS = Post.Visibility.FOLLOWERS
MENTIONS = "@fay @sam @bea @ben @max @mod"


@dataclass
class World:
    viewers: dict[str, User | AnonymousUser]
    posts: dict[str, Post]
    replies: dict[str, Post]

    def post_ids(self, names: str) -> list[int]:
        """The ids of the posts named (space-separated), newest first as lists show them."""
        return sorted((self.posts[name].pk for name in names.split()), reverse=True)

    def reply_ids(self, names: str) -> list[int]:
        """The ids of the replies named, oldest first as a post's replies are shown."""
        return sorted(self.replies[name].pk for name in names.split())


def _people() -> dict[str, User]:
    names = {"author": "ana", "follower": "fay", "stranger": "sam", "blocked": "bea", "blocker": "ben"}
    people = {role: UserFactory(username=name) for role, name in names.items()}
    people["muted"] = UserFactory(username="max")
    people["moderator"] = UserFactory(username="mod", role=User.Role.MODERATOR)
    return people


def build_world(capture_on_commit) -> World:
    """Build the world; `capture_on_commit` is pytest-django's django_capture_on_commit_callbacks."""
    people = _people()
    ana, oli, sue = people["author"], UserFactory(username="oli"), UserFactory(username="sue")
    for person in people.values():
        social.follow_create(follower=person, followee=oli)
    for follower in (people["follower"], people["muted"]):
        social.follow_create(follower=follower, followee=ana)
    social.follow_create(follower=people["follower"], followee=sue)
    social.block_create(blocker=ana, blocked=people["blocked"])
    social.block_create(blocker=people["blocker"], blocked=ana)
    social.mute_create(muter=people["muted"], muted=ana)
    Follow.objects.update(notify_posts=False)  # Only mentions and replies notify in this world.
    with capture_on_commit(execute=True):
        posts = {
            "public": services.post_create(author=ana, body=f"parity public #tagx #seen {MENTIONS}"),
            "followers": services.post_create(
                author=ana, body=f"parity only #tagx #hidden {MENTIONS}", visibility=FOLLOWERS
            ),
            "removed": services.post_create(author=ana, body=f"parity removed #tagx #hidden {MENTIONS}"),
            "suspended": services.post_create(author=sue, body="parity suspended #tagx #hidden @fay"),
            "other": services.post_create(author=oli, body="parity other #tagx #seen"),
        }
        other = posts["other"]
        replies = {
            "by_author": services.post_create(author=ana, body="ana replies", in_reply_to=other),
            "by_follower": services.post_create(author=people["follower"], body="fay replies", in_reply_to=other),
            "removed": services.post_create(author=people["stranger"], body="sam replies", in_reply_to=other),
            "by_suspended": services.post_create(author=sue, body="sue replies", in_reply_to=other),
            "on_public": services.post_create(author=oli, body="oli replies", in_reply_to=posts["public"]),
        }
    services.post_remove(post=posts["removed"])
    services.post_remove(post=replies["removed"])
    User.objects.filter(pk=sue.pk).update(is_active=False)
    viewers = {"anonymous": AnonymousUser(), **people}
    for post in posts.values():
        post.refresh_from_db()
    for reply in replies.values():
        reply.refresh_from_db()
    return World(viewers=viewers, posts=posts, replies=replies)


# What each viewer may open, by name: the table both doors and the policy are held to.
SEES_POST = {
    "anonymous": "public other",
    "author": "public followers other",
    "follower": "public followers other",
    "stranger": "public other",
    "blocked": "other",
    "blocker": "other",
    "muted": "public followers other",
    "moderator": "public other",
}
SEES_REPLY = {
    "anonymous": "by_author by_follower on_public",
    "author": "by_author by_follower on_public",
    "follower": "by_author by_follower on_public",
    "stranger": "by_author by_follower on_public",
    "blocked": "by_follower",
    "blocker": "by_follower",
    "muted": "by_author by_follower on_public",
    "moderator": "by_author by_follower on_public",
}
