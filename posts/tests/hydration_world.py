"""A page with every kind of post a viewer can meet, for the hydration tests: liked, bookmarked,
reposted by the viewer and by others, quotes seen, hidden and detached, replies limited, mentions."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import User
from posts import reposts, services
from posts.bookmarks import bookmark_create
from posts.models import Post
from social import services as social


@dataclass
class HydrationWorld:
    viewer: User
    ana: User
    posts: dict[str, Post]


def build_hydration_world(*, moderator: bool = False) -> HydrationWorld:
    viewer = UserFactory(username="val", role=User.Role.MODERATOR if moderator else User.Role.USER)
    ana, bob, cid = UserFactory(username="ana", display_name="Ana A"), UserFactory(username="bob"), UserFactory()
    for followee in (ana, bob):
        social.follow_create(follower=viewer, followee=followee)
    social.follow_create(follower=ana, followee=viewer)
    social.follow_create(follower=bob, followee=cid)
    hidden = services.post_create(author=cid, body="only mine", visibility=Post.Visibility.FOLLOWERS)
    posts = {"hidden": hidden}
    posts["plain"] = services.post_create(author=ana, body="Hello #world, see https://example.com and @bob")
    posts["limited"] = services.post_create(author=ana, body="Followers, reply", reply_policy="following")
    posts["mentioned"] = services.post_create(author=bob, body="Only @val may reply", reply_policy="mentioned")
    posts["closed"] = services.post_create(author=bob, body="Nobody but @ana", reply_policy="mentioned")
    posts["followers"] = services.post_create(author=ana, body="For followers", visibility=Post.Visibility.FOLLOWERS)
    posts["quote"] = services.post_create(author=ana, body="Look at this", quoted_post=posts["mentioned"])
    posts["quote_hidden"] = services.post_create(author=bob, body="Quoting a hidden post", quoted_post=hidden)
    posts["quote_detached"] = services.post_create(author=bob, body="Detached", quoted_post=posts["plain"])
    reposts.quote_detach(user=ana, quote=posts["quote_detached"])
    posts["from_stranger"] = services.post_create(author=cid, body="A public word from a stranger")
    posts["for_ana"] = services.post_create(author=cid, body="Another public word")
    posts["own"] = services.post_create(author=viewer, body="My own <b>words</b>\nsecond line")
    posts["quotes_own"] = services.post_create(author=ana, body="Quoting val", quoted_post=posts["own"])
    services.post_update(post=posts["plain"], editor=ana, body=posts["plain"].body + " (edited)", visibility="public")
    services.like_create(user=viewer, post=posts["plain"])
    services.like_create(user=bob, post=posts["plain"])
    bookmark_create(user=viewer, post=posts["quote"])
    reposts.repost_create(user=viewer, post=posts["closed"])
    reposts.repost_create(user=viewer, post=posts["from_stranger"])
    reposts.repost_create(user=ana, post=posts["for_ana"])
    reposts.repost_create(user=bob, post=posts["limited"])
    reposts.repost_create(user=ana, post=posts["own"])
    # Hours old, so that the relative times of two renderings a moment apart read the same.
    for hours, post in enumerate(Post.objects.order_by("-id"), start=1):
        Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(hours=hours))
    return HydrationWorld(viewer=viewer, ana=ana, posts=posts)
