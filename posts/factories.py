"""factory-boy factories for posts: used by the tests and by `seed_demo`."""

import factory
from factory.django import DjangoModelFactory

from accounts.factories import UserFactory
from posts.models import Bookmark, Like, Post


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post

    author = factory.SubFactory(UserFactory)
    body = factory.Faker("sentence", nb_words=14)
    visibility = Post.Visibility.PUBLIC


class ReplyFactory(PostFactory):
    """A reply in its parent's conversation (as posts.services.post_create makes one, without counters)."""

    in_reply_to = factory.SubFactory(PostFactory)
    conversation_id = factory.LazyAttribute(lambda reply: reply.in_reply_to.thread_root_id)
    body = factory.Faker("sentence", nb_words=10)


class LikeFactory(DjangoModelFactory):
    class Meta:
        model = Like

    post = factory.SubFactory(PostFactory)
    user = factory.SubFactory(UserFactory)


class BookmarkFactory(DjangoModelFactory):
    class Meta:
        model = Bookmark

    post = factory.SubFactory(PostFactory)
    user = factory.SubFactory(UserFactory)
