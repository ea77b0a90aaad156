"""factory-boy factories for posts: used by the tests and by `seed_demo`."""

import factory
from factory.django import DjangoModelFactory

from accounts.factories import UserFactory
from posts.models import Bookmark, Comment, Like, Post


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post

    author = factory.SubFactory(UserFactory)
    body = factory.Faker("sentence", nb_words=14)
    visibility = Post.Visibility.PUBLIC


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    author = factory.SubFactory(UserFactory)
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
